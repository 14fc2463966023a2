// Drives ImGui panels without a window or GL: ui::HeadlessContext (the app's docking, and on
// request its multi-viewports over pretend OS windows), frames with synthetic mouse and keyboard
// input, and item rectangles recorded by UiContext::note_item for clicking.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <functional>
#include <string>

#include "ui/headless.h"
#include "ui/ui_context.h"

namespace eventlab::test {

class HeadlessImGui {
  public:
    explicit HeadlessImGui(float width = 1600, float height = 1000, bool viewports = false)
        : context_({width, height, viewports}) {}

    ui::HeadlessContext& context() { return context_; }

    // One frame: NewFrame, draw, Render.
    void frame(const std::function<void()>& draw) { context_.frame(draw); }
    void frames(int n, const std::function<void()>& draw) {
        for (int i = 0; i < n; ++i)
            frame(draw);
    }

    // Input as a platform backend gives it: queued, applied by the next frame.
    static void move_mouse(ImVec2 to) { ImGui::GetIO().AddMousePosEvent(to.x, to.y); }
    static void mouse_button(bool down) { ImGui::GetIO().AddMouseButtonEvent(0, down); }
    static void wheel(float lines) { ImGui::GetIO().AddMouseWheelEvent(0.0F, lines); }

    // Moves the mouse over `at`, presses and releases the left button, over a few frames.
    void click(ImVec2 at, const std::function<void()>& draw) {
        move_mouse(at);
        frame(draw);
        mouse_button(true);
        frame(draw);
        mouse_button(false);
        frame(draw);
        frame(draw);
    }

    // Clicks the item a panel recorded as `name`; false when it was not drawn last frame.
    bool click_item(const ui::ItemProbe& probe, const std::string& name,
                    const std::function<void()>& draw) {
        auto it = probe.items.find(name);
        if (it == probe.items.end()) return false;
        click(it->second.center(), draw);
        return true;
    }

    // Presses and releases `key`, with Ctrl held when `ctrl`.
    void press_key(ImGuiKey key, bool ctrl, const std::function<void()>& draw) {
        ImGuiIO& io = ImGui::GetIO();
        if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
        io.AddKeyEvent(key, true);
        frame(draw);
        io.AddKeyEvent(key, false);
        if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
        frame(draw);
    }

    // Moves the mouse from `from` towards `to` until ImGui says item `id` is hovered, and
    // clicks it there; false when it never is. Menu items carry no probe name, so they are
    // found by their ImGui id.
    bool click_id(ImGuiID id, ImVec2 from, ImVec2 to, const std::function<void()>& draw) {
        constexpr int kSteps = 200;
        for (int i = 0; i <= kSteps; ++i) {
            const float t = static_cast<float>(i) / kSteps;
            const ImVec2 at(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
            move_mouse(at);
            frame(draw);
            if (ImGui::GetCurrentContext()->HoveredId == id) {
                click(at, draw);
                return true;
            }
        }
        return false;
    }

    // `menu` ▸ `item` of the main menu bar, as a person clicks them; false when either is not
    // there.
    bool pick_from_menu(const char* menu, const char* item, const std::function<void()>& draw) {
        const ImGuiWindow* bar = ImGui::FindWindowByName("##MainMenuBar");
        if (bar == nullptr) return false;
        const ImGuiID menubar_seed = ImHashStr("##MenuBar", 0, bar->ID);  // BeginMenuBar's PushID
        const float y = bar->Pos.y + bar->Size.y / 2;
        if (!click_id(ImHashStr(menu, 0, menubar_seed), {bar->Pos.x, y}, {bar->Pos.x + 800, y},
                      draw)) {
            return false;
        }
        const ImGuiContext& g = *ImGui::GetCurrentContext();
        if (g.OpenPopupStack.Size != 1 || g.OpenPopupStack[0].Window == nullptr) return false;
        const ImGuiWindow* popup = g.OpenPopupStack[0].Window;
        const float x = popup->Pos.x + popup->Size.x / 2;
        return click_id(ImHashStr(item, 0, popup->ID), {x, popup->Pos.y},
                        {x, popup->Pos.y + popup->Size.y}, draw);
    }

    // The text the next frame draws, every window's (ImGui's own text capture).
    std::string drawn_text(const std::function<void()>& draw) {
        std::string text;
        frame([&] {
            ImGui::LogToBuffer();
            draw();
            text = ImGui::GetCurrentContext()->LogBuffer.c_str();
            ImGui::LogFinish();
        });
        return text;
    }

    // The tab of the ImGui window `name` is the one its dock node shows.
    static bool in_front(const char* name) {
        const ImGuiWindow* w = ImGui::FindWindowByName(name);
        return w != nullptr && w->Active && w->DockIsActive && w->DockTabIsVisible;
    }

  private:
    ui::HeadlessContext context_;
};

}  // namespace eventlab::test
