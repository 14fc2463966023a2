// The windows area at scale, without ImGui: window summaries, the grid's columns and collapsed
// tiles, the rows on screen, and the overview's filter and sort.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "view/windows/window_grid.h"

namespace eventlab {
namespace {

WindowInfo window(std::string label, std::uint32_t instance, bool alive = true) {
    WindowInfo w;
    w.label = std::move(label);
    w.instance = instance;
    w.alive = alive;
    return w;
}

ListenerInfo js(std::string webview, std::uint64_t calls = 0) {
    ListenerInfo l;
    l.side = Side::Js;
    l.webview = std::move(webview);
    l.event = "tick";
    l.calls = calls;
    return l;
}

WindowSummary summary(std::string label, std::uint32_t instance, std::size_t listeners,
                      std::uint64_t calls, WindowState state = WindowState::Live) {
    WindowSummary s;
    s.label = std::move(label);
    s.instance = instance;
    s.listeners = listeners;
    s.calls = calls;
    s.state = state;
    return s;
}

std::vector<std::string> labels(const std::vector<WindowSummary>& all,
                                const std::vector<std::size_t>& rows) {
    std::vector<std::string> out;
    for (std::size_t i : rows)
        out.push_back(all[i].label);
    return out;
}

}  // namespace

TEST_CASE("window grid: summaries count each window's JS listeners - calls - leaked and stale") {
    std::vector<WindowInfo> windows = {window("main", 3), window("settings", 2),
                                       window("main", 1, false), window("gone", 0, false)};
    windows[1].close_pending = true;
    windows[1].queued = 4;
    windows[1].page_url = "http://127.0.0.1:1430/?eventlab-label=settings";
    std::vector<ListenerInfo> listeners = {js("main", 5), js("main", 2), js("settings"),
                                           js("gone", 1)};
    listeners[1].stale = true;  // left by the closed `main`: counts for the live one
    listeners[2].leaked = true;
    ListenerInfo rust;
    rust.calls = 100;
    listeners.push_back(rust);  // in no webview

    const auto s = window_summaries(windows, listeners);
    REQUIRE(s.size() == 4);
    CHECK(s[0].listeners == 2);
    CHECK(s[0].calls == 7);
    CHECK(s[0].stale == 1);
    CHECK(s[1].state == WindowState::CloseBlocked);
    CHECK(s[1].leaked == 1);
    CHECK(s[1].queued == 4);
    CHECK(s[2].state == WindowState::Closed);
    CHECK(s[2].listeners == 0);
    CHECK(s[3].listeners == 1);  // a closed window with no live successor keeps its own

    CHECK(summary_line(s[0]) ==
          "main \u00b7 live \u00b7 2 listeners \u00b7 7 calls \u00b7 1 stale");
    CHECK(summary_line(s[1]) ==
          "settings \u00b7 close blocked \u00b7 1 listener \u00b7 0 calls \u00b7 4 queued \u00b7 1 "
          "leaked \u00b7 http://127.0.0.1:1430/?eventlab-label=settings");
}

TEST_CASE("window grid: new call counts of the same listeners sum up as a full rebuild does") {
    const std::vector<WindowInfo> windows = {window("main", 3), window("settings", 2),
                                             window("main", 1, false), window("gone", 0, false)};
    std::vector<ListenerInfo> listeners = {js("main", 5), js("settings", 1), js("main", 2),
                                           js("gone", 1), js("nowhere", 9)};
    ListenerInfo rust;
    rust.calls = 100;
    listeners.push_back(rust);
    auto s = window_summaries(windows, listeners);
    const auto owners = summary_owners(s, listeners);
    // Deliveries arrive: the same listeners, new counts.
    listeners[0].calls = 50;
    listeners[1].calls = 7;
    listeners[3].calls = 4;
    listeners[5].calls = 1000;
    sum_calls(s, listeners, owners);
    const auto fresh = window_summaries(windows, listeners);
    REQUIRE(s.size() == fresh.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        CAPTURE(i);
        CHECK(s[i].calls == fresh[i].calls);
        CHECK(s[i].listeners == fresh[i].listeners);
    }
    CHECK(s[0].calls == 52);
    CHECK(s[1].calls == 7);
    CHECK(s[3].calls == 4);
}

TEST_CASE("window grid: update_summaries follows queues and refuses another set of windows") {
    std::vector<WindowInfo> windows = {window("a", 1), window("b", 2)};
    auto s = window_summaries(windows, {});
    windows[0].queued = 9;
    windows[1].close_pending = true;
    REQUIRE(update_summaries(s, windows));
    CHECK(s[0].queued == 9);
    CHECK(s[1].state == WindowState::CloseBlocked);
    windows.push_back(window("c", 3));
    CHECK_FALSE(update_summaries(s, windows));
    windows.pop_back();
    windows[1].instance = 7;  // `b` closed and opened again
    CHECK_FALSE(update_summaries(s, windows));
}

TEST_CASE(
    "window grid: update_summaries takes the live windows - the closed ones stay as they are") {
    std::vector<WindowInfo> all = {window("a", 1), window("b", 2), window("gone", 3)};
    all[2].alive = false;
    auto s = window_summaries(all, {});
    std::vector<WindowInfo> live(all.begin(), all.begin() + 2);
    live[1].queued = 4;
    REQUIRE(update_summaries(s, live));
    CHECK(s[1].queued == 4);
    CHECK(s[2].state == WindowState::Closed);
    live.pop_back();  // `b` closed: its summary says live, so they are built again
    CHECK_FALSE(update_summaries(s, live));
}

TEST_CASE("window grid: stacked panels up to four windows - a grid from five") {
    CHECK_FALSE(uses_grid(1));
    CHECK_FALSE(uses_grid(4));
    CHECK(uses_grid(5));
    CHECK(uses_grid(200));
}

TEST_CASE("window grid: columns come from the available width") {
    CHECK(grid_columns(50, 400, 320, 8) == 1);
    CHECK(grid_columns(50, 647, 320, 8) == 1);
    CHECK(grid_columns(50, 648, 320, 8) == 2);
    CHECK(grid_columns(50, 1600, 320, 8) == 4);
    CHECK(grid_columns(2, 1600, 320, 8) == 2);  // never more columns than tiles
    CHECK(grid_columns(8, 100, 320, 8) == 1);   // never fewer than one
    CHECK(grid_columns(0, 1600, 320, 8) == 1);
}

TEST_CASE("window grid: tiles start collapsed - focus opens one - gone windows are forgotten") {
    WindowGrid grid;
    CHECK(grid.collapsed(1));
    grid.toggle(1);
    CHECK_FALSE(grid.collapsed(1));
    grid.focus(2);
    CHECK_FALSE(grid.collapsed(2));
    CHECK(grid.focused() == 2U);
    grid.keep_only({1});
    CHECK_FALSE(grid.collapsed(1));
    CHECK(grid.collapsed(2));
    CHECK_FALSE(grid.focused().has_value());
}

TEST_CASE("window grid: next and previous focus wrap around") {
    WindowGrid grid;
    const std::vector<std::uint32_t> ids = {4, 7, 9};
    CHECK(grid.step(ids, 1) == 4U);
    CHECK(grid.step(ids, -1) == 9U);
    grid.focus(9);
    CHECK(grid.step(ids, 1) == 4U);
    CHECK(grid.step(ids, -1) == 7U);
    CHECK_FALSE(grid.step({}, 1).has_value());
}

TEST_CASE("window grid: a row is as tall as its tallest tile - the view sees only its rows") {
    WindowGrid grid;
    std::vector<std::uint32_t> ids;
    for (std::uint32_t i = 1; i <= 200; ++i)
        ids.push_back(i);
    grid.toggle(6);  // row 2 of the 2-column grid
    const TileSizes sizes{20, 400, 4};
    const GridLayout layout = grid.layout(ids, 2, sizes);
    REQUIRE(layout.rows.size() == 100);
    CHECK(layout.rows[2].height == 400);
    CHECK(layout.rows[3].top == doctest::Approx(2 * 24 + 404));
    CHECK(layout.height == doctest::Approx(99 * 24 + 404 - 4 + 20 - 20));
    CHECK(layout.row_of(5) == 2);

    const auto [first, last] = layout.visible(0, 100);
    CHECK(first == 0);
    CHECK(last == 3);  // rows 0, 1 and the tall row 2
    const auto [f2, l2] = layout.visible(layout.rows[50].top, 24 * 3);
    CHECK(f2 == 50);
    CHECK(l2 == 53);
}

TEST_CASE("window grid: overview filters by label in any case and sorts by any column") {
    const std::vector<WindowSummary> all = {
        summary("main", 1, 2, 30), summary("Settings", 2, 5, 10), summary("settings-2", 3, 5, 99),
        summary("old", 4, 1, 7, WindowState::Closed)};
    OverviewQuery q;
    CHECK(labels(all, overview_rows(all, q)) ==
          std::vector<std::string>{"main", "Settings", "settings-2", "old"});
    q.filter = "SETT";
    CHECK(labels(all, overview_rows(all, q)) == std::vector<std::string>{"Settings", "settings-2"});
    q.filter.clear();
    q.closed = false;
    CHECK(labels(all, overview_rows(all, q)) ==
          std::vector<std::string>{"main", "Settings", "settings-2"});
    q.closed = true;
    q.sort = OverviewColumn::Calls;
    q.descending = true;
    CHECK(labels(all, overview_rows(all, q)) ==
          std::vector<std::string>{"settings-2", "main", "Settings", "old"});
    q.sort = OverviewColumn::Listeners;  // ties keep creation order
    CHECK(labels(all, overview_rows(all, q)) ==
          std::vector<std::string>{"Settings", "settings-2", "main", "old"});
    q.sort = OverviewColumn::Label;
    q.descending = false;
    CHECK(labels(all, overview_rows(all, q)) ==
          std::vector<std::string>{"Settings", "main", "old", "settings-2"});
}

}  // namespace eventlab
