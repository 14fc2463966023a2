// The Windows overview: one row per window (closed ones too) with the counts of its summary,
// sortable by any column and filtered by label, so 200 windows read as one table. A clipper
// draws only the rows on screen; the rows are sorted again only when the windows changed.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <array>
#include <string>

#include "ui/windows/windows_area.h"

namespace eventlab::ui {
namespace {

struct Column {
    const char* name;
    OverviewColumn id;
    ImGuiTableColumnFlags flags;
};

constexpr std::array<Column, 8> kColumns = {{
    {"window", OverviewColumn::Label, ImGuiTableColumnFlags_NoHide},
    {"state", OverviewColumn::State, ImGuiTableColumnFlags_None},
    {"listeners", OverviewColumn::Listeners, ImGuiTableColumnFlags_PreferSortDescending},
    {"calls", OverviewColumn::Calls, ImGuiTableColumnFlags_PreferSortDescending},
    {"queued", OverviewColumn::Queued, ImGuiTableColumnFlags_PreferSortDescending},
    {"leaked", OverviewColumn::Leaked, ImGuiTableColumnFlags_PreferSortDescending},
    {"stale", OverviewColumn::Stale, ImGuiTableColumnFlags_PreferSortDescending},
    {"page", OverviewColumn::Page, ImGuiTableColumnFlags_WidthStretch},
}};

// Reads the header clicks into the query; true when the order changed.
bool read_sort(OverviewQuery& query) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (specs == nullptr || !specs->SpecsDirty) return false;
    specs->SpecsDirty = false;
    if (specs->SpecsCount == 0) {
        query.sort.reset();  // the third click: back to creation order
        return true;
    }
    const ImGuiTableColumnSortSpecs& first = specs->Specs[0];
    query.sort = kColumns[static_cast<std::size_t>(first.ColumnIndex)].id;
    query.descending = first.SortDirection == ImGuiSortDirection_Descending;
    return true;
}

void draw_headers(UiContext& ui) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
        ImGui::TableSetColumnIndex(static_cast<int>(c));
        ImGui::TableHeader(kColumns[c].name);
        ui.note_item(std::string("overview/header/") + kColumns[c].name);
    }
}

void count_cell(std::uint64_t n, bool warn) {
    ImGui::TableNextColumn();
    if (n == 0) {
        ImGui::TextDisabled("0");
    } else if (warn) {
        ImGui::TextColored(blocked_color(), "%llu", static_cast<unsigned long long>(n));
    } else {
        ImGui::Text("%llu", static_cast<unsigned long long>(n));
    }
}

// One window's row; true when it was clicked.
bool draw_row(UiContext& ui, const WindowSummary& s, bool focused) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(s.instance));
    const bool closed = s.state == WindowState::Closed;
    ImGui::PushStyleColor(ImGuiCol_Text, summary_color(s));
    const bool clicked = ImGui::Selectable(
        s.label.c_str(), focused,
        ImGuiSelectableFlags_SpanAllColumns | (closed ? ImGuiSelectableFlags_Disabled : 0));
    ImGui::PopStyleColor();
    ui.note_item("overview/" + s.label);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s\n%s", summary_line(s).c_str(),
                          closed ? "closed: no panel to show" : "click to show its panel");
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextColored(summary_color(s), "%s", std::string(to_string(s.state)).c_str());
    count_cell(s.listeners, false);
    count_cell(s.calls, false);
    count_cell(s.queued, false);
    count_cell(s.leaked, true);
    count_cell(s.stale, true);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.page_url.c_str());
    return clicked && !closed;
}

bool draw_toolbar(UiContext& ui, OverviewView& view, std::size_t total) {
    bool changed = false;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0F);
    changed |= ImGui::InputTextWithHint("##filter", "filter by label", &view.query.filter);
    ui.note_item("overview/filter");
    ImGui::SameLine();
    changed |= ImGui::Checkbox("closed", &view.query.closed);
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu windows", view.rows.size(), total);
    return changed;
}

}  // namespace

std::optional<std::uint32_t> draw_windows_overview(UiContext& ui, OverviewView& view,
                                                   const std::vector<WindowSummary>& summaries,
                                                   std::uint64_t version,
                                                   std::optional<std::uint32_t> focused,
                                                   const Area& area) {
    ui.place(area);
    DockSlots::dock_next(ui.dock.windows_top);
    std::optional<std::uint32_t> clicked;
    if (!ImGui::Begin("Windows overview")) {
        ImGui::End();
        return clicked;
    }
    view.query_changed |= draw_toolbar(ui, view, summaries.size());
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate | ImGuiTableFlags_ScrollX |
        ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
        ImGuiTableFlags_Resizable | ImGuiTableFlags_Hideable | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("overview", static_cast<int>(kColumns.size()), kFlags)) {
        ImGui::TableSetupScrollFreeze(1, 1);
        for (const Column& c : kColumns)
            ImGui::TableSetupColumn(c.name, c.flags);
        view.query_changed |= read_sort(view.query);
        if (view.query_changed || view.rows_for != version) {
            view.rows = overview_rows(summaries, view.query);
            view.rows_for = version;
            view.query_changed = false;
        }
        draw_headers(ui);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(view.rows.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const WindowSummary& s = summaries[view.rows[static_cast<std::size_t>(i)]];
                if (draw_row(ui, s, focused == s.instance)) clicked = s.instance;
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
    return clicked;
}

}  // namespace eventlab::ui
