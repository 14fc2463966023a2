#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct TracePanel::State {};

TracePanel::TracePanel() : state_(std::make_unique<State>()) {}
TracePanel::~TracePanel() = default;

void TracePanel::draw(UiContext& /*ui*/) {}

void TracePanel::draw_file_menu(UiContext& /*ui*/) {}
std::string TracePanel::status(const UiContext& /*ui*/) const {
    return {};
}
void TracePanel::stop_recording(UiContext& /*ui*/) {}

}  // namespace eventlab::ui
