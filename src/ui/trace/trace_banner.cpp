#include "ui/trace/trace_banner.h"

#include <imgui.h>

#include <filesystem>
#include <string>

#include "ui/log/log_state.h"
#include "ui/widgets.h"

namespace eventlab::ui {

void draw_trace_banner(UiContext& ui, const char* where) {
    if (!ui.workbench.viewing_trace()) return;
    const std::string file = std::filesystem::path(ui.workbench.trace_path()).filename().string();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.98F, 0.75F, 0.30F, 1.0F));
    ImGui::AlignTextToFramePadding();
    ImGui::Text("Viewing trace %s (read-only) %s", file.c_str(), glyph_or(0x2014, "\u2014", "-"));
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "%s\nThe views show the trace up to the timeline's cursor; the windows, "
            "backend and periodic panels still act on the live session.",
            ui.workbench.trace_path().c_str());
    }
    ImGui::SameLine();
    ImGui::PushID(where);
    if (ImGui::SmallButton("Close trace")) {
        ui.workbench.close_trace();
        ui.selected_emit = 0;  // an emit id of the trace means nothing in the live log
    }
    ImGui::PopID();
    ui.note_item(std::string("trace/close/") + where);
    ImGui::Separator();
}

const char* live_suffix(const UiContext& ui) {
    return ui.workbench.viewing_trace() ? " (live)" : "";
}

}  // namespace eventlab::ui
