// The route panel's view state, shared by its files (route_panel.cpp: sync and layout,
// route_graph.cpp: the emitter → receivers drawing, route_matrix.cpp: the events × windows
// table). The model itself (Route, DeliveryMatrix) is core.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ui/ui_context.h"
#include "view/log/emit_tracker.h"
#include "view/route/route.h"
#include "view/route/trace_listeners.h"

namespace eventlab::ui {

// Records per frame per index (see kLogScanBudget for the share of each view).
inline constexpr std::size_t kRouteScanBudget = 40'000;
inline constexpr double kArrowTravelSeconds = 0.6;  // a dot runs along each arrow
inline constexpr double kLiveEmitSeconds = 1.0;     // an emit this young animates
// Every window gets a column: a table holds 512, less the event and emits columns. Only the
// columns scrolled into view are drawn, so 200 cost what the visible ones do.
inline constexpr std::size_t kMatrixReceivers = 510;
// New counts alone reach the matrix this often: as fast as a person reads counts, while with
// 200 windows rebuilding it costs a good part of a frame (a new row or column shows at once).
inline constexpr double kMatrixCountsSeconds = 0.1;

struct RouteView {
    bool attached = false;
    std::uint64_t generation = 0;
    EmitTracker tracker;  // finds an emit's deliveries without scanning the log
    DeliveryMatrix matrix;

    // The route shown, rebuilt only when the emit or the log changed.
    Route route;
    std::uint32_t route_emit = 0;
    std::uint64_t route_end = kNoPosition;
    std::uint64_t route_first = kNoPosition;
    std::vector<ListenerInfo> listeners;
    std::uint64_t listeners_version =
        ~std::uint64_t{0};  // Session::state_version they were copied at
    std::vector<WindowInfo> windows;

    // Part of a window label: the drawing and the matrix show only those windows (and Rust).
    std::string window_filter;

    // The matrix as drawn (fit_matrix: filtered, at most kMatrixReceivers columns), rebuilt
    // when a count, the set of windows or the filter changed.
    DeliveryMatrix::View matrix_view;
    std::uint64_t matrix_version = ~std::uint64_t{0};
    std::uint64_t matrix_shape = ~std::uint64_t{0};
    double matrix_time = -1.0;  // ImGui time of the last rebuild
    std::string windows_key;

    double age_seconds = 1e9;  // of the route's emit, on the session clock

    // A viewed trace has no bus to ask: who listened and which windows were open at the
    // route's emit come from its listen / unlisten / window records.
    TraceListeners trace_state;
    double shown_since = 0;  // ImGui time the trace route's emit was first shown
};

void draw_route_graph(RouteView& view, UiContext& ui, ImVec2 size);
void draw_route_legend();
void draw_route_matrix(RouteView& view, UiContext& ui, ImVec2 size);

// The arrow color of each way of matching (the legend shows them), and its short name.
ImVec4 reason_color(MatchReason reason);
// `c` packed for ImDrawList, its alpha scaled by `alpha` (faded nodes and arrows).
ImU32 u32(ImVec4 c, float alpha = 1.0F);
const char* reason_word(MatchReason reason);

}  // namespace eventlab::ui
