// The timeline over a viewed trace: a slider over t_us, play / pause at a chosen speed, and
// steps to the previous / next emit. The cursor (how many records the views show) follows the
// playhead by binary search over t_us, which never decreases in a trace; stepping moves by emit
// record instead, because a scenario step emits many records at one t_us. The route view
// follows: the selected emit is the latest one the cursor shows.
#include <imgui.h>
#include <implot.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "ui/log/log_state.h"
#include "ui/trace/trace_state.h"
#include "ui/widgets.h"
#include "view/log/log_rows.h"

namespace eventlab::ui {
namespace {

constexpr std::size_t kNone = ~std::size_t{0};

// Records [0, count) have t_us <= t.
std::size_t count_at(const TraceData& trace, double t_us) {
    const auto& r = trace.records;
    return static_cast<std::size_t>(std::upper_bound(r.begin(), r.end(), t_us,
                                                     [](double t, const Record& rec) {
                                                         return t < static_cast<double>(rec.t_us);
                                                     }) -
                                    r.begin());
}

// The latest emit the first `count` records hold (an index into t.emits), or kNone.
std::size_t emit_before(const Timeline& t, std::size_t count) {
    const auto at = std::lower_bound(t.emits.begin(), t.emits.end(), count);
    return at == t.emits.begin() ? kNone : static_cast<std::size_t>(at - t.emits.begin()) - 1;
}

void show(UiContext& ui, Timeline& t, std::size_t count, std::size_t emit) {
    t.current_emit = emit;
    if (count != t.cursor || ui.workbench.trace_cursor() != count) {
        t.cursor = count;
        ui.workbench.set_trace_cursor(count);
    }
    ui.selected_emit = emit == kNone ? 0 : t.trace->records[t.emits[emit]].emit;
}

void seek(UiContext& ui, Timeline& t, double t_us) {
    t.playhead_us = t_us;
    const std::size_t count = count_at(*t.trace, t_us);
    if (count == t.cursor && ui.workbench.trace_cursor() == count) return;
    show(ui, t, count, emit_before(t, count));
}

double first_us(const Timeline& t) {
    return t.trace->records.empty() ? 0.0 : static_cast<double>(t.trace->records.front().t_us);
}
double last_us(const Timeline& t) {
    return t.trace->records.empty() ? 0.0 : static_cast<double>(t.trace->records.back().t_us);
}

void toggle_play(Timeline& t) {
    t.playing = !t.playing;
    if (t.playing && t.playhead_us >= last_us(t)) t.playhead_us = first_us(t);  // from the top
}

void advance(UiContext& ui, Timeline& t) {
    if (!t.playing) return;
    ui.animating = true;  // real time passes: keep drawing frames
    const double dt = static_cast<double>(ImGui::GetIO().DeltaTime);
    double next = t.playhead_us + dt * kSpeeds[t.speed] * 1e6;
    if (next >= last_us(t)) {
        next = last_us(t);
        t.playing = false;
    }
    seek(ui, t, next);
}

std::string seconds(double t_us) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", t_us / 1e6);
    return text;
}

}  // namespace

float timeline_height() {
    return ImGui::GetFrameHeightWithSpacing() * 4 + ImGui::GetStyle().WindowPadding.y * 2 +
           ImGui::GetFrameHeight();
}

void attach_timeline(UiContext& ui, Timeline& t) {
    const TraceData* trace = ui.workbench.trace();
    if (t.trace == trace) return;
    t = Timeline{};
    t.trace = trace;
    if (trace == nullptr) return;
    for (std::size_t i = 0; i < trace->records.size(); ++i) {
        if (trace->records[i].type == RecordType::Emit) t.emits.push_back(i);
    }
    t.markers = emit_markers(trace->records, t.emits, *trace->symbols);
    // The whole trace is shown when it opens; the playhead sits at its end.
    t.playhead_us = last_us(t);
    t.cursor = ui.workbench.trace_cursor();
    t.current_emit = emit_before(t, t.cursor);
}

