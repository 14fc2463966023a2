// Replaying a trace against the live workspace: each emit of the trace is sent again, with the
// same event, target or accept list, payload and sender, into the current session (its windows,
// listeners and mode), and what it delivers now is compared, emit by emit, with what it
// delivered then. The way to check a routing change or a mode change: record, change, replay.
//
// Listeners are compared by identity (side, window, target, event: trace_diff.h), not by id.
// Emits that handlers made are in the trace too and are re-sent like the others; the handlers
// of the live session may emit them once more, but those emits get other ids and are not
// compared. JS deliveries are asynchronous: compare once the webviews have run their queues.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/app/session.h"
#include "core/record/record_log.h"
#include "core/trace/trace.h"

namespace eventlab {

struct ReplayRow {
    std::uint32_t then_emit = 0;  // the emission id in the trace
    std::uint32_t now_emit = 0;   // the id the live session gave it; 0 until sent, or if refused
    std::int64_t t_us = 0;        // in the trace
    std::string call;             // as trace_diff words it
    std::string note;             // how the re-send differs from the original, or why it failed
    std::vector<std::uint32_t> then;  // indices into ReplayResult::names, sorted by name
    std::vector<std::uint32_t> now;
    bool same = true;
};

// One line of a row's side-by-side view: a delivery in both, then only, or now only.
struct ReplayLine {
    std::int32_t then = -1;  // index into ReplayResult::names; -1: none on this side
    std::int32_t now = -1;
};

struct ReplayResult {
    std::vector<std::string> names;  // listener identities, each once
    std::vector<ReplayRow> rows;     // one per emit of the trace, in order
    std::size_t same = 0;            // rows that delivered the same
    std::size_t sent = 0;            // rows the live session accepted

    std::string summary() const;  // "3 of 4 emits delivered the same"
    // A row's deliveries side by side, in name order.
    std::vector<ReplayLine> lines(const ReplayRow& row) const;
    // One readable line per difference ("emit 2 (...): then only: js listener in main, ...").
    std::vector<std::string> differences() const;
};

// Reads the trace while it is alive: the trace must outlive the Replay (the GUI drops a replay
// whose trace was closed).
class Replay {
  public:
    explicit Replay(const TraceData& trace);

    std::size_t size() const { return plan_.size(); }
    std::size_t sent() const { return next_; }
    bool done() const { return next_ >= plan_.size(); }
    // Trace time from the first emit to the last.
    std::int64_t duration_us() const;

    // Remembers where the live log ends and who listens now, before the first send.
    void start(Session& session, const RecordLog& live_log);
    // Sends the emits due `elapsed_us` after the first one (trace time); returns how many.
    std::size_t send_due(Session& session, std::int64_t elapsed_us);
    std::size_t send_all(Session& session);

    // Then and now, from the trace and the live log; call after the webviews ran their queues.
    // `live_symbols` are the session's (Recorder::symbols), which the live log's records use.
    ReplayResult compare(const RecordLog& live_log, const Symbols& live_symbols) const;

  private:
    struct Planned {
        std::size_t record = 0;  // index in the trace's records
        std::vector<std::string> then;
        std::uint32_t now_emit = 0;
        std::string note;
    };
    void send(Session& session, Planned& planned);

    const TraceData* trace_;
    std::vector<Planned> plan_;
    std::size_t next_ = 0;
    std::uint64_t log_start_ = 0;
    std::vector<ListenerInfo> listeners_before_;
};

}  // namespace eventlab
