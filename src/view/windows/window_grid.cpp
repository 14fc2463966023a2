#include "view/windows/window_grid.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/util/ascii_fold.h"

namespace eventlab {

// ---------------------------------------------------------------------------------------------
// summaries

std::string_view to_string(WindowState state) {
    switch (state) {
        case WindowState::Live:
            return "live";
        case WindowState::CloseBlocked:
            return "close blocked";
        case WindowState::Closed:
            return "closed";
    }
    return "?";
}

namespace {

WindowState state_of(const WindowInfo& w) {
    if (!w.alive) return WindowState::Closed;
    return w.close_pending ? WindowState::CloseBlocked : WindowState::Live;
}

// (label, observed) → the summary its listeners count for: the live window, else the newest
// closed one. A tapped app's window and a simulated one may share a label: each has its own.
using OwnerKey = std::pair<std::string_view, bool>;
std::map<OwnerKey, std::size_t> owners(const std::vector<WindowSummary>& summaries) {
    std::map<OwnerKey, std::size_t> out;
    for (std::size_t i = 0; i < summaries.size(); ++i) {
        const WindowSummary& s = summaries[i];
        auto [it, added] = out.try_emplace(OwnerKey{s.label, s.observed}, i);
        // Closed windows come after live ones, in creation order: a later one is newer.
        if (!added && summaries[it->second].state == WindowState::Closed) it->second = i;
    }
    return out;
}

void append_count(std::string& out, std::uint64_t n, std::string_view what) {
    out += " \u00b7 " + std::to_string(n) + " " + std::string(what);
}

}  // namespace

std::vector<WindowSummary> window_summaries(const std::vector<WindowInfo>& windows,
                                            const std::vector<ListenerInfo>& listeners) {
    std::vector<WindowSummary> out;
    out.reserve(windows.size());
    for (const WindowInfo& w : windows) {
        out.push_back({w.label, w.instance, state_of(w), w.page_url, 0, 0, w.queued, 0, 0});
        out.back().observed = w.observed;
    }
    const auto by_label = owners(out);
    for (const ListenerInfo& l : listeners) {
        if (l.side != Side::Js) continue;
        const auto it = by_label.find(OwnerKey{l.webview, l.observed});
        if (it == by_label.end()) continue;
        WindowSummary& s = out[it->second];
        ++s.listeners;
        s.calls += l.calls;
        s.leaked += l.leaked ? 1 : 0;
        s.stale += l.stale ? 1 : 0;
    }
    return out;
}

std::vector<std::size_t> summary_owners(const std::vector<WindowSummary>& summaries,
                                        const std::vector<ListenerInfo>& listeners) {
    std::vector<std::size_t> out(listeners.size(), kNoSummary);
    const auto by_label = owners(summaries);
    for (std::size_t i = 0; i < listeners.size(); ++i) {
        if (listeners[i].side != Side::Js) continue;
        if (const auto it = by_label.find(OwnerKey{listeners[i].webview, listeners[i].observed});
            it != by_label.end()) {
            out[i] = it->second;
        }
    }
    return out;
}

void sum_calls(std::vector<WindowSummary>& summaries, const std::vector<ListenerInfo>& listeners,
               const std::vector<std::size_t>& owner_of) {
    for (WindowSummary& s : summaries)
        s.calls = 0;
    for (std::size_t i = 0; i < listeners.size() && i < owner_of.size(); ++i) {
        if (owner_of[i] != kNoSummary) summaries[owner_of[i]].calls += listeners[i].calls;
    }
}

bool update_summaries(std::vector<WindowSummary>& summaries, const std::vector<WindowInfo>& live) {
    if (summaries.size() < live.size()) return false;
    for (std::size_t i = 0; i < live.size(); ++i) {
        if (summaries[i].instance != live[i].instance || !live[i].alive) return false;
    }
    // A live window summarized after them has closed since.
    if (summaries.size() > live.size() && summaries[live.size()].state != WindowState::Closed) {
        return false;
    }
    for (std::size_t i = 0; i < live.size(); ++i) {
        summaries[i].queued = live[i].queued;
        summaries[i].state = state_of(live[i]);
    }
    return true;
}

std::string summary_line(const WindowSummary& s) {
    std::string out = s.label + (s.observed ? " \u00b7 tapped" : "") + " \u00b7 " +
                      std::string(to_string(s.state));
    append_count(out, s.listeners, s.listeners == 1 ? "listener" : "listeners");
    append_count(out, s.calls, s.calls == 1 ? "call" : "calls");
    if (s.queued > 0) append_count(out, s.queued, "queued");
    if (s.leaked > 0) append_count(out, s.leaked, "leaked");
    if (s.stale > 0) append_count(out, s.stale, "stale");
    if (!s.page_url.empty()) out += " \u00b7 " + s.page_url;
    return out;
}

// ---------------------------------------------------------------------------------------------
// grid

int grid_columns(std::size_t count, float available_width, float min_tile_width, float spacing) {
    if (count == 0 || min_tile_width <= 0.0F) return 1;
    const float fit = std::floor((available_width + spacing) / (min_tile_width + spacing));
    const auto most = static_cast<float>(count);
    return static_cast<int>(std::clamp(fit, 1.0F, most));
}

std::pair<std::size_t, std::size_t> GridLayout::visible(float scroll, float view_height) const {
    // Rows are sorted by top: binary search both ends, so 200 rows cost a few comparisons.
    const auto first = std::partition_point(
        rows.begin(), rows.end(), [&](const GridRow& r) { return r.top + r.height <= scroll; });
    const auto last = std::partition_point(
        first, rows.end(), [&](const GridRow& r) { return r.top < scroll + view_height; });
    return {static_cast<std::size_t>(first - rows.begin()),
            static_cast<std::size_t>(last - rows.begin())};
}

std::size_t GridLayout::row_of(std::size_t tile) const {
    return tile / static_cast<std::size_t>(std::max(columns, 1));
}

void WindowGrid::set_collapsed(std::uint32_t instance, bool collapsed) {
    if (collapsed) {
        expanded_.erase(instance);
    } else {
        expanded_.insert(instance);
    }
}

void WindowGrid::focus(std::uint32_t instance) {
    expanded_.insert(instance);
    focused_ = instance;
}

std::optional<std::uint32_t> WindowGrid::step(const std::vector<std::uint32_t>& instances,
                                              int delta) const {
    if (instances.empty()) return std::nullopt;
    const auto n = static_cast<long>(instances.size());
    const auto at =
        focused_ ? std::find(instances.begin(), instances.end(), *focused_) : instances.end();
    if (at == instances.end()) return delta >= 0 ? instances.front() : instances.back();
    const long next = ((at - instances.begin() + delta) % n + n) % n;
    return instances[static_cast<std::size_t>(next)];
}

void WindowGrid::keep_only(const std::vector<std::uint32_t>& instances) {
    std::erase_if(expanded_, [&](std::uint32_t i) {
        return std::find(instances.begin(), instances.end(), i) == instances.end();
    });
    if (focused_ && std::find(instances.begin(), instances.end(), *focused_) == instances.end()) {
        focused_.reset();
    }
}

GridLayout WindowGrid::layout(const std::vector<std::uint32_t>& instances, int columns,
                              const TileSizes& sizes) const {
    GridLayout out;
    out.columns = std::max(columns, 1);
    const auto per_row = static_cast<std::size_t>(out.columns);
    float top = 0;
    for (std::size_t first = 0; first < instances.size(); first += per_row) {
        GridRow row{top, sizes.collapsed, first, std::min(per_row, instances.size() - first)};
        for (std::size_t i = first; i < first + row.count; ++i) {
            if (!collapsed(instances[i])) row.height = sizes.expanded;
        }
        out.rows.push_back(row);
        top += row.height + sizes.spacing;
    }
    out.height = out.rows.empty() ? 0 : top - sizes.spacing;
    return out;
}

// ---------------------------------------------------------------------------------------------
// overview

namespace {

// Negative, zero or positive, as a < b, a == b, a > b under `column`.
int compare(const WindowSummary& a, const WindowSummary& b, OverviewColumn column) {
    const auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (column) {
        case OverviewColumn::Label:
            return cmp(a.label, b.label);
        case OverviewColumn::State:
            return cmp(a.state, b.state);
        case OverviewColumn::Listeners:
            return cmp(a.listeners, b.listeners);
        case OverviewColumn::Calls:
            return cmp(a.calls, b.calls);
        case OverviewColumn::Queued:
            return cmp(a.queued, b.queued);
        case OverviewColumn::Leaked:
            return cmp(a.leaked, b.leaked);
        case OverviewColumn::Stale:
            return cmp(a.stale, b.stale);
        case OverviewColumn::Page:
            return cmp(a.page_url, b.page_url);
    }
    return 0;
}

}  // namespace

std::vector<std::size_t> overview_rows(const std::vector<WindowSummary>& summaries,
                                       const OverviewQuery& query) {
    std::vector<std::size_t> rows;
    rows.reserve(summaries.size());
    for (std::size_t i = 0; i < summaries.size(); ++i) {
        const WindowSummary& s = summaries[i];
        if (!query.closed && s.state == WindowState::Closed) continue;
        if (!contains_any_case(s.label, query.filter)) continue;
        rows.push_back(i);
    }
    if (!query.sort) return rows;
    const OverviewColumn column = *query.sort;
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        const int c = compare(summaries[a], summaries[b], column);
        return query.descending ? c > 0 : c < 0;
    });
    return rows;
}

}  // namespace eventlab
