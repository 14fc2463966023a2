// The log's rows: a clipper over the filtered index, so a frame reads and describes only the
// rows on screen, whatever the size of the log.
#include <imgui.h>

#include <optional>
#include <string>

#include "ui/log/log_state.h"
#include "ui/widgets.h"
#include "ui/windows/lifecycle_view.h"
#include "view/windows/lifecycle.h"

namespace eventlab::ui {
namespace {

constexpr double kTooltipDelay = 0.45;  // seconds the mouse rests on a row before its tooltip

bool of_emit(const Record& r) {
    return r.type == RecordType::Emit || r.type == RecordType::Deliver ||
           r.type == RecordType::Skip;
}

// The reason cell of an emit says what became of it: the tracker counts its deliveries (JS
// ones arrive later), and an emit that settled with none is "lost".
void draw_emit_outcome(const LogView& v, const Record& r, const LogRow& row) {
    const EmitFate fate = v.tracker.fate(r.emit, v.settling);
    const EmitEntry* entry = v.tracker.find(r.emit);
    switch (fate) {
        case EmitFate::Lost:
            ImGui::TextColored(lost_color(), "lost: nothing listened (%s)", row.reason.c_str());
            return;
        case EmitFate::Pending:
            ImGui::TextDisabled("%s, waiting for deliveries", row.reason.c_str());
            return;
        case EmitFate::Reached:
            if (entry != nullptr && entry->skipped > 0) {
                ImGui::Text("%s: %u delivered, %u skipped", row.reason.c_str(), entry->delivered,
                            entry->skipped);
            } else if (entry != nullptr) {
                ImGui::Text("%s: %u delivered", row.reason.c_str(), entry->delivered);
            }
            return;
        case EmitFate::Unknown:
            break;
    }
    ImGui::TextUnformatted(row.reason.c_str());
}

// Which component leaked a listener, for "handler of unmounted component `Feed` ran". Built at
// most once per frame, and only when a warning row is on screen: the components are copied
// from the session, so a log without leaks never pays for it. A viewed trace has no session
// components to ask: its rows keep the generic words.
struct LeakNames {
    std::optional<ComponentIndex> index;

    std::string_view component(const UiContext& ui, const Record& r) {
        if (ui.workbench.viewing_trace()) return {};
        if (!index) {
            index.emplace();
            index->update(ui.workbench.session().components());
        }
        return index->leaked_component(r.listener);
    }
};

void draw_tooltip(const LogRow& row, const Record& r) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    ImGui::TextColored(record_color(r.type), "%s %s", row.type.c_str(), row.emit.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("seq %llu, %s", static_cast<unsigned long long>(r.seq), row.time.c_str());
    if (!row.warning.empty()) ImGui::TextColored(leaked_state_color(), "%s", row.warning.c_str());
    if (!row.event.empty()) ImGui::Text("event: %s", row.event.c_str());
    if (!row.route.empty()) ImGui::Text("%s", row.route.c_str());
    if (r.type == RecordType::Skip && record_skip_count(r) > 1) {
        ImGui::Text("listeners: %s", row.listener.c_str());  // its cell lists their ids
    } else if (!row.listener.empty()) {
        ImGui::Text("listener id %u: %s", r.listener, row.listener.c_str());
    }
    if (!row.reason.empty()) ImGui::TextWrapped("%s", row.reason.c_str());
    if (!row.payload.empty()) ImGui::TextWrapped("payload: %s", row.payload.c_str());
    ImGui::TextDisabled("click to select%s", of_emit(r) ? ": the route view shows its emit" : "");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void draw_row(LogView& v, UiContext& ui, std::uint64_t position, const Symbols& symbols,
              LeakNames& leaks) {
    ImGui::TableNextRow();
    Record r;
    if (!ui.workbench.log().get(position, r)) {  // the ring dropped it since the index update
        ImGui::TableNextColumn();
        ImGui::TextDisabled("(dropped)");
        return;
    }
    LogRow row = describe_row(r, symbols, v.style);
    if (!row.warning.empty()) row.warning = delivery_warning(r, leaks.component(ui, r));
    const bool lost =
        r.type == RecordType::Emit && v.tracker.fate(r.emit, v.settling) == EmitFate::Lost;
    if (ui.selected_emit != 0 && of_emit(r) && r.emit == ui.selected_emit) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, group_tint());
    } else if (lost) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, lost_tint());
    } else if (!row.warning.empty()) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, leak_tint());
    }

    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(position & 0x7FFFFFFF));
    constexpr ImGuiSelectableFlags kRowFlags =
        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap;
    if (ImGui::Selectable(row.time.c_str(), v.selected == position, kRowFlags)) {
        v.selected = position;
        // A delivery or skip selects its emit too: the route view and the highlight follow.
        if (of_emit(r)) ui.selected_emit = r.emit;
    }
    ImGui::PopID();
    ui.note_item("log/row/" + std::to_string(r.seq));
    if (ImGui::IsItemHovered()) {
        const double now = ImGui::GetTime();
        if (v.hover_position != position) {
            v.hover_position = position;
            v.hover_since = now;
        }
        if (now - v.hover_since >= kTooltipDelay) {
            draw_tooltip(row, r);
        } else {
            ui.animating = true;  // draw again so the tooltip appears after the delay
        }
    }

    ImGui::TableNextColumn();
    ImGui::TextColored(record_color(r.type), "%s", row.type.c_str());
    if (!row.emit.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", row.emit.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.event.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.route.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.listener.c_str());
    ImGui::TableNextColumn();
    if (!row.payload.empty()) {
        if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
        ImGui::TextUnformatted(row.payload.c_str());
        if (ui.mono != nullptr) ImGui::PopFont();
    }
    ImGui::TableNextColumn();
    if (r.type == RecordType::Emit) {
        draw_emit_outcome(v, r, row);
    } else if (!row.warning.empty()) {
        // One line (the clipper needs even rows): the warning first, the match words after it.
        ImGui::TextColored(leaked_state_color(), "%s%s", glyph_or(0x26A0, "\u26A0 ", "! "),
                           row.warning.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", row.reason.c_str());
        ui.note_item("log/warning/" + std::to_string(r.seq));
    } else if (row.warn) {
        ImGui::TextColored(error_color(), "%s", row.reason.c_str());
    } else {
        ImGui::TextUnformatted(row.reason.c_str());
    }
}

}  // namespace

