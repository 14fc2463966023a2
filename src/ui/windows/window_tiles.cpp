// The grid of window tiles: past a few windows, each live window is a tile that shows a
// one-line summary, or, opened, its whole panel. The layout (columns, open tiles, the rows on
// screen) comes from view/windows/window_grid.h; this file only draws it.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/trace/trace_banner.h"
#include "ui/windows/windows_area.h"

namespace eventlab::ui {
namespace {

// A tile narrower than this cuts its summary before the counts.
constexpr float kMinTileEms = 24.0F;

ImVec4 leaked_summary_color() {
    return {0.98F, 0.62F, 0.30F, 1.0F};
}

TileSizes tile_sizes(float view_height) {
    const ImGuiStyle& style = ImGui::GetStyle();
    TileSizes sizes;
    sizes.collapsed = ImGui::GetFrameHeight();
    sizes.spacing = style.ItemSpacing.y;
    // An open tile shows its listeners, actions and a few feed rows, and never more than the
    // view, so the grid scrolls by whole tiles.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    sizes.expanded = std::clamp(view_height - sizes.spacing, line * 16.0F, line * 30.0F);
    return sizes;
}

// The summary line with its open/close arrow; the arrow and the line both toggle the tile.
void draw_summary(UiContext& ui, TileView& view, const WindowSummary& s, float width) {
    const bool collapsed = view.grid.collapsed(s.instance);
    const std::string line = summary_line(s);
    if (ImGui::ArrowButton("toggle", collapsed ? ImGuiDir_Right : ImGuiDir_Down)) {
        view.grid.toggle(s.instance);
    }
    ui.note_item("tile/" + s.label + "/toggle");
    ImGui::SameLine();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float text_width = std::max(width - (start.x - ImGui::GetItemRectMin().x), 1.0F);
    ImGui::PushClipRect(start, {start.x + text_width, start.y + ImGui::GetFrameHeight()}, true);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(summary_color(s), "%s", line.c_str());
    ImGui::PopClipRect();
    ui.note_item("tile/" + s.label);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s\nclick to %s", line.c_str(), collapsed ? "open" : "collapse");
    }
    if (ImGui::IsItemClicked()) view.grid.toggle(s.instance);
}

bool draw_tile(UiContext& ui, TileView& view, const TileFrame& frame, SimWindows& windows,
               std::size_t index, ImVec2 size) {
    const WindowInfo& info = frame.live[index];
    const WindowSummary& s = frame.summaries[index];
    ImGui::PushID(static_cast<int>(info.instance));
    ImGui::BeginGroup();
    const ImVec2 top_left = ImGui::GetCursorScreenPos();
    draw_summary(ui, view, s, size.x);
    bool changed = false;
    if (!view.grid.collapsed(info.instance)) {
        auto& slot = windows[info.instance];
        if (!slot) slot = std::make_unique<SimWindow>(ui.workbench, info);
        const float body = size.y - ImGui::GetFrameHeightWithSpacing();
        if (ImGui::BeginChild("panel", {size.x, body}, ImGuiChildFlags_Borders)) {
            changed = draw_window_body(ui, *slot, info, frame.snapshot);
        }
        ImGui::EndChild();
    }
    ImGui::EndGroup();
    if (view.grid.focused() == info.instance) {
        // The window the shortcuts and the overview went to: framed, so the eye finds it.
        ImGui::GetWindowDrawList()->AddRect(top_left,
                                            {top_left.x + size.x, ImGui::GetItemRectMax().y},
                                            ImGui::GetColorU32(ImGuiCol_NavCursor), 3.0F, 0, 2.0F);
    }
    ImGui::PopID();
    return changed;
}

// Scrolls so the focused tile's row is at the top, once, when the focus moved.
void scroll_to_focused(TileView& view, const GridLayout& layout,
                       const std::vector<std::uint32_t>& instances) {
    if (!view.scroll_to_focused || !view.grid.focused()) return;
    view.scroll_to_focused = false;
    const auto at = std::find(instances.begin(), instances.end(), *view.grid.focused());
    if (at == instances.end()) return;
    const std::size_t row = layout.row_of(static_cast<std::size_t>(at - instances.begin()));
    ImGui::SetScrollY(layout.rows[row].top);
}

bool draw_grid(UiContext& ui, TileView& view, const TileFrame& frame, SimWindows& windows) {
    const std::vector<std::uint32_t> instances = instances_of(frame.live);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int columns =
        grid_columns(instances.size(), avail.x, ImGui::GetFontSize() * kMinTileEms, spacing);
    const GridLayout layout = view.grid.layout(instances, columns, tile_sizes(avail.y));
    scroll_to_focused(view, layout, instances);
    const float tile_width =
        (avail.x - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const ImVec2 origin = ImGui::GetCursorPos();
    const auto [first, last] = layout.visible(ImGui::GetScrollY() - origin.y, avail.y);
    bool changed = false;
    for (std::size_t r = first; r < last; ++r) {
        const GridRow& row = layout.rows[r];
        for (std::size_t i = row.first; i < row.first + row.count; ++i) {
            const auto column = static_cast<float>(i - row.first);
            ImGui::SetCursorPos({origin.x + column * (tile_width + spacing), origin.y + row.top});
            changed |= draw_tile(ui, view, frame, windows, i, {tile_width, row.height});
        }
    }
    // The rows not drawn still take their room, so the scrollbar is the grid's.
    ImGui::SetCursorPos({origin.x, origin.y + layout.height});
    ImGui::Dummy({1.0F, 0.0F});
    return changed;
}

}  // namespace

std::vector<std::uint32_t> instances_of(const std::vector<WindowInfo>& live) {
    std::vector<std::uint32_t> out;
    out.reserve(live.size());
    for (const WindowInfo& w : live)
        out.push_back(w.instance);
    return out;
}

ImVec4 summary_color(const WindowSummary& s) {
    if (s.state == WindowState::CloseBlocked) return blocked_color();
    if (s.leaked > 0 || s.stale > 0) return leaked_summary_color();
    if (s.state == WindowState::Closed) return dim_color();
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

bool draw_window_tiles(UiContext& ui, TileView& view, const TileFrame& frame, SimWindows& windows,
                       const Area& area) {
    ui.place(area);
    DockSlots::dock_next(ui.dock.windows);
    if (view.take_focus) ImGui::SetNextWindowFocus();
    view.take_focus = false;
    const std::string title =
        "Windows (" + std::to_string(frame.live.size()) + ")" + live_suffix(ui) + "###simwin-grid";
    bool changed = false;
    if (ImGui::Begin(title.c_str())) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextDisabled(
            "Click a line to open its window; Ctrl+PgDn / Ctrl+PgUp: next / previous window.");
        ImGui::PopTextWrapPos();
        if (ImGui::BeginChild("tiles")) changed = draw_grid(ui, view, frame, windows);
        ImGui::EndChild();
    }
    ImGui::End();
    return changed;
}

}  // namespace eventlab::ui
