#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct LifecyclePanel::State {};

LifecyclePanel::LifecyclePanel() : state_(std::make_unique<State>()) {}
LifecyclePanel::~LifecyclePanel() = default;

void LifecyclePanel::draw(UiContext& /*ui*/) {}

}  // namespace eventlab::ui
