// Recording the live session to a .jsonl trace: a TraceFileSink attached to the session's
// recorder, flushed per record. It stops on a second press, on quit, before a reset, when the
// session is replaced under it, and when a write fails (disk full).
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "ui/log/log_state.h"
#include "ui/trace/trace_state.h"
#include "view/panels/recent_files.h"

namespace eventlab::ui {
namespace {

namespace fs = std::filesystem;

// A recording started mid-session would name deliveries to listeners it never saw registered
// (and windows it never saw open). It starts with the state instead: a window record per open
// window and a listen record per registered listener, at t_us 0, as if it had seen them come.
void write_preamble(TraceFileSink& sink, Session& session, std::int64_t start_us) {
    Symbols& symbols = session.recorder().symbols();
    for (const WindowInfo& w : session.live_windows()) {
        Record r;
        r.type = RecordType::Window;
        r.t_us = start_us;
        r.code = static_cast<std::uint8_t>(WindowAction::Created);
        r.in = symbols.intern(w.label);
        r.observed = w.observed;  // a tapped app's window: seen, not simulated
        sink.write(r, symbols);
    }
    for (const ListenerInfo& l : session.listeners()) {
        if (l.pending) continue;  // its listen record comes when the Rust queue runs it
        Record r;
        r.type = RecordType::Listen;
        r.t_us = start_us;
        r.listener = l.id;
        r.event = symbols.intern(l.event);
        r.in = l.side == Side::Js ? symbols.intern(l.webview) : kNoSym;
        r.aux = l.name.empty() ? kNoSym : symbols.intern(l.name);
        r.set_target_kind(l.target.kind);
        r.target_label = l.target.has_label() ? symbols.intern(l.target.label) : kNoSym;
        if (l.side == Side::Js) r.flags |= flag::kJs;
        if (l.once) r.flags |= flag::kOnce;
        r.observed = l.observed;
        sink.write(r, symbols);
    }
}

}  // namespace

std::string fresh_record_path() {
    return timestamped_trace_path(default_trace_dir(PathEnv::from_process()),
                                  std::chrono::system_clock::now())
        .string();
}

std::string human_bytes(std::uint64_t bytes) {
    char text[32];
    if (bytes < 1024) {
        std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    } else if (bytes < 1024ULL * 1024) {
        std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    } else if (bytes < 1024ULL * 1024 * 1024) {
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024));
    } else {
        std::snprintf(text, sizeof text, "%.2f GB",
                      static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
    }
    return text;
}

Result<void> start_recording(UiContext& ui, TraceView& s) {
    if (s.recording.sink) return {};
    if (s.record_path.empty()) s.record_path = fresh_record_path();
    const fs::path path(s.record_path);
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    if (ec) {
        std::string why = "cannot create " + path.parent_path().string() + ": " + ec.message();
        ui.notice("Cannot record: " + why);
        return Failure{std::move(why)};
    }
    Session& session = ui.workbench.session();
    const BusConfig& config = session.config();
    const std::int64_t start_us = session.clock().now_us();  // so the file's t_us starts at 0
    auto opened = TraceFileSink::open(
        s.record_path, {kTraceVersion, config.mode, config.order, config.seed}, start_us);
    if (!opened) {
        ui.notice("Cannot record: " + opened.error());
        return Failure{opened.error()};
    }
    std::shared_ptr<TraceFileSink> sink = std::move(*opened);
    write_preamble(*sink, session, start_us);
    session.recorder().add_sink(sink);
    s.recording = {std::move(sink), ui.workbench.session_generation()};
    return {};
}

