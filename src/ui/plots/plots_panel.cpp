// Rates and queues as curves: events per second per event name over the last minute, the
// deliveries of one event per window, the JS queue depth of each window over time, and the
// emit-to-delivery latency of each bridged page. The numbers come from the headless models in
// view/plots, fed here from the live log's new records a bounded number per frame; the plots
// stand still while the log's view is paused.
#include <implot.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ui/panel_registry.h"
#include "ui/widgets.h"
#include "view/plots/event_rates.h"
#include "view/plots/latency.h"
#include "view/plots/series_history.h"

namespace eventlab::ui {

// Rates and queues as curves: events per second per event, deliveries per window, JS queue
// depth per window, emit-to-delivery latency per bridged page (ImPlot over view/plots).
class PlotsPanel final : public Panel {
  public:
    PlotsPanel();
    ~PlotsPanel() override;
    void draw(UiContext& ui) override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

namespace {

constexpr std::size_t kRecordsPerFrame = 40'000;  // like the other indices over the log
constexpr std::size_t kMaxSeries = 8;             // curves per plot; the busiest ones
constexpr double kQueueSpan = 60.0;               // seconds of queue depth kept
constexpr double kQueueInterval = 0.1;
constexpr double kDeliveriesInterval = 0.25;

// Up to the last whole second: the one still running would show as a drop at the right end.
std::int64_t last_whole_second(std::int64_t newest_us) {
    return newest_us - 1'000'000;
}

}  // namespace

struct PlotsPanel::State {
    std::uint64_t session = ~std::uint64_t{0};
    std::uint64_t next = 0;      // the next live log record to read
    std::int64_t newest_us = 0;  // the session time of the newest record read
    EventRates rates;
    LatencyHistograms latency;
    SeriesHistory queues{kQueueSpan, kQueueInterval};
    std::vector<WindowInfo> windows;  // as sampled last
    int event = -1;  // the event (index into the rates' series) whose deliveries are shown
    std::string deliveries_of;  // the event per_window counts
    double deliveries_at = -1e9;
    std::map<std::string, double> per_window;  // deliveries by window label ("rust": backend)

