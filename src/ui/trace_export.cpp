// File ▸ Export for Perfetto…: the viewed trace, or the recording (read back from its file,
// which is complete up to its last flushed line), written as Chrome trace-event JSON.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/perfetto.h"
#include "ui/trace_state.h"
#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

namespace fs = std::filesystem;

constexpr const char* kExportPopup = "Export for Perfetto";

// Written next to the target and renamed, so a failure never leaves a half-written file.
std::string write_file(const std::string& path, const std::string& text) {
    const std::string temp = path + ".partial";
    std::error_code ec;
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            fs::remove(temp, ec);
            return "cannot write " + path;
        }
    }
    fs::rename(temp, path, ec);
    if (ec) {
        fs::remove(temp, ec);
        return "cannot write " + path + ": " + ec.message();
    }
    return {};
}

// The file to export: the trace being viewed, else the recording (running or finished).
std::string export_source(const UiContext& ui, const TraceView& s) {
    if (ui.bench.viewing_trace()) return ui.bench.trace_path();
    if (s.recording.sink) return s.recording.sink->path();
    return s.last_recorded;
}

void run_export(UiContext& ui, TraceView& s) {
    ExportView& e = s.exporter;
    std::string error;
    std::size_t records = 0;
    if (ui.bench.viewing_trace() && ui.bench.trace_path() == e.source) {
        const TraceData& trace = *ui.bench.trace();
        records = trace.records.size();
        error = write_file(e.path, export_perfetto(trace));
    } else {
        TraceLoad load = load_trace(e.source);
        if (!load.data) {
            error = load.error;
        } else {
            records = load.data->records.size();
            error = write_file(e.path, export_perfetto(*load.data));
        }
    }
    if (!error.empty()) {
        ui.notice("Export failed: " + error);
    } else {
        ui.notice("Wrote " + e.path + " (" + std::to_string(records) +
                      " records); open it in ui.perfetto.dev",
                  4.0);
    }
}

}  // namespace

void request_export(UiContext& ui, TraceView& s) {
    ExportView& e = s.exporter;
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
        run_export(ui, s);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace eventlab::ui
