// Who listened at a point of a trace, rebuilt from its listen / unlisten / window records: what
// the route view's "did not get it" list uses while a trace is viewed.
#include <doctest/doctest.h>

#include <algorithm>

#include "trace_fixture.h"
#include "view/log/emit_tracker.h"
#include "view/route/route.h"
#include "view/route/trace_listeners.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

const char* const kScenario = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "test-event", "target": "main", "name": "scoped"},
    {"op": "listen", "in": "rust", "event": "test-event", "name": "backend"},
    {"op": "emit", "event": "test-event"},
    {"op": "unlisten", "name": "scoped"},
    {"op": "emit", "event": "test-event"},
    {"op": "listen", "in": "settings", "event": "other", "name": "late"},
    {"op": "close_window", "label": "settings"}
  ]
})";

// The trace's records in a RecordLog, as the workbench shows a viewed trace.
struct Viewed {
    TraceData trace = test::trace_of(kScenario);
    RecordLog log{1 << 16};
    Viewed() {
        for (const Record& r : trace.records)
            log.write(r, *trace.symbols);
    }
    // Position of the n-th (from 1) record of this type.
    std::uint64_t nth(RecordType type, int n) const {
        for (std::size_t i = 0; i < trace.records.size(); ++i) {
            if (trace.records[i].type == type && --n == 0) return i;
        }
        FAIL("no such record");
        return 0;
    }
};

bool has(const std::vector<ListenerInfo>& listeners, const std::string& name) {
    return std::any_of(listeners.begin(), listeners.end(),
                       [&](const ListenerInfo& l) { return l.name == name; });
}

}  // namespace

TEST_CASE("trace listeners: listeners_at before and after an unlisten") {
    Viewed v;
    const auto before = listeners_at(v.log, *v.trace.symbols, v.nth(RecordType::Emit, 1));
    REQUIRE(before.size() == 2);
    CHECK(has(before, "scoped"));
    CHECK(has(before, "backend"));
    const auto scoped = std::find_if(before.begin(), before.end(),
                                     [](const ListenerInfo& l) { return l.name == "scoped"; });
    CHECK(scoped->side == Side::Js);
    CHECK(scoped->webview == "main");
    CHECK(scoped->target == EventTarget::any_label("main"));

    const auto after = listeners_at(v.log, *v.trace.symbols, v.nth(RecordType::Emit, 2));
    CHECK_FALSE(has(after, "scoped"));
    CHECK(has(after, "backend"));
    CHECK_FALSE(has(after, "late"));  // registered after that emit

    const auto end = listeners_at(v.log, *v.trace.symbols, v.log.end());
    CHECK(has(end, "late"));
}

TEST_CASE("trace listeners: windows open and closed and stale listeners") {
    Viewed v;
    TraceListeners state;
    state.seek(v.log, *v.trace.symbols, v.nth(RecordType::Emit, 1));
    auto windows = state.windows();
    REQUIRE(windows.size() == 2);
    CHECK(windows[0].label == "main");
    CHECK(windows[0].alive);
    CHECK(windows[1].alive);

    state.seek(v.log, *v.trace.symbols, v.log.end());  // forward: incremental
    windows = state.windows();
    REQUIRE(windows.size() == 2);
    CHECK(windows[0].label == "main");
    CHECK(windows[1].label == "settings");
    CHECK_FALSE(windows[1].alive);
    const auto listeners = state.listeners();
    const auto late = std::find_if(listeners.begin(), listeners.end(),
                                   [](const ListenerInfo& l) { return l.name == "late"; });
    REQUIRE(late != listeners.end());
    CHECK(late->stale);  // Tauri stable keeps a destroyed page's listeners registered

    // Back again: the tracker starts over and gives the earlier state.
    state.seek(v.log, *v.trace.symbols, v.nth(RecordType::Emit, 2));
    CHECK(state.windows()[1].alive);
    const auto backend = state.listeners();
    const auto b = std::find_if(backend.begin(), backend.end(),
                                [](const ListenerInfo& l) { return l.name == "backend"; });
    REQUIRE(b != backend.end());
    CHECK(b->calls == 1);  // delivered the first emit only, so far
}

TEST_CASE("trace listeners: a loaded trace's route names each listener's target and reason") {
    const TraceData trace = test::trace_of(R"({
  "windows": ["main"],
  "steps": [
    {"op": "listen", "in": "main", "event": "e", "target": "main", "name": "scoped"},
    {"op": "listen", "in": "main", "event": "e", "name": "global"},
    {"op": "emit_to", "target": "main", "event": "e"}
  ]
})");
    RecordLog log(1024);
    for (const Record& r : trace.records)
        log.write(r, *trace.symbols);
    EmitTracker tracker;
    tracker.update(log, 1024);
    const std::uint32_t emit = tracker.newest_emit();
    const EmitEntry* entry = tracker.find(emit);
    REQUIRE(entry != nullptr);
    const auto listeners = listeners_at(log, *trace.symbols, entry->position);
    TraceListeners state;
    state.seek(log, *trace.symbols, entry->position);
    const auto windows = state.windows();
    Settling settling;
    settling.end = log.end();
    const RouteInputs in{log, *trace.symbols, tracker, listeners, windows, Mode::Stable, settling};
    Route route = build_route(emit, in);
    REQUIRE(route.found);
    resolve_trace_route(route, listeners, Mode::Stable);
    REQUIRE(route.nodes.size() == 2);  // main, then the Rust backend
    const RouteNode& main = route.nodes[0];
    REQUIRE(main.got.size() == 2);
    for (const RouteListener& l : main.got) {
        if (l.name == "scoped") {
            CHECK(l.target == EventTarget::any_label("main"));
            CHECK(l.reason == MatchReason::AnyLabelToLabel);
        } else {
            CHECK(l.target == EventTarget::any());
            CHECK(l.reason == MatchReason::AnyListener);
        }
    }
}
