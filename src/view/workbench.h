// What the GUI works on: a session, its in-memory log, and the scenario it was opened from.
// Changing the mode or the order replaces the session and replays that scenario, so the
// windows and listeners come back under the new rules. No ImGui here: tests drive it directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/app/session.h"
#include "core/record/record_log.h"
#include "core/scenario/runner.h"
#include "core/scenario/scenario.h"
#include "core/trace/trace.h"

namespace eventlab {

class Workbench {
  public:
    explicit Workbench(std::size_t log_capacity = kDefaultLogCapacity);
    ~Workbench();
    Workbench(const Workbench&) = delete;
    Workbench& operator=(const Workbench&) = delete;

    // Runs the scenario's steps on virtual time (as `run` would), then hands the session to the
    // person: real time from then on, periodic senders on their own threads.
    void open(Scenario scenario, std::string name, BusConfig config);
    // A new session with other rules, replaying the scenario it was opened from.
    void reset(BusConfig config);

    // The Tauri project every session from now on simulates (`--project`), loaded once for
    // each Tauri release whose permissions a mode checks with (ModeRules::acl_tauri): a session
    // takes the one of its mode, so switching modes reads no file and cannot fail.
    void set_project(std::vector<std::shared_ptr<const acl::Project>> per_release);

    // ---- guided stepping (demos): the session stays on virtual time, one step at a time
    // Opens the scenario's windows and runs no step.
    void start_stepping(Scenario scenario, std::string name, BusConfig config);
    bool stepping() const { return stepping_; }
    std::size_t steps_run() const { return steps_run_; }
    std::size_t step_count() const { return scenario_.steps.size(); }
    const Scenario& scenario() const { return scenario_; }
    bool run_next_step();            // false when every step has run
    void rewind(std::size_t steps);  // a fresh session that has run the first `steps` steps
    void hand_over();                // stop stepping: real time and threads from now on

    // ---- a trace opened read-only: the views show its records instead of the live log
    void view_trace(std::shared_ptr<const TraceData> trace, std::string path);
    void close_trace();
    bool viewing_trace() const { return trace_ != nullptr; }
    const TraceData* trace() const { return trace_.get(); }
    // For work on another thread, which must keep the trace alive if another one is opened.
    std::shared_ptr<const TraceData> shared_trace() const { return trace_; }
    const std::string& trace_path() const { return trace_path_; }
    // Shows the trace's records [0, count): a timeline cursor. Moving back rebuilds the view.
    void set_trace_cursor(std::size_t count);
    std::size_t trace_cursor() const { return trace_cursor_; }

    Session& session() { return *session_; }
    const Session& session() const { return *session_; }
    // What the views show: the live log, or the opened trace up to its cursor.
    RecordLog& log() { return trace_ ? *trace_log_ : *log_; }
    const RecordLog& log() const { return trace_ ? *trace_log_ : *log_; }
    const Symbols& symbols() const {
        return trace_ ? *trace_->symbols : session_->recorder().symbols();
    }
    RecordLog& live_log() { return *log_; }
    const BusConfig& config() const { return session_->config(); }
    const std::string& name() const { return name_; }
    const std::vector<ExpectOutcome>& outcomes() const { return outcomes_; }
    // Bumped whenever the session and log are replaced, so views drop their cached indices.
    std::uint64_t generation() const { return generation_; }
    // "The same session?" and "the same trace?" as numbers, not addresses (a new session's log
    // or a newly opened trace may reuse a freed one's address). The first moves only when the
    // live session is replaced, the second only when a trace is opened or closed.
    std::uint64_t session_generation() const { return session_generation_; }
    std::uint64_t trace_generation() const { return trace_generation_; }

    // Runs the webviews' JS queues (their event loops) for at most `budget` items.
    std::size_t pump(std::size_t budget);
    // Runs webview queue items for about `budget` of wall time (the GUI's share per frame), so
    // a flood never freezes a frame: what does not fit waits for the next one.
    std::size_t pump_for(std::chrono::microseconds budget);
    // The GUI's share per frame: half a 60 Hz frame, so a flood of 100k events/s to eight
    // webviews is drained as fast as it comes and the frame still fits in 16 ms.
    static constexpr std::chrono::milliseconds kFramePumpBudget{8};
    // Called from any thread when something happened that the GUI should draw.
    void set_wake(std::function<void()> wake);
    // Told before a session goes (with null) and after its replacement exists, so something
    // that drives the session from another thread (the bridge) lets go of the old one first.
    void set_session_observer(std::function<void(Session*)> observer);

  private:
    void start(BusConfig config);
    void open_project();
    void run_steps(std::size_t count);

    std::size_t log_capacity_;
    std::unique_ptr<Session> session_;
    std::shared_ptr<RecordLog> log_;
    Scenario scenario_;
    std::string name_;
    std::vector<ExpectOutcome> outcomes_;
    std::uint64_t generation_ = 0;
    std::uint64_t session_generation_ = 0;
    std::uint64_t trace_generation_ = 0;
    std::function<void()> wake_;
    std::function<void(Session*)> session_observer_;
    std::shared_ptr<StepExecutor> executor_;
    bool stepping_ = false;
    std::size_t steps_run_ = 0;
    std::shared_ptr<const TraceData> trace_;
    std::string trace_path_;
    std::unique_ptr<RecordLog> trace_log_;
    std::size_t trace_cursor_ = 0;
    std::vector<std::shared_ptr<const acl::Project>> projects_;
};

}  // namespace eventlab
