// The Backend panel's JavaScript tab, while `--backend FILE` runs: which module stands in for
// the app's Rust commands, whether it runs, and the commands it answered (the others went on to
// the declared commands). Its emits are in the log and the route view like any Rust emit.
#include <imgui.h>

#include "ui/backend/backend_forms.h"

namespace eventlab::ui {

void draw_stand_in(UiContext& ui, const StandInView& view) {
    ImGui::TextUnformatted(view.file.c_str());
    ImGui::PushTextWrapPos(0.0F);
    if (view.failed) {
        ImGui::TextColored(error_color(), "%s", view.state.c_str());
    } else {
        ImGui::TextColored(dim_color(), "%s", view.state.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (view.answered.empty()) {
        ImGui::TextDisabled("No command answered yet.");
        return;
    }
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("stand-in-commands", 3, kFlags)) return;
    ImGui::TableSetupColumn("command", ImGuiTableColumnFlags_WidthStretch, 3.0F);
    ImGui::TableSetupColumn("resolved", ImGuiTableColumnFlags_WidthStretch, 1.0F);
    ImGui::TableSetupColumn("rejected", ImGuiTableColumnFlags_WidthStretch, 1.0F);
    ImGui::TableHeadersRow();
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    for (const StandInView::Command& command : view.answered) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(command.name.c_str());
        ui.note_item("backend/stand-in/" + command.name);
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(command.resolved));
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(command.rejected));
    }
    if (ui.mono != nullptr) ImGui::PopFont();
    ImGui::EndTable();
}

}  // namespace eventlab::ui
