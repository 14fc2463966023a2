#include "ui/ui_context.h"

namespace eventlab::ui {

void UiContext::notice(std::string text, double seconds) {
    notices.push_back({std::move(text), ImGui::GetTime() + seconds});
    while (notices.size() > 5)
        notices.pop_front();
}

void UiContext::note_item(const std::string& name) const {
    if (probe == nullptr) return;
    probe->items[name] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

void UiContext::place(const Area& area, ImGuiCond cond) {
    ImGui::SetNextWindowPos(area.pos, cond);
    ImGui::SetNextWindowSize(area.size, cond);
}

}  // namespace eventlab::ui
