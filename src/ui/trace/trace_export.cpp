// File ▸ Export for Perfetto…: the viewed trace, or the recording (read back from its file,
// which is complete up to its last flushed line), written as Chrome trace-event JSON. The export
// streams to the file on its own thread: the frames go on, with its progress and a Cancel.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "core/trace/perfetto.h"
#include "ui/trace/trace_state.h"
#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

namespace fs = std::filesystem;

constexpr const char* kExportPopup = "Export for Perfetto";

// The file to export: the trace being viewed, else the recording (running or finished).
std::string export_source(const UiContext& ui, const TraceView& s) {
    if (ui.workbench.viewing_trace()) return ui.workbench.trace_path();
    if (s.recording.sink) return s.recording.sink->path();
    return s.last_recorded;
}

// On the exporter's thread: reads the recording back if need be, then streams the export.
void export_in_background(TraceExporter& x) {
    std::optional<TraceData> loaded;
    const TraceData* trace = x.trace.get();
    if (trace == nullptr) {
        TraceLoad load = load_trace(x.source, [&x](std::uint64_t done, std::uint64_t total) {
            x.done.store(done, std::memory_order_relaxed);
            x.total.store(total, std::memory_order_relaxed);
            return !x.cancel.load(std::memory_order_relaxed);
        });
        if (!load.ok()) {
            x.end = x.cancel.load() ? ExportEnd::Cancelled : ExportEnd::Failed;
            x.error = load.error();
            return;
        }
        loaded = std::move(*load);
        trace = &*loaded;
    }
    x.records = trace->records.size();
    x.done.store(0, std::memory_order_relaxed);
    x.total.store(x.records, std::memory_order_relaxed);
    x.reading.store(false, std::memory_order_relaxed);
    const ExportResult result =
        export_perfetto_file(*trace, x.path, [&x](std::uint64_t done, std::uint64_t) {
            x.done.store(done, std::memory_order_relaxed);
            return !x.cancel.load(std::memory_order_relaxed);
        });
    x.end = result.end;
    x.error = result.error;
}

void start_export(UiContext& ui, TraceView& s) {
    ExportView& e = s.exporter;
    auto x = std::make_unique<TraceExporter>();
    x->source = e.source;
    x->path = e.path;
    if (ui.workbench.viewing_trace() && ui.workbench.trace_path() == e.source) {
        x->trace = ui.workbench.shared_trace();  // kept alive should another trace be opened
    } else {
        x->reading.store(true);
    }
    TraceExporter* raw = x.get();
    x->thread = std::jthread([raw] {
        export_in_background(*raw);
        raw->finished.store(true, std::memory_order_release);
    });
    e.running = std::move(x);
    ui.animating = true;
}

int percent(const TraceExporter& x) {
    const std::uint64_t total = x.total.load(std::memory_order_relaxed);
    const std::uint64_t done = x.done.load(std::memory_order_relaxed);
    return total == 0 ? 0 : static_cast<int>(std::min(done, total) * 100 / total);
}

void draw_progress(UiContext& ui, TraceExporter& x) {
    if (begin_progress_window("Exporting for Perfetto")) {
        ImGui::TextUnformatted(fs::path(x.path).filename().string().c_str());
        const int done = percent(x);
        const std::string label =
            std::string(x.reading.load() ? "reading the trace · " : "exporting · ") +
            std::to_string(done) + "%";
        ImGui::ProgressBar(static_cast<float>(done) / 100.0F, ImVec2(-1, 0), label.c_str());
        ui.note_item("trace/export/progress");
        ImGui::BeginDisabled(x.cancel.load());
        if (ImGui::Button("Cancel")) x.cancel.store(true);
        ui.note_item("trace/export/cancel");
        ImGui::EndDisabled();
    }
    ImGui::End();
}

void report(UiContext& ui, const TraceExporter& x) {
    switch (x.end) {
        case ExportEnd::Done:
            ui.notice("Wrote " + x.path + " (" + std::to_string(x.records) +
                          " records); open it in ui.perfetto.dev",
                      4.0);
            break;
        case ExportEnd::Cancelled:
            ui.notice("Export cancelled: " + x.path + " was not written.", 4.0);
            break;
        case ExportEnd::Failed:
            ui.notice("Export failed: " + x.error);
            break;
    }
}

}  // namespace

void request_export(UiContext& ui, TraceView& s) {
    ExportView& e = s.exporter;
    if (e.running) {
        ui.notice("An export is still running: wait for it or cancel it first.");
        return;
    }
    e.source = export_source(ui, s);
    if (e.source.empty()) {
        ui.notice("Nothing to export: open a trace or record one first.");
        return;
    }
    e.path = fs::path(e.source).replace_extension(".json").string();
    e.open_request = true;
}

void draw_export_dialog(UiContext& ui, TraceView& s) {
    ExportView& e = s.exporter;
    if (e.open_request) {
        ImGui::OpenPopup(kExportPopup);
        e.open_request = false;
    }
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(kExportPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::TextDisabled(
        "Chrome trace-event JSON: a process per window and the Rust backend, a "
        "slice per emit and delivery, flows from each emit to its deliveries.");
    ImGui::Text("From %s", e.source.c_str());
    ImGui::SetNextItemWidth(-1);
    const bool entered = ImGui::InputText("##out", &e.path, ImGuiInputTextFlags_EnterReturnsTrue);
    ui.note_item("trace/export/path");
    const bool same = fs::path(e.path) == fs::path(e.source);
    if (same) ImGui::TextColored(error_color(), "that is the trace itself");
    ImGui::BeginDisabled(e.path.empty() || same);
    const bool go = ImGui::Button("Export") || (entered && !e.path.empty() && !same);
    ImGui::EndDisabled();
    ui.note_item("trace/export");
    if (go && !e.path.empty() && !same) {
        start_export(ui, s);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    cancel_modal_button();
    ImGui::EndPopup();
}

void poll_export(UiContext& ui, TraceView& s) {
    std::unique_ptr<TraceExporter>& x = s.exporter.running;
    if (!x) return;
    ui.animating = true;  // the frame loop only wakes for input: keep drawing while exporting
    if (!x->finished.load(std::memory_order_acquire)) {
        draw_progress(ui, *x);
        return;
    }
    x->thread.join();
    report(ui, *x);
    x.reset();
}

std::string export_status(const TraceView& s) {
    const TraceExporter* x = s.exporter.running.get();
    if (x == nullptr) return {};
    return std::string(x->reading.load() ? "reading " : "exporting ") +
           fs::path(x->path).filename().string() + " · " + std::to_string(percent(*x)) + "%";
}

}  // namespace eventlab::ui
