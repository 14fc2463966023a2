// The trace panel's state, shared by its files: trace_record.cpp (recording to .jsonl),
// trace_open.cpp (the open dialog, the background loader, recent files), trace_timeline.cpp
// (the scrubber over a viewed trace), trace_replay.cpp (replay against the live session),
// trace_export.cpp (Perfetto export, on its own thread). The trace machinery itself is core.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/trace/perfetto.h"
#include "core/trace/trace.h"
#include "ui/trace/trace_panel.h"
#include "ui/ui_context.h"
#include "view/plots/emit_markers.h"
#include "view/trace/replay.h"

namespace eventlab::ui {

inline constexpr double kSpeeds[] = {0.1, 0.5, 1.0, 2.0, 10.0, 100.0};
inline constexpr const char* kSpeedNames[] = {"0.1x", "0.5x", "1x", "2x", "10x", "100x"};
inline constexpr int kSpeedCount = 6;
inline constexpr int kDefaultSpeed = 2;  // 1x

// A recording in progress, attached to the live session's recorder.
struct Recording {
    std::shared_ptr<TraceFileSink> sink;  // its counters are atomic: read them any time
    // The session it records (Workbench::session_generation): a reset, a demo or a scenario
    // makes a new one.
    std::uint64_t session = 0;
};

// A recording stopped while its writer was still behind (a stuck disk): it finishes on its own
// thread, and each frame checks whether it has, so a stop never waits for the disk.
struct Saving {
    std::shared_ptr<TraceFileSink> sink;
    std::string why;  // the notice to give when the file is complete ("" for none)
};

// How long a stop waits for the writer before the rest is written in the background: long
// enough for a healthy disk, short enough not to be seen as a stalled frame.
inline constexpr std::chrono::milliseconds kStopGrace{50};
enum class StopWait { Briefly, Fully };

// A trace read on a background thread; the frame loop polls `finished`.
struct TraceLoader {
    std::string path;
    std::atomic<std::uint64_t> done{0};
    std::atomic<std::uint64_t> total{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};
    TraceLoad result = Failure{};  // written by the thread before `finished` is set
    std::chrono::steady_clock::time_point started;
    std::jthread thread;  // last: joined first when the loader goes
};

// The scrubber over the viewed trace. The cursor (records shown) follows the playhead's time;
// stepping moves by emit record, since many records share one t_us.
struct Timeline {
    const TraceData* trace = nullptr;  // the trace these indices belong to
    std::vector<std::size_t> emits;    // record indices of the emit records
    EmitMarkers markers;               // the emits as the timeline's plot shows them
    bool playing = false;
    int speed = kDefaultSpeed;
    double playhead_us = 0;                      // trace time shown
    std::size_t cursor = 0;                      // records [0, cursor) shown
    std::size_t current_emit = ~std::size_t{0};  // index into `emits`; none before the first
    bool focus = false;                          // the Timeline window has keyboard focus
};

struct ReplayView {
    enum class Phase { Idle, Sending, Settling, Done };
    std::unique_ptr<Replay> replay;
    std::uint64_t trace = 0;          // the trace `replay` was built from (trace_generation)
    std::uint64_t session = 0;        // the session it sends into (see Recording)
    Mode recorded_in = Mode::Stable;  // the trace's mode, for the window's caption
    Phase phase = Phase::Idle;
    bool keep_timing = false;
    int speed = kDefaultSpeed;
    double started = 0;   // ImGui time of the first send
    double settling = 0;  // ImGui time the last emit was sent
    std::optional<ReplayResult> result;
    bool only_differences = false;
    bool show = false;  // the Replay window is open
    // The result flattened into display lines (headers and deliveries), for the clipper.
    struct Line {
        std::size_t row = 0;
        std::int32_t then = -1;  // -2: the row's header line
        std::int32_t now = -1;
    };
    std::vector<Line> lines;
    bool lines_differences = false;  // the filter `lines` was built with
};

// A Perfetto export on a background thread (a recording is read back from its file first);
// the frame loop polls `finished`, shows the progress and offers Cancel.
struct TraceExporter {
    std::string source;
    std::string path;
    std::shared_ptr<const TraceData> trace;  // the viewed trace; null: read `source` first
    std::atomic<bool> reading{false};        // still reading the source back
    std::atomic<std::uint64_t> done{0};      // bytes while reading, then records
    std::atomic<std::uint64_t> total{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};
    // Written by the thread before `finished` is set.
    ExportEnd end = ExportEnd::Failed;
    std::string error;
    std::size_t records = 0;
    std::jthread thread;  // last: joined first when the exporter goes
};

struct ExportView {
    bool open_request = false;
    std::string path;
    std::string source;  // the trace file it exports (a recording is read back from disk)
    std::unique_ptr<TraceExporter> running;
};

// TracePanel::State is this (the panel's State is private to it; these files share the view).
struct TraceView {
    Recording recording;
    std::string record_path;  // the path the next recording writes; editable
    bool record_path_edited = false;
    std::string last_recorded;  // the file of the last finished recording
    std::vector<Saving> saving;

    bool open_request = false;  // File ▸ Open asked for the dialog
    std::string open_path;
    std::vector<std::string> recent;
    std::unique_ptr<TraceLoader> loader;
    std::string load_message;  // the last load's warnings or error, shown in the UI

    Timeline timeline;
    ReplayView replay;
    ExportView exporter;

    TraceView() = default;
    TraceView(const TraceView&) = delete;
    TraceView& operator=(const TraceView&) = delete;
    ~TraceView();  // cancels a load or export in flight (their threads are joined with them)
};

// trace_record.cpp
// Starts recording to s.record_path, or says why not (also as a notice).
Result<void> start_recording(UiContext& ui, TraceView& s);
// Stops the recording (a notice says why, unless `why` is empty). Returns what the file holds
// once it is complete; with StopWait::Briefly a writer still behind after kStopGrace goes on
// in the background (s.saving) and the result is empty. Fully also completes what is saving.
std::optional<StoppedRecording> finish_recording(UiContext& ui, TraceView& s,
                                                 const std::string& why, StopWait wait);
void check_recording(UiContext& ui, TraceView& s);  // each frame: failures, finished saves
std::string recording_status(const TraceView& s);
std::string fresh_record_path();
std::string human_bytes(std::uint64_t bytes);

// trace_open.cpp
void request_open(TraceView& s);
void draw_open_dialog(UiContext& ui, TraceView& s);
void begin_load(UiContext& ui, TraceView& s, const std::string& path);
void poll_load(UiContext& ui, TraceView& s);  // each frame: progress, completion

// trace_timeline.cpp
void attach_timeline(UiContext& ui, Timeline& t);  // a new trace: index its emits, cursor at end
void draw_timeline(UiContext& ui, TraceView& s);
void timeline_keys(UiContext& ui, TraceView& s);  // ',' '.' anywhere
void step_emit(UiContext& ui, Timeline& t, int direction);
float timeline_height();  // it sits at the bottom of the Backend panel's area

// trace_replay.cpp
void start_replay(UiContext& ui, ReplayView& r);
void update_replay(UiContext& ui, ReplayView& r);  // each frame: send, settle, compare
void draw_replay(UiContext& ui, ReplayView& r);

// trace_export.cpp
void request_export(UiContext& ui, TraceView& s);
void draw_export_dialog(UiContext& ui, TraceView& s);
void poll_export(UiContext& ui, TraceView& s);  // each frame: progress, completion
std::string export_status(const TraceView& s);  // "exporting FILE · 43%", or empty

}  // namespace eventlab::ui
