// The route view's model without ImGui: for one emission, who got it (its deliver and skip
// records, with the words of why they matched) and which listeners of that event did not (and
// why not, from the same matching rule the bus applies); and the events × receivers matrix of
// delivery counts, kept up to date from the log incrementally.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/bus/bus.h"
#include "core/record/record_log.h"
#include "view/log/emit_tracker.h"

namespace eventlab {

struct RouteListener {
    enum class Outcome : std::uint8_t {
        Got,      // a deliver record
        Skipped,  // a skip record: queued for it, but it was gone when its webview ran the queue
        Missed,   // the emit's filter does not reach its target
        Late,     // registered after the emit: events before listen are lost
        Queued,   // reached, and its webview has not run the delivery yet
        Unseen,   // reached by the rule, yet no record says so (dropped from the ring?)
    };
    std::uint32_t id = 0;
    Side side = Side::Js;
    std::string name;
    EventTarget target;
    Outcome outcome = Outcome::Got;
    MatchReason reason = MatchReason::NoFilter;  // Got / Missed: the rule's reason
    std::string words;                           // why it got it, or why not
    bool stale = false;  // Got: its component unmounted without cleanup or its window is gone
};

struct RouteNode {
    std::string label;  // the window label; empty for the Rust backend
    std::string title;  // "main", "Rust backend"
    bool rust = false;
    bool alive = true;
    std::vector<RouteListener> got;      // Outcome::Got
    std::vector<RouteListener> not_got;  // every other outcome
};

struct Route {
    bool found = false;  // false: no such emit record in the log (dropped, or none yet)
    std::uint32_t emit = 0;
    std::string event;
    std::string from;  // "rust", "js:main", "periodic:tick", "invoke:COMMAND"
    std::string call;  // "emit", "emit_to(AnyLabel{main})", "emit_filter(filter[App])"
    EmitApi api = EmitApi::Emit;
    EmitFilter filter;
    bool deferred = false;  // queued behind a running Rust handler: Rust sees no filter (#15759)
    std::int64_t t_us = 0;
    std::uint64_t position = kNoPosition;
    EmitFate fate = EmitFate::Unknown;
    std::uint32_t delivered = 0;
    std::uint32_t skipped = 0;
    // The live windows in creation order, then other labels that appear (closed windows),
    // then the Rust backend.
    std::vector<RouteNode> nodes;
};

struct RouteInputs {
    const RecordLog& log;
    const Symbols& symbols;
    const EmitTracker& tracker;
    const std::vector<ListenerInfo>& listeners;  // bus.listeners() now
    const std::vector<WindowInfo>& windows;      // bus.live_windows() now
    Mode mode = Mode::Stable;
    Settling settling;
};

Route build_route(std::uint32_t emit, const RouteInputs& in);

// The filter an emit record was made with: api + target, or the accept list.
EmitFilter emit_filter_of(const Record& emit, const Symbols& symbols);

// Delivery counts per event and receiver, from deliver records, plus emits per event. Counts
// everything the matrix has read this session: the ring dropping old records lowers nothing.
class DeliveryMatrix {
  public:
    struct View {
        std::vector<std::string> events;     // sorted by name
        std::vector<std::string> columns;    // "main", ..., "Rust backend"
        std::vector<std::string> receivers;  // the matching receiver names: "js:main", "rust"
        std::vector<bool> alive;             // per column: the window is open (Rust: true)
        std::vector<bool> observed;        // per column: a tapped app's window, not a simulated one
        std::vector<std::uint64_t> emits;  // per event
        std::vector<std::uint64_t> counts;  // events.size() × columns.size(), row-major

        std::uint64_t at(std::size_t event, std::size_t column) const {
            return counts[event * columns.size() + column];
        }
    };

    void reset();
    bool update(const RecordLog& log, std::size_t budget);  // true when caught up
    std::uint64_t version() const { return version_; }      // changes when a count does
    // Changes when an event or a receiver appears: a row or a column more, not just counts.
    std::uint64_t shape_version() const { return shape_version_; }
    View view(const Symbols& symbols, const std::vector<WindowInfo>& windows) const;

  private:
    std::unordered_map<std::uint64_t, std::uint64_t> deliveries_;  // event << 32 | label
    // A tapped app's deliveries: a column apart, even where a simulated window has its label.
    std::unordered_map<std::uint64_t, std::uint64_t> observed_deliveries_;
    std::unordered_map<Sym, std::uint64_t> emits_;
    std::uint64_t next_ = 0;
    std::uint64_t version_ = 0;
    std::uint64_t shape_version_ = 0;
};

// ---------------------------------------------------------------------------------------------
// many receivers

// The matrix as drawn: the receivers whose label contains `filter` (any case; the Rust backend
// always stays), at most `max_columns` of them in their order, the rest summed in one column
// "N other windows" (receiver "": it filters nothing). ImGui tables hold at most 64 columns, and
// 200 one-digit columns are unreadable anyway.
DeliveryMatrix::View fit_matrix(const DeliveryMatrix::View& view, std::string_view filter,
                                std::size_t max_columns);

// The nodes of `route` whose window label contains `filter` (any case), the Rust backend always.
std::vector<std::size_t> route_nodes_shown(const Route& route, std::string_view filter);

// A node drawn as one line when the full nodes do not fit: "w17: 2 got it, 1 did not".
std::string node_summary(const RouteNode& node);

}  // namespace eventlab