    void feed(UiContext& ui);
    void draw_rates(const Symbols& symbols);
    void draw_deliveries(UiContext& ui, const std::vector<EventRates::Series>& series,
                         const Symbols& symbols);
    void draw_queues() const;
    void draw_latency(const Symbols& symbols) const;
};

void PlotsPanel::State::feed(UiContext& ui) {
    Workbench& bench = ui.workbench;
    if (session != bench.session_generation()) {
        session = bench.session_generation();
        rates.clear();
        latency.clear();
        queues = SeriesHistory(kQueueSpan, kQueueInterval);
        next = 0;
    }
    if (ui.log_paused || ui.filter_scanning()) return;  // the plots pause with the log
    const RecordLog& log = bench.live_log();
    const std::uint64_t from = std::max(next, log.first());
    const std::uint64_t to = std::min(log.end(), from + kRecordsPerFrame);
    log.scan(from, to, [this](std::uint64_t, const Record& r) {
        newest_us = std::max(newest_us, r.t_us);
        if (r.type == RecordType::Emit) {
            rates.add_emit(r.event, r.t_us);
            latency.add_emit(r.emit, r.t_us);
        } else if (r.type == RecordType::Deliver && r.side() == Side::Js) {
            latency.add_delivery(r.in, r.emit, r.t_us);
        }
    });
    next = to;
    if (to < log.end()) ui.animating = true;  // the rest next frame
    const double now = ImGui::GetTime();
    if (queues.due(now)) {
        windows = bench.session().live_windows();
        std::vector<std::pair<std::string, double>> depths;
        depths.reserve(windows.size());
        for (const WindowInfo& w : windows)
            depths.emplace_back(w.label, static_cast<double>(w.queued));
        queues.sample(now, depths);
    }
}

void PlotsPanel::State::draw_rates(const Symbols& symbols) {
    const std::vector<EventRates::Series> series =
        rates.series(last_whole_second(newest_us), kMaxSeries);
    double top = 1.0;
    for (const EventRates::Series& s : series)
        top = std::max(top, *std::max_element(s.per_second.begin(), s.per_second.end()));
    if (ImPlot::BeginPlot("Events per second (last minute)", ImVec2(-1, 220))) {
        ImPlot::SetupAxes("seconds ago", "emits/s");
        ImPlot::SetupAxisLimits(ImAxis_X1, -EventRates::kSeconds, 0, ImPlotCond_Always);
        // Room above the busiest curve, which would otherwise run along the frame.
        ImPlot::SetupAxisLimits(ImAxis_Y1, 0, top * 1.15, ImPlotCond_Always);
        for (const EventRates::Series& s : series) {
            const std::string name(symbols.view(s.event));
            ImPlot::PlotLine(name.empty() ? "\"\"" : name.c_str(), s.per_second.data(),
                             EventRates::kSeconds, 1.0, 1.0 - EventRates::kSeconds);
        }
        ImPlot::EndPlot();
    }
}

// How many times each window's listeners of the event ran: what the matrix's row counts, as bars.
void PlotsPanel::State::draw_deliveries(UiContext& ui,
                                        const std::vector<EventRates::Series>& series,
                                        const Symbols& symbols) {
    if (series.empty()) return;
    event = std::clamp(event, 0, static_cast<int>(series.size()) - 1);
    const std::string name(symbols.view(series[static_cast<std::size_t>(event)].event));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::BeginCombo("event##deliveries", name.c_str())) {
        for (std::size_t i = 0; i < series.size(); ++i) {
            const std::string option(symbols.view(series[i].event));
            if (ImGui::Selectable(option.c_str(), static_cast<int>(i) == event))
                event = static_cast<int>(i);
        }
        ImGui::EndCombo();
    }
    // Copying every listener costs a good part of a frame with 10k of them: a few times a second.
    const double now = ImGui::GetTime();
    if (name != deliveries_of || now - deliveries_at > kDeliveriesInterval) {
        deliveries_of = name;
        deliveries_at = now;
        per_window.clear();
        for (const ListenerInfo& l : ui.workbench.session().listeners()) {
            if (l.event == name)
                per_window[l.side == Side::Js ? l.webview : "rust"] += static_cast<double>(l.calls);
        }
    }
    std::vector<const char*> labels;
    std::vector<double> counts;
    std::vector<double> at;
    for (const auto& [label, count] : per_window) {
        labels.push_back(label.c_str());
        counts.push_back(count);
        at.push_back(static_cast<double>(at.size()));
    }
    if (ImPlot::BeginPlot("Deliveries per window", ImVec2(-1, 200), ImPlotFlags_NoLegend)) {
        ImPlot::SetupAxes(nullptr, "deliveries", 0, ImPlotAxisFlags_AutoFit);
        if (!labels.empty()) {
            ImPlot::SetupAxisTicks(ImAxis_X1, at.data(), static_cast<int>(at.size()),
                                   labels.data());
            ImPlot::PlotBars(name.c_str(), counts.data(), static_cast<int>(counts.size()));
        }
        ImPlot::EndPlot();
    }
}

void PlotsPanel::State::draw_queues() const {
    if (ImPlot::BeginPlot("JS queue depth per window", ImVec2(-1, 200))) {
        ImPlot::SetupAxes("seconds", "queued", ImPlotAxisFlags_AutoFit, ImPlotAxisFlags_AutoFit);
        for (const SeriesHistory::Series* s : queues.highest(kMaxSeries)) {
            ImPlot::PlotLine(s->label.c_str(), s->t.data(), s->value.data(),
                             static_cast<int>(s->t.size()));
        }
        ImPlot::EndPlot();
    }
}

void PlotsPanel::State::draw_latency(const Symbols& symbols) const {
    bool any = false;
    for (const WindowInfo& w : windows) {
        if (w.page_url.empty()) continue;
        const Sym label = symbols.find(w.label);
        const LatencyHistograms::Histogram* h = label != kNoSym ? latency.of(label) : nullptr;
        if (h == nullptr) continue;
        any = true;
        std::vector<double> counts(h->counts.begin(), h->counts.end());
        const std::string title = "Emit to delivery, " + w.label + " (bins from 10 us, doubling)";
        if (ImPlot::BeginPlot(title.c_str(), ImVec2(-1, 160), ImPlotFlags_NoLegend)) {
            ImPlot::SetupAxes("bin: 10 us x 2^n", "deliveries", ImPlotAxisFlags_AutoFit,
                              ImPlotAxisFlags_AutoFit);
            ImPlot::PlotBars(w.label.c_str(), counts.data(), static_cast<int>(counts.size()));
            ImPlot::EndPlot();
        }
    }
    if (!any)
        ImGui::TextDisabled("Emit-to-delivery latency: no bridged page has received an emit.");
}

PlotsPanel::PlotsPanel() : state_(std::make_unique<State>()) {}
PlotsPanel::~PlotsPanel() = default;

void PlotsPanel::draw(UiContext& ui) {
    State& s = *state_;
    s.feed(ui);
    DockSlots::dock_next(ui.dock.route);
    // A tab behind the Route view until asked for (View > Plots, --panel Plots).
    if (!ImGui::Begin("Plots", nullptr, ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    const Symbols& symbols = ui.workbench.session().recorder().symbols();  // the live log's
    if (ui.log_paused) ImGui::TextDisabled("Paused with the log (Ctrl+P resumes).");
    s.draw_rates(symbols);
    s.draw_deliveries(ui, s.rates.series(last_whole_second(s.newest_us), kMaxSeries), symbols);
    s.draw_queues();
    s.draw_latency(symbols);
    ImGui::End();
}

namespace {

const PanelRegistration kPlotsPanel{{
    .name = "Plots",
    .order = 60,
    .windows = {{.name = "Plots", .slot = DockSlot::Route}},  // a tab behind the Route view
    .focus_keys = "Ctrl+Shift+P",
    .focus_chord = ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_P,
    .make = &make_instance<PlotsPanel>,
}};

}  // namespace

}  // namespace eventlab::ui
