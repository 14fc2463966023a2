#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct DemoPanel::State {};

DemoPanel::DemoPanel() : state_(std::make_unique<State>()) {}
DemoPanel::~DemoPanel() = default;

void DemoPanel::draw(UiContext& /*ui*/) {}

void DemoPanel::draw_demos_menu(UiContext& /*ui*/) {}

}  // namespace eventlab::ui
