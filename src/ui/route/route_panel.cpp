// The route view: where the selected (or newest) emit went, where it did not and why, and the
// events × windows matrix of delivery counts. Keeps its indices up to date with the log a
// bounded number of records per frame; rebuilds the Route only when something changed.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "ui/panel_registry.h"
#include "ui/route/route_state.h"
#include "ui/trace/trace_banner.h"
#include "ui/widgets.h"
#include "view/windows/window_grid.h"

namespace eventlab::ui {

// Where the selected emit went (and where it did not, and why), plus the events × windows matrix.
class RoutePanel final : public Panel {
  public:
    RoutePanel();
    ~RoutePanel() override;
    void draw(UiContext& ui) override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

struct RoutePanel::State : RouteView {};

namespace {

void attach(RouteView& v, const Workbench& bench) {
    if (v.attached && v.generation == bench.generation()) return;
    v.attached = true;
    v.generation = bench.generation();
    v.tracker.reset();
    v.matrix.reset();
    v.route = Route{};
    v.route_emit = 0;
    v.route_end = kNoPosition;
    v.matrix_version = ~std::uint64_t{0};
    v.matrix_shape = ~std::uint64_t{0};
    v.matrix_time = -1.0;
    v.listeners_version = ~std::uint64_t{0};
    v.trace_state.reset();
}

// Settled, for a recorded trace: nothing is queued any more, every emit is old.
Settling trace_settling(std::uint64_t end) {
    Settling settling;
    settling.end = end;
    settling.now_us = std::numeric_limits<std::int64_t>::max() / 2;
    settling.queues_empty = true;
    return settling;
}

void sync(RouteView& v, UiContext& ui) {
    Workbench& bench = ui.workbench;
    const RecordLog& log = bench.log();
    const Session& session = bench.session();
    const std::uint64_t log_end = log.end();  // before the update: see LogPanel's sync
    if (ui.filter_scanning()) {
        ui.animating = true;  // the log's filter first; come back for the rest
    } else {
        v.tracker.update(log, kRouteScanBudget);
        v.matrix.update(log, kRouteScanBudget);
    }
    const bool trace = bench.viewing_trace();
    const Symbols& symbols = bench.symbols();
    if (!trace) v.windows = session.live_windows();

    const std::uint32_t emit = ui.selected_emit != 0 ? ui.selected_emit : v.tracker.newest_emit();
    // Listens, unlistens, deliveries and window changes are all records: an unchanged log
    // means an unchanged route (the bus's queues aside, which pump() turns into records).
    const std::uint64_t end = std::min(log.end(), v.tracker.scanned());
    if (emit != v.route_emit || end != v.route_end || log.first() != v.route_first) {
        Settling settling;
        Mode mode = bench.config().mode;
        if (trace) {
            // The listeners registered when the emit was made, and the windows open then.
            const EmitEntry* entry = v.tracker.find(emit);
            v.trace_state.seek(log, symbols,
                               entry != nullptr && entry->seen() ? entry->position : log.end());
            v.listeners = v.trace_state.listeners();
            v.listeners_version = ~std::uint64_t{0};
            v.windows = v.trace_state.windows();
            settling = trace_settling(log_end);
            mode = bench.trace()->header.mode;
            if (emit != v.route_emit) v.shown_since = ImGui::GetTime();
        } else {
            // A route reads who listens, not call counts: copy the listeners (10k of them in
            // a big session) only when they changed, not with every emit.
            if (v.listeners_version != session.state_version()) {
                v.listeners_version = session.state_version();
                v.listeners = session.listeners();
            }
            const BusCounters counters = session.counters();
            settling.end = log_end;
            settling.now_us = session.clock().now_us();
            settling.queues_empty = counters.queued_js == 0 && counters.pending_rust == 0;
        }
        const RouteInputs in{log, symbols, v.tracker, v.listeners, v.windows, mode, settling};
        v.route = build_route(emit, in);
        if (trace) resolve_trace_route(v.route, v.listeners, mode);
        v.route_emit = emit;
        v.route_end = end;
        v.route_first = log.first();
    }
    if (trace) {
        // A trace's emit "happens" when the timeline reaches it: its arrows run then.
        v.age_seconds = v.route.found ? ImGui::GetTime() - v.shown_since : 1e9;
    } else {
        v.age_seconds =
            v.route.found
                ? static_cast<double>(bench.session().clock().now_us() - v.route.t_us) / 1e6
                : 1e9;
    }
    // An emit with no outcome yet settles by age alone: draw again until it has.
    if (v.route.found && v.route.fate == EmitFate::Pending) {
        v.route_end = kNoPosition;
        ui.animating = true;
    }

    std::string key;
    for (const WindowInfo& w : v.windows) {
        if (w.alive) (key += w.label) += '\n';
    }
    key += v.window_filter;
    const double now = ImGui::GetTime();
    const bool counts_moved = v.matrix.version() != v.matrix_version;
    if (key != v.windows_key || v.matrix.shape_version() != v.matrix_shape ||
        (counts_moved && now - v.matrix_time >= kMatrixCountsSeconds)) {
        v.matrix_view =
            fit_matrix(v.matrix.view(symbols, v.windows), v.window_filter, kMatrixReceivers);
        v.matrix_version = v.matrix.version();
        v.matrix_shape = v.matrix.shape_version();
        v.matrix_time = now;
        v.windows_key = std::move(key);
    } else if (counts_moved) {
        ui.animating = true;  // come back for the counts once the interval has passed
    }
}

void draw_header(RouteView& v, UiContext& ui) {
    const Route& r = v.route;
    if (!r.found) {
        if (ui.selected_emit != 0) {
            ImGui::TextDisabled("Emit #%u is no longer in the log.", ui.selected_emit);
            ImGui::SameLine();
            if (ImGui::SmallButton("Follow newest")) ui.selected_emit = 0;
            ui.note_item("route/follow-newest");
        }
        return;
    }
    ImGui::TextColored(record_color(RecordType::Emit), "emit #%u", r.emit);
    ImGui::SameLine();
    ImGui::TextUnformatted(r.event.c_str());
    ImGui::SameLine();
    const char* which = ui.selected_emit == 0          ? "(newest)"
                        : ui.workbench.viewing_trace() ? "(timeline or log selection)"
                                                       : "(selected in the log)";
    ImGui::TextDisabled("%s", which);
    if (ui.selected_emit != 0) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Follow newest")) ui.selected_emit = 0;
        ui.note_item("route/follow-newest");
    }
}

// With many windows, a field narrows the drawing and the matrix to the windows named.
void draw_window_filter(RouteView& v, UiContext& ui) {
    if (v.route.nodes.size() <= kStackedWindows + 1 && v.window_filter.empty() &&
        v.matrix_view.columns.size() <= kStackedWindows + 1) {
        return;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0F);
    ImGui::InputTextWithHint("##route-windows", "filter windows", &v.window_filter);
    ui.note_item("route/window-filter");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu receivers", v.route.nodes.size());
    help_marker(
        "Part of a window label: the route and the matrix show only those windows (and the "
        "Rust backend). Past a screenful, each window is one line; hover it for who got the "
        "emit and why.");
}

}  // namespace

RoutePanel::RoutePanel() : state_(std::make_unique<State>()) {}
RoutePanel::~RoutePanel() = default;

void RoutePanel::draw(UiContext& ui) {
    State& v = *state_;
    attach(v, ui.workbench);
    sync(v, ui);

    UiContext::place(ui.layout.route);
    if (!ImGui::Begin("Route")) {
        ImGui::End();
        return;
    }
    draw_trace_banner(ui, "route");
    draw_header(v, ui);
    draw_window_filter(v, ui);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float avail = ImGui::GetContentRegionAvail().y;
    const float line = ImGui::GetFrameHeightWithSpacing();
    // The matrix takes what its rows need (a header, a row per event, room for a horizontal
    // scrollbar), at most 40% of the panel; the drawing gets the rest.
    const float row = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    const auto events = static_cast<float>(std::max<std::size_t>(v.matrix_view.events.size(), 1));
    const float matrix_h = std::clamp((events + 1) * row + style.ScrollbarSize + 4, row * 3,
                                      std::max(row * 3, avail * 0.4F));
    const float below = matrix_h + line * 2.4F + style.ItemSpacing.y * 3;
    // With no emit to route the drawing is a short hint; the matrix comes right under it.
    const float graph_h = v.route.found ? std::max(line * 4, avail - below) : line * 3;
    draw_route_graph(v, ui, ImVec2(0, graph_h));
    if (v.route.found) draw_route_legend();
    ImGui::Separator();
    ImGui::TextDisabled("Deliveries per event and window; click a count to filter the log");
    draw_route_matrix(v, ui, ImVec2(0, std::max(matrix_h, ImGui::GetContentRegionAvail().y)));
    ImGui::End();
}

namespace {

const PanelRegistration kRoutePanel{{
    .name = "Route",
    .order = 30,
    .windows = {{.name = "Route", .slot = DockSlot::Route, .in_front = true}},
    .focus_keys = "Ctrl+Shift+R",
    .focus_chord = ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_R,
    .make = &make_instance<RoutePanel>,
}};

}  // namespace

}  // namespace eventlab::ui
