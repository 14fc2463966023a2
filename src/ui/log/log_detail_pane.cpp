// The log's detail pane: the selected record as pretty JSON and its whole payload, pretty-
// printed in the monospace font. Built once per selection (describe_detail caps a huge payload
// at its first 64 KiB), never per frame.
#include <imgui.h>

#include <string>

#include "ui/log/log_state.h"
#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

void draw_mono_text(const std::string& text, ImFont* mono) {
    // A child with both scrollbars: ImGui skips the lines of a long text that are off screen.
    ImGui::BeginChild("##text", ImVec2(0, 0), ImGuiChildFlags_None,
                      ImGuiWindowFlags_HorizontalScrollbar);
    if (mono != nullptr) ImGui::PushFont(mono, 0.0F);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    if (mono != nullptr) ImGui::PopFont();
    ImGui::EndChild();
}

}  // namespace

void draw_log_detail(LogView& v, UiContext& ui, ImVec2 size) {
    ImGui::BeginChild("##detail", size, ImGuiChildFlags_Borders);
    Record r;
    if (!ui.workbench.log().get(v.selected, r)) {
        ImGui::TextDisabled("The selected record was dropped from the log (a ring of %zu).",
                            ui.workbench.log().capacity());
        ImGui::SameLine();
        if (ImGui::SmallButton("Close")) v.selected = kNoPosition;
        ImGui::EndChild();
        return;
    }
    if (v.detail_for != v.selected) {
        const Symbols& symbols = ui.workbench.symbols();
        v.detail = describe_detail(r, symbols);
        v.detail_for = v.selected;
        const LogRow row = describe_row(r, symbols, v.style);
        v.detail_title = row.type + (row.emit.empty() ? "" : " " + row.emit) +
                         (row.event.empty() ? "" : " " + row.event) + "  (seq " +
                         std::to_string(r.seq) + ", " + row.time + ")";
    }

    ImGui::TextColored(record_color(r.type), "%s", v.detail_title.c_str());
    ImGui::SameLine();
    copy_button("copy-record", v.detail.record_json);
    if (ui.selected_emit != 0) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Follow newest emit")) ui.selected_emit = 0;
        ui.note_item("log/follow-newest");
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("The route view and the highlight follow the newest emit again");
        }
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) v.selected = kNoPosition;
    ui.note_item("log/detail/close");

    if (ImGui::BeginTabBar("##detail-tabs")) {
        if (v.detail.has_payload && ImGui::BeginTabItem("Payload")) {
            if (!v.detail.payload_note.empty()) {
                ImGui::TextColored(lost_color(), "%s", v.detail.payload_note.c_str());
                ImGui::SameLine();
            }
            copy_button("copy-payload", v.detail.payload);
            draw_mono_text(v.detail.payload, ui.mono);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Record")) {
            draw_mono_text(v.detail.record_json, ui.mono);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

}  // namespace eventlab::ui
