#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct PeriodicPanel::State {};

PeriodicPanel::PeriodicPanel() : state_(std::make_unique<State>()) {}
PeriodicPanel::~PeriodicPanel() = default;

void PeriodicPanel::draw(UiContext& /*ui*/) {
    ImGui::Begin("Periodic");
    ImGui::TextUnformatted("(being written)");
    ImGui::End();
}

}  // namespace eventlab::ui
