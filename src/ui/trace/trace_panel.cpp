// Traces in the GUI: the Record toggle in the menu bar, the File menu's trace items, and each
// frame's bookkeeping (a failed write, a load finishing, the timeline, a replay in flight). The
// parts live in trace_record / trace_open / trace_timeline / trace_replay / trace_export.cpp.
#include "ui/trace/trace_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "ui/log/log_state.h"
#include "ui/trace/trace_state.h"
#include "ui/widgets.h"
#include "view/panels/recent_files.h"

namespace eventlab::ui {

struct TracePanel::State : TraceView {};

namespace {

namespace fs = std::filesystem;

constexpr const char* kRecordPathPopup = "record-path";

void toggle_recording(UiContext& ui, TraceView& s) {
    if (s.recording.sink) {
        finish_recording(ui, s, "", StopWait::Briefly);
    } else {
        // A failure is already a notice: the person sees why, nothing else has to know.
        static_cast<void>(start_recording(ui, s));
    }
}

bool draw_record_path_field(TraceView& s) {
    if (s.record_path.empty()) s.record_path = fresh_record_path();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
    if (ImGui::InputText("##record-path", &s.record_path)) {
        s.record_path_edited = true;
        return true;
    }
    return false;
}

// The Record toggle, at the right end of the main menu bar (the status bar says what is being
// written). The menu bar is AppUi's; ImGui lets a later Begin append to it.
void draw_menu_bar_controls(UiContext& ui, TraceView& s) {
    if (!ImGui::BeginMainMenuBar()) return;
    const bool recording = s.recording.sink != nullptr;
    const char* label = recording ? glyph_or(0x25A0, "\u25A0 Stop recording", "Stop recording")
                                  : glyph_or(0x25CF, "\u25CF Record", "Record");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::CalcTextSize(label).x + style.ItemSpacing.x * 2;
    const float x = ImGui::GetWindowWidth() - width - style.WindowPadding.x;
    if (x > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(x);
    ImGui::PushStyleColor(ImGuiCol_Text,
                          recording ? error_color() : ImVec4(0.95F, 0.55F, 0.55F, 1));
    const bool clicked = ImGui::MenuItem(label);
    ImGui::PopStyleColor();
    ui.note_item("trace/record");
    if (clicked) toggle_recording(ui, s);
    if (ImGui::IsItemHovered()) {
        if (s.recording.sink) {  // as it is now: the click may just have changed it
            ImGui::SetTooltip("Recording to %s\nclick: stop", s.recording.sink->path().c_str());
        } else {
            if (s.record_path.empty()) s.record_path = fresh_record_path();
            ImGui::SetTooltip(
                "Record the session to %s\n(records are written as they happen)\n"
                "right-click: change the path",
                s.record_path.c_str());
        }
    }
    if (!recording && ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
        ImGui::OpenPopup(kRecordPathPopup);
    }
    if (ImGui::BeginPopup(kRecordPathPopup)) {
        ImGui::TextUnformatted("Record to");
        draw_record_path_field(s);
        if (ImGui::Button("Start recording")) {
            static_cast<void>(start_recording(ui, s));  // a failure is already a notice
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("New timestamp")) {
            s.record_path = fresh_record_path();
            s.record_path_edited = false;
        }
        ImGui::EndPopup();
    }
    ImGui::EndMainMenuBar();
}

}  // namespace

TraceView::~TraceView() {
    // Their threads see it at the next progress call; a cancelled export leaves no file.
    if (loader) loader->cancel.store(true);
    if (exporter.running) exporter.running->cancel.store(true);
}

TracePanel::TracePanel() : state_(std::make_unique<State>()) {}
TracePanel::~TracePanel() = default;

void TracePanel::draw(UiContext& ui) {
    State& s = *state_;
    check_recording(ui, s);
    attach_timeline(ui, s.timeline);
    timeline_keys(ui, s);
    draw_menu_bar_controls(ui, s);
    poll_load(ui, s);
    attach_timeline(ui, s.timeline);  // a load may have finished just now
    draw_open_dialog(ui, s);
    draw_export_dialog(ui, s);
    poll_export(ui, s);
    draw_timeline(ui, s);
    update_replay(ui, s.replay);
    draw_replay(ui, s.replay);
}

void TracePanel::draw_menu_items(std::string_view menu, UiContext& ui) {
    if (menu != "File") return;
    State& s = *state_;
    const bool recording = s.recording.sink != nullptr;
    if (ImGui::MenuItem(recording ? "Stop recording" : "Start recording")) toggle_recording(ui, s);
    ui.note_item("trace/menu/record");
    if (!recording) {
        ImGui::TextDisabled("  to");
        ImGui::SameLine();
        draw_record_path_field(s);
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Open trace...")) request_open(s);
    ui.note_item("trace/menu/open");
    if (ImGui::BeginMenu("Open recent", !s.loader)) {
        if (ImGui::IsWindowAppearing()) {
            s.recent = read_recent_files(recent_traces_file(PathEnv::from_process()));
        }
        if (s.recent.empty()) ImGui::TextDisabled("(none yet)");
        const std::vector<std::string> recent = s.recent;  // begin_load may change the list
        for (const std::string& path : recent) {
            if (ImGui::MenuItem(path.c_str())) begin_load(ui, s, path);
        }
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Close trace", nullptr, false, ui.workbench.viewing_trace())) {
        ui.workbench.close_trace();
        ui.selected_emit = 0;
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Replay against live", nullptr, false, ui.workbench.viewing_trace())) {
        start_replay(ui, s.replay);
    }
    const bool exportable =
        (ui.workbench.viewing_trace() || recording || !s.last_recorded.empty()) &&
        !s.exporter.running;
    if (ImGui::MenuItem("Export for Perfetto...", nullptr, false, exportable)) {
        request_export(ui, s);
    }
    ui.note_item("trace/menu/export");
}

std::string TracePanel::status(const UiContext& ui) const {
    const State& s = *state_;
    std::string out = recording_status(s);
    const auto add = [&out](const std::string& part) {
        if (!out.empty()) out += " | ";
        out += part;
    };
    if (s.loader) {
        const std::uint64_t total = s.loader->total.load(std::memory_order_relaxed);
        const std::uint64_t done = s.loader->done.load(std::memory_order_relaxed);
        add("opening " + fs::path(s.loader->path).filename().string() +
            (total > 0 ? " " + std::to_string(done * 100 / total) + "%" : std::string()));
    }
    if (const std::string exporting = export_status(s); !exporting.empty()) add(exporting);
    if (ui.workbench.viewing_trace()) {
        add("viewing " + fs::path(ui.workbench.trace_path()).filename().string() + " (" +
            std::to_string(ui.workbench.trace_cursor()) + " of " +
            std::to_string(ui.workbench.trace()->records.size()) + " records)");
    }
    if (s.replay.result) add("replay: " + s.replay.result->summary());
    return out;
}

void TracePanel::stop_recording(UiContext& ui) {
    // Before a reset the person should know the file ends here.
    finish_recording(ui, *state_, "Recording stopped.", StopWait::Briefly);
}

std::optional<StoppedRecording> TracePanel::shutdown(UiContext& ui) {
    // On quit nothing may be lost: wait for the disk, however slow (nobody sees a notice).
    return finish_recording(ui, *state_, "", StopWait::Fully);
}

Result<void> TracePanel::record_to(UiContext& ui, const std::string& path) {
    State& s = *state_;
    if (s.recording.sink) finish_recording(ui, s, "", StopWait::Briefly);
    s.record_path = path;
    s.record_path_edited = true;
    return start_recording(ui, s);
}

namespace {

// It opens its windows itself: the Timeline when a trace is opened, Replay when one replays.
const PanelRegistration kTracePanel{{
    .name = "Trace",
    .order = 80,
    .windows = {{.name = "Timeline", .slot = DockSlot::Periodic},  // beside the periodic senders
                {.name = "Replay", .slot = DockSlot::Route}},      // over the Route view
    .in_view_menu = false,
    .shortcuts = {{.keys = ", / .", .what = "previous / next emit of the viewed trace"},
                  {.keys = "Left / Right",
                   .what = "previous / next emit (Timeline window focused)"}},
    .menu_items = {"File"},
    .make = &make_instance<TracePanel>,
}};

}  // namespace

}  // namespace eventlab::ui
