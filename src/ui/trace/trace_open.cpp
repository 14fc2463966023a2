// Opening a trace: File ▸ Open (a path field and the recent files), then a background thread
// reads it with a progress bar and Cancel; when it is done the frame loop hands it to the
// workbench, which shows it read-only in the log, route view and matrix.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "ui/trace/trace_state.h"
#include "ui/widgets.h"
#include "view/panels/recent_files.h"

namespace eventlab::ui {
namespace {

constexpr const char* kOpenPopup = "Open trace";

void remember_recent(UiContext& ui, TraceView& s, const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    const std::string entry = ec ? path : absolute.lexically_normal().string();
    const std::filesystem::path file = recent_traces_file(PathEnv::from_process());
    s.recent = push_recent_file(read_recent_files(file), entry);
    if (const Result<void> written = write_recent_files(file, s.recent); !written) {
        ui.notice("Could not update the recent traces list: " + written.error());
    }
}

void draw_progress(UiContext& ui, TraceView& s) {
    TraceLoader& l = *s.loader;
    const std::uint64_t total = l.total.load(std::memory_order_relaxed);
    const float fraction =
        total == 0
            ? 0.0F
            : static_cast<float>(static_cast<double>(l.done.load(std::memory_order_relaxed)) /
                                 static_cast<double>(total));
    if (begin_progress_window("Opening trace")) {
        ImGui::TextUnformatted(std::filesystem::path(l.path).filename().string().c_str());
        const std::string label = total == 0 ? std::string("reading the file")
                                             : std::to_string(static_cast<int>(fraction * 100)) +
                                                   "% of " + human_bytes(total);
        ImGui::ProgressBar(fraction, ImVec2(-1, 0), label.c_str());
        ui.note_item("trace/open/progress");
        ImGui::BeginDisabled(l.cancel.load());
        if (ImGui::Button("Cancel")) l.cancel.store(true);
        ui.note_item("trace/open/cancel");
        ImGui::EndDisabled();
    }
    ImGui::End();
}

}  // namespace

void request_open(TraceView& s) {
    s.open_request = true;
    s.recent = read_recent_files(recent_traces_file(PathEnv::from_process()));
    // The file just recorded is the likeliest to be opened next, then the last one opened.
    if (!s.last_recorded.empty()) {
        s.open_path = s.last_recorded;
    } else if (s.open_path.empty() && !s.recent.empty()) {
        s.open_path = s.recent.front();
    }
}

void begin_load(UiContext& ui, TraceView& s, const std::string& path) {
    if (s.loader) return;  // one at a time
    s.load_message.clear();
    auto loader = std::make_unique<TraceLoader>();
    loader->path = path;
    loader->started = std::chrono::steady_clock::now();
    TraceLoader* raw = loader.get();
    loader->thread = std::jthread([raw] {
        raw->result = load_trace(raw->path, [raw](std::uint64_t done, std::uint64_t total) {
            raw->done.store(done, std::memory_order_relaxed);
            raw->total.store(total, std::memory_order_relaxed);
            return !raw->cancel.load(std::memory_order_relaxed);
        });
        raw->finished.store(true, std::memory_order_release);
    });
    s.loader = std::move(loader);
    ui.animating = true;
}

void poll_load(UiContext& ui, TraceView& s) {
    if (!s.loader) return;
    ui.animating = true;  // the frame loop only wakes for input: keep drawing while loading
    if (!s.loader->finished.load(std::memory_order_acquire)) {
        draw_progress(ui, s);
        return;
    }
    std::unique_ptr<TraceLoader> loader = std::move(s.loader);
    loader->thread.join();
    TraceLoad& load = loader->result;
    if (!load.ok()) {
        if (!loader->cancel.load()) {
            s.load_message = load.error();
            ui.notice(load.error());
        }
        return;
    }
    for (const std::string& warning : load.warnings())
        ui.notice("Warning: " + warning);
    auto trace = std::make_shared<const TraceData>(std::move(*load));
    ui.workbench.view_trace(trace, loader->path);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - loader->started).count();
    char took[64];
    std::snprintf(took, sizeof took, " in %.2f s", seconds);
    s.load_message = "Opened " + std::to_string(trace->records.size()) + " records" + took;
    for (const std::string& warning : load.warnings())
        s.load_message += "; " + warning;
    ui.selected_emit = 0;
    remember_recent(ui, s, loader->path);
}

void draw_open_dialog(UiContext& ui, TraceView& s) {
    if (s.open_request) {
        ImGui::OpenPopup(kOpenPopup);
        s.open_request = false;
    }
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(kOpenPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    const bool entered = ImGui::InputTextWithHint("##path", "path/to/trace.jsonl", &s.open_path,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ui.note_item("trace/open/path");
    std::error_code ec;
    const bool exists = !s.open_path.empty() && std::filesystem::is_regular_file(s.open_path, ec);
    if (!s.open_path.empty() && !exists) {
        ImGui::TextColored(error_color(), "no such file");
    }
    if (!s.recent.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("Recent");
        for (std::size_t i = 0; i < s.recent.size(); ++i) {
            const std::string& path = s.recent[i];
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(path.c_str(), path == s.open_path,
                                  ImGuiSelectableFlags_AllowDoubleClick)) {
                s.open_path = path;
                if (ImGui::IsMouseDoubleClicked(0)) {
                    begin_load(ui, s, path);
                    ImGui::CloseCurrentPopup();
                }
            }
            ui.note_item("trace/open/recent/" + std::to_string(i));
            ImGui::PopID();
        }
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(!exists || s.loader != nullptr);
    const bool open = ImGui::Button("Open") || (entered && exists);
    ImGui::EndDisabled();
    ui.note_item("trace/open");
    if (open && exists && !s.loader) {
        begin_load(ui, s, s.open_path);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    cancel_modal_button();
    ImGui::EndPopup();
}

}  // namespace eventlab::ui
