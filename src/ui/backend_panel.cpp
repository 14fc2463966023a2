#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct BackendPanel::State {};

BackendPanel::BackendPanel() : state_(std::make_unique<State>()) {}
BackendPanel::~BackendPanel() = default;

void BackendPanel::draw(UiContext& /*ui*/) {
    ImGui::Begin("Backend");
    ImGui::TextUnformatted("(being written)");
    ImGui::End();
}

}  // namespace eventlab::ui
