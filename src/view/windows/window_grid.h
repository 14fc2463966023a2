// How the windows area stays readable at 8, 50 or 200 windows, decided without ImGui so tests
// can check it: a one-line summary per window, the grid of tiles that replaces the stacked
// panels past a few windows (columns, which tiles are collapsed, which rows are on screen), and
// the rows of the Windows overview table (filtered by label, sorted by any column).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/bus.h"

namespace eventlab {

// ---------------------------------------------------------------------------------------------
// summaries

enum class WindowState { Live, CloseBlocked, Closed };
std::string_view to_string(WindowState state);  // "live", "close blocked", "closed"

struct WindowSummary {
    std::string label;
    std::uint32_t instance = 0;
    WindowState state = WindowState::Live;
    std::string page_url;       // a bridged page's URL; empty for a simulated one
    std::size_t listeners = 0;  // JS listeners registered in its webview, stale ones too
    std::uint64_t calls = 0;    // calls of those listeners
    std::size_t queued = 0;     // JS deliveries waiting in its webview
    std::size_t leaked = 0;     // of a component that unmounted without cleanup
    std::size_t stale = 0;      // left by an earlier, closed page under the same label
    bool observed = false;      // a tapped app's window: watched, not simulated
};

// One summary per window, in the order of `windows` (Session::windows: live ones first), in
// one pass over the listeners: 10k listeners in 200 windows cost one walk, not 200. A label's
// listeners count for its live window, or for its newest closed one when none is live.
std::vector<WindowSummary> window_summaries(const std::vector<WindowInfo>& windows,
                                            const std::vector<ListenerInfo>& listeners);

// The summary each listener counts for (kNoSummary: a Rust listener, or no window), so that
// new call counts of the same listeners are summed again without looking a label up 10k times.
inline constexpr std::size_t kNoSummary = static_cast<std::size_t>(-1);
std::vector<std::size_t> summary_owners(const std::vector<WindowSummary>& summaries,
                                        const std::vector<ListenerInfo>& listeners);
// The calls of every summary again, from `listeners` (the ones `owners` was made for, with
// counts read since: Session::update_counts).
void sum_calls(std::vector<WindowSummary>& summaries, const std::vector<ListenerInfo>& listeners,
               const std::vector<std::size_t>& owner_of);

// Brings what moves without a listener change (queued deliveries, a blocked close) up to date
// from a fresh Session::live_windows, which the summaries list first, in the same order (the
// closed ones after them do not move). False when `live` are not the live windows summarized
// (one opened or went): then build them again.
bool update_summaries(std::vector<WindowSummary>& summaries,
                      const std::vector<WindowInfo>& windows);

// "main · live · 2 listeners · 40 calls · 3 queued · 1 leaked · http://…": the collapsed tile
// ("main · tapped · live · …" for a tapped app's window).
// Zero queued, leaked and stale counts are left out, so what is wrong stands out.
std::string summary_line(const WindowSummary& summary);

// ---------------------------------------------------------------------------------------------
// grid

// Up to this many live windows, each gets a panel of its own, stacked; more become tiles.
inline constexpr std::size_t kStackedWindows = 4;
inline bool uses_grid(std::size_t live_windows) {
    return live_windows > kStackedWindows;
}

// How many tiles fit side by side: at least one, at most `count`.
int grid_columns(std::size_t count, float available_width, float min_tile_width, float spacing);

struct GridRow {
    float top = 0;
    float height = 0;
    std::size_t first = 0;  // index of its first tile
    std::size_t count = 0;
};

struct GridLayout {
    int columns = 1;
    std::vector<GridRow> rows;
    float height = 0;  // of the whole grid, spacing included

    // The rows [first, last) that overlap the view [scroll, scroll + view_height).
    std::pair<std::size_t, std::size_t> visible(float scroll, float view_height) const;
    std::size_t row_of(std::size_t tile) const;  // tile index → row index
};

struct TileSizes {
    float collapsed = 20;  // one line
    float expanded = 400;  // the whole panel: header, listeners, actions, feed
    float spacing = 4;     // between rows
};

// Which tiles are open, and which one has the keyboard focus. Tiles start collapsed: fifty
// one-line summaries fit on a screen, fifty panels do not. What a person opened stays open
// while its window lives.
class WindowGrid {
  public:
    bool collapsed(std::uint32_t instance) const { return !expanded_.contains(instance); }
    void set_collapsed(std::uint32_t instance, bool collapsed);
    void toggle(std::uint32_t instance) { set_collapsed(instance, !collapsed(instance)); }

    // Opens the tile and makes it the focused one (the overview's click, the shortcuts).
    void focus(std::uint32_t instance);
    std::optional<std::uint32_t> focused() const { return focused_; }
    // The window after (delta 1) or before (-1) the focused one among `instances`, wrapping;
    // the first (or last) when none is focused. nullopt when there are none.
    std::optional<std::uint32_t> step(const std::vector<std::uint32_t>& instances, int delta) const;

    // Forgets windows that are gone (a reused label gets a new instance and starts collapsed).
    void keep_only(const std::vector<std::uint32_t>& instances);

    GridLayout layout(const std::vector<std::uint32_t>& instances, int columns,
                      const TileSizes& sizes) const;

  private:
    std::set<std::uint32_t> expanded_;
    std::optional<std::uint32_t> focused_;
};

// ---------------------------------------------------------------------------------------------
// overview

enum class OverviewColumn { Label, State, Listeners, Calls, Queued, Leaked, Stale, Page };

struct OverviewQuery {
    std::string filter;                  // part of the label, any case; empty: every window
    std::optional<OverviewColumn> sort;  // none: creation order, live windows first
    bool descending = false;
    bool closed = true;  // list closed windows too
};

// Indices into `summaries` of the rows the table shows, in order. Ties keep creation order.
std::vector<std::size_t> overview_rows(const std::vector<WindowSummary>& summaries,
                                       const OverviewQuery& query);

}  // namespace eventlab
