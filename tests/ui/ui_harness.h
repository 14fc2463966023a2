// Drives ImGui panels without a window or GL: ui::HeadlessContext (the app's docking, and on
// request its multi-viewports over pretend OS windows), frames with synthetic mouse and keyboard
// input, and item rectangles recorded by UiContext::note_item for clicking.
#pragma once

#include <imgui.h>

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

  private:
    ui::HeadlessContext context_;
};

}  // namespace eventlab::test