namespace {

// The file is complete: say what it holds, and offer it to Open and Export.
StoppedRecording report_saved(UiContext& ui, TraceView& s, TraceFileSink& sink,
                              const std::string& why) {
    s.last_recorded = sink.path();
    StoppedRecording stopped{sink.path(), sink.records_written(), sink.failed()};
    if (!why.empty()) {
        const std::uint64_t dropped = sink.records_dropped();
        ui.notice(why + " " + sink.path() + " holds " + std::to_string(sink.records_written()) +
                  " complete records" +
                  (dropped > 0 ? " (" + std::to_string(dropped) + " dropped: the disk fell behind)"
                               : std::string()) +
                  ".");
    }
    return stopped;
}

// The recordings still saving that have finished (all of them, waiting, with Fully).
void check_saving(UiContext& ui, TraceView& s, StopWait wait) {
    std::erase_if(s.saving, [&](Saving& saving) {
        if (wait == StopWait::Fully) {
            saving.sink->close();
        } else if (!saving.sink->close_within(std::chrono::milliseconds(0))) {
            return false;
        }
        report_saved(ui, s, *saving.sink, saving.why);
        return true;
    });
}

}  // namespace

std::optional<StoppedRecording> finish_recording(UiContext& ui, TraceView& s,
                                                 const std::string& why, StopWait wait) {
    if (wait == StopWait::Fully) check_saving(ui, s, wait);
    Recording& rec = s.recording;
    if (!rec.sink) return std::nullopt;
    // Detach only from the session it records: a replaced session took its sinks with it.
    if (rec.session == ui.workbench.session_generation()) {
        ui.workbench.session().recorder().remove_sink(rec.sink.get());
    }
    std::shared_ptr<TraceFileSink> sink = std::move(rec.sink);
    rec = {};
    // The next recording gets a new timestamp, unless the person chose a path of their own.
    if (!s.record_path_edited) s.record_path.clear();
    // Detached, so no thread adds more: the writer only has to hand over what is pending.
    if (wait == StopWait::Fully) {
        sink->close();
    } else if (!sink->close_within(kStopGrace)) {
        ui.notice("Saving " + sink->path() +
                  ": the disk is behind; it finishes in the background.");
        s.saving.push_back({std::move(sink), why.empty() ? "Recording saved." : why});
        return std::nullopt;
    }
    return report_saved(ui, s, *sink, why);
}

void check_recording(UiContext& ui, TraceView& s) {
    check_saving(ui, s, StopWait::Briefly);
    const Recording& rec = s.recording;
    if (!rec.sink) return;
    if (rec.sink->failed()) {
        finish_recording(ui, s, "Recording stopped: writing the trace failed (disk full?).",
                         StopWait::Briefly);
    } else if (rec.session != ui.workbench.session_generation()) {
        finish_recording(ui, s, "Recording stopped: the session was replaced.", StopWait::Briefly);
    }
}

std::string recording_status(const TraceView& s) {
    std::string saving;
    for (const Saving& done : s.saving) {
        if (!saving.empty()) saving += " | ";
        saving += "saving " + fs::path(done.sink->path()).filename().string() + " \u00B7 " +
                  human_bytes(done.sink->bytes_behind()) + " to write";
    }
    const Recording& rec = s.recording;
    if (!rec.sink) return saving;
    std::string out = std::string(glyph_or(0x25CF, "\u25CF REC ", "REC ")) +
                      fs::path(rec.sink->path()).filename().string() + " \u00B7 " +
                      std::to_string(rec.sink->records_written()) + " records \u00B7 " +
                      human_bytes(rec.sink->bytes_written());
    // A batch or two in flight is the normal state; more than this is the disk falling behind.
    constexpr std::uint64_t kShowBehind = 64ULL * 1024;
    if (const std::uint64_t behind = rec.sink->bytes_behind(); behind >= kShowBehind) {
        out += " \u00B7 " + human_bytes(behind) + " behind";
    }
    if (const std::uint64_t dropped = rec.sink->records_dropped(); dropped > 0) {
        out += " \u00B7 " + std::to_string(dropped) + (dropped == 1 ? " record" : " records") +
               " dropped";
    }
    return saving.empty() ? out : out + " | " + saving;
}

}  // namespace eventlab::ui
