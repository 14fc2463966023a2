#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct WindowsPanel::State {};

WindowsPanel::WindowsPanel() : state_(std::make_unique<State>()) {}
WindowsPanel::~WindowsPanel() = default;

void WindowsPanel::draw(UiContext& /*ui*/) {
    ImGui::Begin("Windows");
    ImGui::TextUnformatted("(being written)");
    ImGui::End();
}

}  // namespace eventlab::ui
