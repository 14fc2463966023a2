#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct RoutePanel::State {};

RoutePanel::RoutePanel() : state_(std::make_unique<State>()) {}
RoutePanel::~RoutePanel() = default;

void RoutePanel::draw(UiContext& /*ui*/) {
    ImGui::Begin("Route");
    ImGui::TextUnformatted("(being written)");
    ImGui::End();
}

}  // namespace eventlab::ui
