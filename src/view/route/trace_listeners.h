// Who was listening, and which windows were open, at a point of a recorded trace. A live
// session asks the bus; a trace only has its listen / unlisten and window records, so the route
// view's "did not get it" list is rebuilt from those: the listeners registered at the emit.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/bus/bus.h"
#include "core/record/record_log.h"
#include "view/route/route.h"

namespace eventlab {

// Replays listen / unlisten / window / deliver records, incrementally: moving forward reads only
// the new records, moving back starts again from the log's first record.
class TraceListeners {
  public:
    void reset();
    // Applies the records at positions [log.first(), position) (clamped to the log's end).
    void seek(const RecordLog& log, const Symbols& symbols, std::uint64_t position);
    std::uint64_t position() const { return next_; }

    // The registered listeners, by id; `calls` counts their deliveries so far, `stale` marks a
    // JS listener whose window was destroyed (still registered: Tauri 2.0 / stable keep it).
    std::vector<ListenerInfo> listeners() const;
    // Windows in creation order, live ones first (as Session::windows()); nothing is queued.
    std::vector<WindowInfo> windows() const;

  private:
    void apply(const Record& r, const Symbols& symbols);
    bool alive(const std::string& label) const;

    std::uint64_t next_ = 0;
    bool started_ = false;
    std::map<std::uint32_t, ListenerInfo> listeners_;
    std::vector<WindowInfo> windows_;  // every instance, in creation order
    std::uint32_t next_instance_ = 0;
};

// The listeners registered just before `position` (its records [first, position) applied).
std::vector<ListenerInfo> listeners_at(const RecordLog& log, const Symbols& symbols,
                                       std::uint64_t position);

// A loaded trace's deliver records keep the words of each match but neither its reason code nor
// the listener's target, which the route view colors and labels its arrows by. Fills both in
// for the route's "got it" listeners from the listeners registered at the emit (listeners_at),
// with the rule of the trace's mode.
void resolve_trace_route(Route& route, const std::vector<ListenerInfo>& listeners, Mode mode);

}  // namespace eventlab
