// The windows area past a few windows: the grid of tiles (window_tiles.cpp) and the Windows
// overview table (windows_overview.cpp). WindowsPanel owns their state and calls them.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "ui/windows/window_state.h"
#include "view/windows/window_grid.h"

namespace eventlab::ui {

using SimWindows = std::map<std::uint32_t, std::unique_ptr<SimWindow>>;  // by window instance

struct TileView {
    WindowGrid grid;
    bool scroll_to_focused = false;  // the next frame brings the focused tile into view
    bool take_focus = false;         // the next frame gives the grid the keyboard focus
};

// What the grid reads each frame.
struct TileFrame {
    const std::vector<WindowInfo>& live;
    const std::vector<WindowSummary>& summaries;  // live ones first, in the order of `live`
    const BusSnapshot& snapshot;
};

// The instance numbers of `live`, in its order: what the grid and the overview key on.
std::vector<std::uint32_t> instances_of(const std::vector<WindowInfo>& live);

// The live windows as tiles of a scrolling grid, each a one-line summary or the whole panel;
// only the rows on screen are drawn. True when it changed the bus.
bool draw_window_tiles(UiContext& ui, TileView& view, const TileFrame& frame, SimWindows& windows,
                       const Area& area);

struct OverviewView {
    OverviewQuery query;
    std::vector<std::size_t> rows;               // into the summaries, as shown
    std::uint64_t rows_for = ~std::uint64_t{0};  // the summaries' version the rows are for
    bool query_changed = true;
};

// One row per window, sortable, filterable by label. Returns the live window whose row was
// clicked, for the caller to focus.
std::optional<std::uint32_t> draw_windows_overview(UiContext& ui, OverviewView& view,
                                                   const std::vector<WindowSummary>& summaries,
                                                   std::uint64_t version,
                                                   std::optional<std::uint32_t> focused,
                                                   const Area& area);

// The colour a window's summary is drawn in: what needs a look stands out.
ImVec4 summary_color(const WindowSummary& summary);

}  // namespace eventlab::ui