// Shows emit `target` (an index into t.emits) with what followed it up to the next emit: its Rust
// deliveries come right after it, its JS ones once the webviews ran their queues.
void go_to_emit(UiContext& ui, Timeline& t, std::size_t target) {
    t.playing = false;
    const std::size_t count =
        target + 1 < t.emits.size() ? t.emits[target + 1] : t.trace->records.size();
    t.playhead_us = static_cast<double>(t.trace->records[t.emits[target]].t_us);
    show(ui, t, count, target);
}

void step_emit(UiContext& ui, Timeline& t, int direction) {
    if (t.trace == nullptr || t.emits.empty()) return;
    std::size_t target = 0;
    if (t.current_emit == kNone) {
        if (direction < 0) return;
    } else if (direction < 0) {
        if (t.current_emit == 0) return;
        target = t.current_emit - 1;
    } else {
        if (t.current_emit + 1 >= t.emits.size()) return;
        target = t.current_emit + 1;
    }
    go_to_emit(ui, t, target);
}

// The emits as markers on a zoomable plot (drag to pan, wheel to zoom), one row per event name;
// a click on a marker goes to that emit, as stepping to it would (the log and the Route view
// show it).
void draw_emit_plot(UiContext& ui, Timeline& t) {
    const EmitMarkers& m = t.markers;
    if (m.x.empty() || !ImPlot::BeginPlot("##emits", ImVec2(-1, -1), ImPlotFlags_NoLegend)) return;
    std::vector<double> rows(m.rows.size());
    std::vector<const char*> names(m.rows.size());
    for (std::size_t i = 0; i < m.rows.size(); ++i) {
        rows[i] = static_cast<double>(i);
        names[i] = m.rows[i].c_str();
    }
    ImPlot::SetupAxes("seconds", nullptr);
    ImPlot::SetupAxisTicks(ImAxis_Y1, rows.data(), static_cast<int>(rows.size()), names.data());
    ImPlot::SetupAxisLimits(ImAxis_Y1, -0.5, static_cast<double>(m.rows.size()) - 0.5);
    ImPlotSpec emit;
    emit.Marker = ImPlotMarker_Circle;
    ImPlot::PlotScatter("emit", m.x.data(), m.y.data(), static_cast<int>(m.x.size()), emit);
    if (t.current_emit != kNone && t.current_emit < m.x.size()) {
        ImPlotSpec current;
        current.Marker = ImPlotMarker_Diamond;
        current.MarkerSize = 7.0F;
        ImPlot::PlotScatter("current", &m.x[t.current_emit], &m.y[t.current_emit], 1, current);
    }
    if (ImPlot::IsPlotHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const ImPlotPoint at = ImPlot::GetPlotMousePos();
        const ImPlotRect limits = ImPlot::GetPlotLimits();
        const double per_pixel = limits.X.Size() / std::max(1.0F, ImPlot::GetPlotSize().x);
        if (const auto hit = nearest_marker(m, at.x, at.y, per_pixel * 8.0, 0.5)) {
            go_to_emit(ui, t, *hit);
        }
    }
    ImPlot::EndPlot();
}

void timeline_keys(UiContext& ui, TraceView& s) {
    Timeline& t = s.timeline;
    if (t.trace == nullptr) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt) return;  // typing a comma into a field
    if (ImGui::IsKeyPressed(ImGuiKey_Comma)) step_emit(ui, t, -1);
    if (ImGui::IsKeyPressed(ImGuiKey_Period)) step_emit(ui, t, +1);
}

