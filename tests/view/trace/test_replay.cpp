// Replay against the live workspace: a trace's emits sent again into a session, and per emit
// who got it then (in the trace) and now (in the live log), by listener identity.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>

#include "core/trace/trace_diff.h"
#include "trace_fixture.h"
#include "view/trace/replay.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

// The workspace the trace ran in: a label-scoped JS listener (AnyLabel{main}), a global one and
// a Rust one. emit_to("main") reaches the scoped one in stable, not in 2.0 (PR #11581).
const char* const kWorkspace = R"({
  "tauri": "%MODE%",
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "test-event", "target": "main", "name": "scoped"},
    {"op": "listen", "in": "settings", "event": "test-event", "name": "global"},
    {"op": "listen", "in": "rust", "event": "test-event", "name": "backend"}%STEPS%
  ]
})";

const char* const kEmitSteps = R"(,
    {"op": "emit_to", "target": "main", "event": "test-event", "payload": {"data": "hi"}},
    {"op": "emit", "event": "test-event", "from": "settings"},
    {"op": "emit_filter", "accept": [{"kind": "App"}], "event": "test-event"})";

std::string workspace(const std::string& mode, const std::string& steps) {
    std::string text = kWorkspace;
    text.replace(text.find("%MODE%"), 6, mode);
    text.replace(text.find("%STEPS%"), 7, steps);
    return text;
}

// A live session opened on the workspace (no emits), as the GUI has it.
struct Live {
    Workbench bench;
    explicit Live(const std::string& mode) {
        Scenario scenario = test::scenario_of(workspace(mode, ""));
        const BusConfig config = resolve_config(scenario, {});
        bench.open(std::move(scenario), "live", config);
    }
    ReplayResult replay(const TraceData& trace) {
        Replay replay(trace);
        replay.start(bench.session(), bench.live_log());
        CHECK(replay.send_all(bench.session()) == replay.size());
        CHECK(replay.done());
        bench.pump(std::numeric_limits<std::size_t>::max());  // JS deliveries are async
        return replay.compare(bench.live_log(), bench.session().recorder().symbols());
    }
};

}  // namespace

TEST_CASE("replay: a stable trace against a 2.0 session shows the AnyLabel difference") {
    const TraceData trace = test::trace_of(workspace("stable", kEmitSteps));
    Live live("2.0");
    const ReplayResult result = live.replay(trace);
    REQUIRE(result.rows.size() == 3);
    CHECK(result.sent == 3);
    CHECK(result.same == 2);
    CHECK(result.summary() == "2 of 3 emits delivered the same");

    const ReplayRow& row = result.rows[0];
    CHECK_FALSE(row.same);
    CHECK(row.call.find("emit_to AnyLabel{main}") == 0);
    CHECK(row.then.size() == 2);  // scoped and global; the Rust App listener is not aimed at
    CHECK(row.now.size() == 1);
    const auto differences = result.differences();
    REQUIRE(differences.size() == 1);
    CHECK(differences[0].find("then only: js listener in main, target AnyLabel{main}, event "
                              "test-event") != std::string::npos);
    // Side by side: the scoped listener has a line of its own with nothing now.
    const auto lines = result.lines(row);
    REQUIRE(lines.size() == 2);
    const auto only_then =
        std::count_if(lines.begin(), lines.end(), [](const ReplayLine& l) { return l.now < 0; });
    CHECK(only_then == 1);
}

TEST_CASE("replay: the same workspace and mode deliver the same for every emit") {
    const TraceData trace = test::trace_of(workspace("stable", kEmitSteps));
    Live live("stable");
    const ReplayResult result = live.replay(trace);
    CHECK(result.same == result.rows.size());
    CHECK(result.summary() == "3 of 3 emits delivered the same");
    CHECK(result.differences().empty());
    // The JS emit came from settings, which is open: it is re-sent as JS, with no note.
    CHECK(result.rows[1].note.empty());
    CHECK(result.rows[1].call.find("from js:settings") != std::string::npos);
}

TEST_CASE("replay: a JS emit from a window that is gone is re-sent from Rust with a note") {
    const TraceData trace = test::trace_of(workspace("stable", kEmitSteps));
    Live live("stable");
    REQUIRE(live.bench.session().bus().close_window("settings").ok);
    live.bench.pump(std::numeric_limits<std::size_t>::max());
    const ReplayResult result = live.replay(trace);
    REQUIRE(result.rows.size() == 3);
    CHECK(result.rows[1].now_emit != 0);
    CHECK(result.rows[1].note.find("window `settings` is not open now") != std::string::npos);
    // The settings page's listener is stale now: registered, never called again.
    CHECK_FALSE(result.rows[1].same);
}

TEST_CASE("replay: keeping the timing sends each emit when its time has come") {
    const TraceData trace = test::trace_of(workspace("stable", R"(,
    {"op": "emit", "event": "test-event"},
    {"op": "advance", "ms": 100},
    {"op": "emit", "event": "test-event"})"));
    Live live("stable");
    Replay replay(trace);
    REQUIRE(replay.size() == 2);
    CHECK(replay.duration_us() == 100'000);
    replay.start(live.bench.session(), live.bench.live_log());
    CHECK(replay.send_due(live.bench.session(), 0) == 1);
    CHECK(replay.send_due(live.bench.session(), 99'999) == 0);
    CHECK(replay.send_due(live.bench.session(), 100'000) == 1);
    CHECK(replay.done());
    live.bench.pump(std::numeric_limits<std::size_t>::max());
    const ReplayResult result =
        replay.compare(live.bench.live_log(), live.bench.session().recorder().symbols());
    CHECK(result.same == 2);
}

TEST_CASE("replay: diff_traces still compares two traces emit by emit") {
    const TraceData stable = test::trace_of(workspace("stable", kEmitSteps));
    const TraceData old = test::trace_of(workspace("2.0", kEmitSteps));
    const TraceDiff diff = diff_traces(stable, old);
    REQUIRE(diff.differences.size() == 1);
    CHECK(diff.differences[0].find("delivered in A only: js listener in main, target "
                                   "AnyLabel{main}") != std::string::npos);
    CHECK(diff_traces(stable, stable).equal());
}