void draw_log_table(LogView& v, UiContext& ui, ImVec2 size) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                       ImGuiTableFlags_Hideable | ImGuiTableFlags_Reorderable |
                                       ImGuiTableFlags_SizingStretchProp;
    if (size.y < ImGui::GetFrameHeight() * 2) size.y = ImGui::GetFrameHeight() * 2;
    if (!ImGui::BeginTable("log", 7, kFlags, size)) return;
    // Initial widths from the usual content, so the common case is not cut mid-word: an hour
    // of session time, a 6-digit emit id and Tauri's longest event name are fixed; the rest
    // share the width in proportion to what they usually hold, the reason most. A person's
    // widths are kept in imgui.ini (the table's ID is stable and it saves its settings); a cut
    // cell is whole in the row's tooltip.
    const auto width_of = [](const char* text) { return ImGui::CalcTextSize(text).x; };
    const auto stretch = [&](const char* name, const char* usual) {
        ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, width_of(usual));
    };
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, width_of("0000.000 s"));
    ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthFixed, width_of("deliver #000000"));
    ImGui::TableSetupColumn("Event", ImGuiTableColumnFlags_WidthFixed,
                            width_of("tauri://close-requested"));
    stretch(glyph_or(0x2192, "From \u2192 to", "From -> to"), "rust -> js:settings");
    stretch("Listener", "settings: listen(tick)");
    stretch("Payload", "{\"data\": \"tick\"}");
    stretch("Reason", "listener target Any: a global listener");
    ImGui::TableHeadersRow();

    // Autoscroll, as ImGui's demo console does it: the view follows while it sat at the bottom
    // last frame. Scrolling up stops it; scrolling back to the bottom resumes it.
    if (v.jump_to_bottom) {
        v.follow = true;
    } else {
        v.follow = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0F;
    }

    const Symbols& symbols = ui.workbench.symbols();
    const auto& rows = v.index.rows();
    LeakNames leaks;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(v.row_count()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            draw_row(v, ui, rows[v.first_row + static_cast<std::size_t>(i)], symbols, leaks);
        }
    }
    clipper.End();
    if (v.follow) ImGui::SetScrollHereY(1.0F);
    v.jump_to_bottom = false;
    ImGui::EndTable();
}

ImVec4 lost_color() {
    return {1.0F, 0.70F, 0.25F, 1.0F};
}
ImU32 group_tint() {
    return IM_COL32(70, 110, 170, 90);
}
ImU32 lost_tint() {
    return IM_COL32(170, 110, 30, 70);
}

const char* glyph_or(ImWchar c, const char* fancy, const char* plain) {
    ImFont* font = ImGui::GetFont();
    return font != nullptr && font->IsGlyphInFont(c) ? fancy : plain;
}

}  // namespace eventlab::ui