void draw_timeline(UiContext& ui, TraceView& s) {
    Timeline& t = s.timeline;
    if (t.trace == nullptr) return;
    advance(ui, t);

    const Layout& l = ui.layout;
    const float height = timeline_height();
    if (ui.dock.active()) {
        DockSlots::dock_next(ui.dock.periodic);  // a tab beside the periodic senders
    } else if (l.backend.size.x > 0) {
        // Over the lower part of the Backend panel, whose code preview matters least while a
        // trace is viewed; the log's newest rows and the route matrix stay in sight.
        const float bottom = l.backend.pos.y + l.backend.size.y;
        UiContext::place({{l.backend.pos.x, bottom - height}, {l.backend.size.x, height}});
    } else {
        const ImGuiViewport* v = ImGui::GetMainViewport();
        UiContext::place(
            {{v->WorkPos.x, v->WorkPos.y + v->WorkSize.y - height}, {v->WorkSize.x, height}});
    }
    ImGui::SetNextWindowBgAlpha(1.0F);  // it lies over another panel: no rows showing through
    if (!ImGui::Begin("Timeline")) {
        ImGui::End();
        return;
    }
    t.focus = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
    const TraceData& trace = *t.trace;
    const double first = first_us(t);
    const double last = last_us(t);

    // Row 1: the scrubber over the trace's time, in seconds.
    double at_s = t.playhead_us / 1e6;
    const double min_s = first / 1e6;
    const double max_s = std::max(last, first + 1) / 1e6;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderScalar("##t", ImGuiDataType_Double, &at_s, &min_s, &max_s, "%.3f s")) {
        t.playing = false;
        seek(ui, t, std::clamp(at_s * 1e6, first, last));
    }
    ui.note_item("trace/timeline/slider");

    // Row 2: transport.
    if (ImGui::Button(glyph_or(0x25C0, "|\u25C0 prev emit", "|< prev emit"))) step_emit(ui, t, -1);
    ui.note_item("trace/timeline/prev");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous emit (',' or Left)");
    ImGui::SameLine();
    const char* play = t.playing ? "Pause" : glyph_or(0x25B6, "\u25B6 Play", "Play");
    if (ImGui::Button(play)) toggle_play(t);
    ui.note_item("trace/timeline/play");
    ImGui::SameLine();
    if (ImGui::Button(glyph_or(0x25B6, "next emit \u25B6|", "next emit >|"))) step_emit(ui, t, +1);
    ui.note_item("trace/timeline/next");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next emit ('.' or Right)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5F);
    ImGui::Combo("speed", &t.speed, kSpeedNames, kSpeedCount);
    ui.note_item("trace/timeline/speed");

    // Row 3: what else can be done with the trace.
    if (ImGui::Button("Replay against live")) {
        start_replay(ui, s.replay);
    }
    ui.note_item("trace/replay");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Send this trace's emits again into the live session (its windows, listeners and "
            "mode) and compare, emit by emit, what was delivered then and now");
    }
    ImGui::SameLine();
    if (ImGui::Button("Export...")) request_export(ui, s);
    ui.note_item("trace/timeline/export");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Export for Perfetto (Chrome trace-event JSON)");
    ImGui::SameLine();
    if (ImGui::Button("Close trace")) {
        ui.workbench.close_trace();
        ui.selected_emit = 0;
        ImGui::End();
        return;
    }
    ui.note_item("trace/timeline/close");
    if (!s.load_message.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", s.load_message.c_str());
    }

    // Row 4: where the cursor is.
    const std::string now = seconds(t.playhead_us) + " / " + seconds(last);
    ImGui::Text("%s  %s  record %zu of %zu", now.c_str(), glyph_or(0x00B7, "\u00B7", "-"), t.cursor,
                trace.records.size());
    if (t.current_emit != kNone) {
        ImGui::SameLine();
        const Record& e = trace.records[t.emits[t.current_emit]];
        ImGui::TextColored(record_color(RecordType::Emit), " emit #%u %s (%zu of %zu)", e.emit,
                           std::string(trace.symbols->view(e.event)).c_str(), t.current_emit + 1,
                           t.emits.size());
    }
    draw_emit_plot(ui, t);
    if (t.focus && !ImGui::GetIO().WantTextInput) {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) step_emit(ui, t, -1);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) step_emit(ui, t, +1);
    }
    ImGui::End();
}

}  // namespace eventlab::ui
