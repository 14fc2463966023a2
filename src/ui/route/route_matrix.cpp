// The events × windows matrix: delivery counts per event and receiver (each simulated window,
// then the Rust backend). Clicking a count asks the log to show exactly those deliveries: the
// filter term is the delivery key "[EVENT@js:LABEL]" / "[EVENT@rust]" that every deliver and
// skip row carries among its searched fields (see delivery_key in view/log/log_rows.h). A plain
// "EVENT,LABEL" would not do: ImGuiTextFilter's terms are OR-ed, so it would show every row
// naming the event or the label.
#include <imgui.h>

#include <string>

#include "ui/log/log_state.h"
#include "ui/route/route_state.h"
#include "ui/widgets.h"
#include "view/log/log_rows.h"

namespace eventlab::ui {

void draw_route_matrix(RouteView& v, UiContext& ui, ImVec2 size) {
    const DeliveryMatrix::View& m = v.matrix_view;
    if (m.events.empty()) {
        ImGui::TextDisabled("No emit recorded yet.");
        return;
    }
    const int columns = static_cast<int>(m.columns.size()) + 2;
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("matrix", columns, kFlags, size)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Event");
    ImGui::TableSetupColumn("emits");
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
        const std::string header =
            m.columns[c] + (m.observed[c] ? " (tapped)" : "") + (m.alive[c] ? "" : " (closed)");
        ImGui::TableSetupColumn(header.c_str());
    }
    ImGui::TableHeadersRow();

    const std::string& selected = v.route.found ? v.route.event : std::string();
    for (std::size_t e = 0; e < m.events.size(); ++e) {
        const std::string& event = m.events[e];
        ImGui::TableNextRow();
        if (event == selected) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, group_tint());
        ImGui::PushID(static_cast<int>(e));
        ImGui::TableNextColumn();
        bool delivered = false;
        for (std::size_t c = 0; c < m.columns.size(); ++c)
            delivered = delivered || m.at(e, c) > 0;
        const char* name = event.empty() ? "\"\"" : event.c_str();
        if (!delivered) {
            ImGui::TextColored(lost_color(), "%s", name);  // emitted, and nothing listened
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("emitted, delivered nowhere: lost");
        } else {
            ImGui::TextUnformatted(name);
        }
        ImGui::TableNextColumn();
        const std::string emits = std::to_string(m.emits[e]);
        if (ImGui::Selectable(emits.c_str())) ui.log_filter_request = event;
        ui.note_item("matrix/" + event + "/emits");
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s emits of %s; click: every row of this event in the log",
                              emits.c_str(), event.c_str());
        }
        for (std::size_t c = 0; c < m.columns.size(); ++c) {
            if (!ImGui::TableNextColumn()) continue;  // scrolled out of view: nothing to draw
            const std::uint64_t count = m.at(e, c);
            const std::string text = count == 0 ? "." : std::to_string(count);
            ImGui::PushID(static_cast<int>(c));
            if (count == 0) ImGui::PushStyleColor(ImGuiCol_Text, dim_color());
            const bool clicked = ImGui::Selectable(text.c_str());
            if (count == 0) ImGui::PopStyleColor();
            ImGui::PopID();
            // The summed column of fit_matrix has no receiver: it shows the event's rows.
            const bool summed = m.receivers[c].empty();
            const std::string label =
                c + 1 == m.columns.size() ? "rust" : (summed ? "other" : m.columns[c]);
            ui.note_item("matrix/" + event + "/" + label);
            if (clicked) {
                ui.log_filter_request = summed ? event : delivery_key(event, m.receivers[c]);
            }
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%llu deliveries of %s to %s\nclick: show them in the log",
                                  static_cast<unsigned long long>(count), event.c_str(),
                                  m.columns[c].c_str());
            }
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace eventlab::ui
