// Drives ImGui panels without a window or GL: a bare ImGui context, frames with synthetic mouse
// and keyboard input, and item rectangles recorded by UiContext::note_item for clicking.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>

#include "ui/ui_context.h"

namespace eventlab::test {

class HeadlessImGui {
  public:
    explicit HeadlessImGui(float width = 1600, float height = 1000) {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0F / 60.0F;
        io.IniFilename = nullptr;
        // The named keys the panels read, where ImGui 1.86's GLFW backend maps them (GLFW key
        // codes), so press_key takes the same codes for every key.
        io.KeyMap[ImGuiKey_Space] = 32;        // GLFW_KEY_SPACE
        io.KeyMap[ImGuiKey_RightArrow] = 262;  // GLFW_KEY_RIGHT
        io.KeyMap[ImGuiKey_LeftArrow] = 263;   // GLFW_KEY_LEFT
        io.KeyMap[ImGuiKey_Escape] = 256;      // GLFW_KEY_ESCAPE
        unsigned char* pixels = nullptr;
        int w = 0;
        int h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; no texture needed
    }
    ~HeadlessImGui() { ImGui::DestroyContext(context_); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // One frame: NewFrame, draw, Render.
    void frame(const std::function<void()>& draw) {
        ImGui::NewFrame();
        draw();
        ImGui::Render();
    }
    void frames(int n, const std::function<void()>& draw) {
        for (int i = 0; i < n; ++i)
            frame(draw);
    }

    // Moves the mouse over `at`, presses and releases the left button, over a few frames.
    void click(ImVec2 at, const std::function<void()>& draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        frame(draw);
        io.MouseDown[0] = true;
        frame(draw);
        io.MouseDown[0] = false;
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

    // Holds a key (GLFW key code, as the 1.86 GLFW backend maps them) with optional Ctrl.
    void press_key(int key, bool ctrl, const std::function<void()>& draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[key] = true;
        frame(draw);
        io.KeysDown[key] = false;
        io.KeyCtrl = false;
        frame(draw);
    }

  private:
    ImGuiContext* context_ = nullptr;
};

}  // namespace eventlab::test
