#include <imgui.h>

#include "ui/panels.h"

namespace eventlab::ui {

struct LogPanel::State {};

LogPanel::LogPanel() : state_(std::make_unique<State>()) {}
LogPanel::~LogPanel() = default;

void LogPanel::draw(UiContext& /*ui*/) {
    ImGui::Begin("Log");
    ImGui::TextUnformatted("(being written)");
    ImGui::End();
}

}  // namespace eventlab::ui
