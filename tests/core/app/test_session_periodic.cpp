// Periodic senders on virtual time (docs/formats.md): ticks at each interval with {n} substituted,
// stop ends them, a bad interval is refused.
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

PeriodicSpec tick_spec(std::int64_t interval_us) {
    PeriodicSpec spec;
    spec.id = "clock";
    spec.event = "tick";
    spec.interval_us = interval_us;
    spec.payload = json{{"n", "{n}"}, {"text", "tick {n}"}};
    return spec;
}

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("session: a 10 ms periodic sender ticks 3 times in 35 ms with {n} = 1 - 2 - 3") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        SessionFixture f(config(mode));
        f.js("main", "tick", "js");
        f.rust("tick", "rust");
        REQUIRE(f.session.periodic_start(tick_spec(10'000)).ok);
        f.session.advance_us(35'000);
        CHECK(f.session.clock().now_us() == 35'000);

        const auto emits = f.sink->of("emit");
        REQUIRE(emits.size() == 3);
        for (std::size_t i = 0; i < emits.size(); ++i) {
            const auto n = std::to_string(i + 1);
            CHECK(emits[i]["t_us"] == 10'000 * static_cast<std::int64_t>(i + 1));
            CHECK(emits[i]["payload"] == json{{"n", n}, {"text", "tick " + n}});
            CHECK(emits[i]["from"] == "periodic:clock");
            CHECK(emits[i]["event"] == "tick");
        }
        // The webviews ran their queues after each tick: JS got each tick at its time.
        CHECK(f.calls("js") == 3);
        CHECK(f.calls("rust") == 3);
        CHECK(json::parse(f.last_payload("js")) == json{{"n", "3"}, {"text", "tick 3"}});
        std::vector<std::int64_t> js_times;
        for (const auto& d : f.sink->of("deliver")) {
            if (d["side"] == "js") js_times.push_back(d["t_us"].get<std::int64_t>());
        }
        CHECK(js_times == std::vector<std::int64_t>{10'000, 20'000, 30'000});
        const auto senders = f.session.periodic();
        REQUIRE(senders.size() == 1);
        CHECK(senders[0].ticks == 3);
        CHECK_FALSE(senders[0].threaded);
    }
}

TEST_CASE("session: a periodic sender with a target emits with emit_to") {
    SessionFixture f(config(Mode::Stable), {"main", "other"});
    f.js("main", "tick", "main only", EventTarget::window("main"));
    f.js("other", "tick", "other only", EventTarget::window("other"));
    PeriodicSpec spec = tick_spec(10'000);
    spec.target = EventTarget::any_label("main");
    REQUIRE(f.session.periodic_start(spec).ok);
    f.session.advance_us(20'000);
    CHECK(f.calls("main only") == 2);
    CHECK(f.calls("other only") == 0);
    for (const auto& e : f.sink->of("emit"))
        CHECK(e["api"] == "emit_to");
}

TEST_CASE("session: a stopped periodic sender ticks no more") {
    SessionFixture f;
    f.js("main", "tick", "js");
    REQUIRE(f.session.periodic_start(tick_spec(10'000)).ok);
    f.session.advance_us(35'000);
    REQUIRE(f.session.periodic_stop("clock").ok);
    CHECK(f.session.periodic().empty());
    f.session.advance_us(100'000);
    CHECK(f.calls("js") == 3);
    CHECK(f.sink->of("emit").size() == 3);
    CHECK_FALSE(f.session.periodic_stop("clock").ok);  // not running any more
}

TEST_CASE("session: a periodic sender with interval 0 is refused") {
    SessionFixture f;
    f.js("main", "tick", "js");
    const OpResult r = f.session.periodic_start(tick_spec(0));
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("interval") != std::string::npos);
    CHECK(f.session.periodic().empty());
    f.session.advance_us(1'000'000);
    CHECK(f.calls("js") == 0);
    CHECK(f.sink->of("emit").empty());
    const auto errors = f.sink->of("error");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0]["message"] == r.error);
}

TEST_CASE("session: a scenario listener whose actions re-emit its own event is stopped once") {
    // The user's path to an emit loop: a scenario handler with an emit (or an invoke that emits).
    const std::vector<std::string> listeners = {
        R"({"op": "listen", "in": "rust", "event": "test-event", "name": "loop",
            "actions": [{"op": "emit", "event": "test-event"}]})",
        R"({"op": "listen", "in": "main", "event": "test-event", "name": "loop",
            "actions": [{"op": "emit", "event": "test-event", "from": "main"}]})",
        R"({"op": "listen", "in": "main", "event": "test-event", "name": "loop",
            "actions": [{"op": "invoke", "in": "main", "command": "send_test_event_from_backend",
                         "args": {"data": "again"}}]})",
    };
    for (const std::string& listener : listeners) {
        INFO(listener);
        const std::string text = R"({"windows": ["main"], "steps": [)" + listener + R"(,
            {"op": "emit", "event": "test-event"},
            {"op": "expect", "error": "emit loop stopped"},
            {"op": "listen", "in": "main", "event": "after", "name": "after"},
            {"op": "emit", "event": "after"},
            {"op": "expect", "calls": {"after": 1}}
        ]})";
        const ScenarioRun run = run_scenario_text(text);
        REQUIRE(run.report.outcomes.size() == 2);
        for (const auto& o : run.report.outcomes)
            CHECK_MESSAGE(o.ok, o.path << ": " << o.message);
        // One "emit loop stopped" record; an invoke that hit the bound also rejects its promise.
        std::size_t loop_errors = 0;
        std::size_t rejected_invokes = 0;
        std::size_t loop_calls = 0;
        for (const auto& r : run.records) {
            if (r["type"] == "error") {
                CHECK(r["message"].get<std::string>().rfind("emit loop stopped", 0) == 0);
                (r["op"] == "invoke" ? rejected_invokes : loop_errors) += 1;
            }
            loop_calls += (r["type"] == "deliver" && r["event"] == "test-event") ? 1 : 0;
        }
        CHECK(loop_errors == 1);
        CHECK(rejected_invokes <= 1);
        CHECK(loop_calls >= 64);
        CHECK(loop_calls <= 65);
    }
}

TEST_CASE("session: a tick's handler that stops its own sender and another ends both safely") {
    // The handler runs inside the sender's tick(); stopping that sender destroys it unless
    // advance_us keeps it alive until the tick returns (ASan reports a use after free otherwise).
    SessionFixture f;
    PeriodicSpec own = tick_spec(10'000);
    own.id = "own";
    PeriodicSpec other = tick_spec(15'000);
    other.id = "other";
    other.event = "other-tick";
    REQUIRE(f.session.periodic_start(own).ok);
    REQUIRE(f.session.periodic_start(other).ok);
    std::vector<bool> stopped;
    ListenRequest r;
    r.side = Side::Rust;
    r.event = "tick";
    r.name = "stopper";
    r.actions = [&](const Event&) {
        stopped.push_back(f.session.periodic_stop("own").ok);
        stopped.push_back(f.session.periodic_stop("other").ok);
    };
    REQUIRE(f.session.listen(r).ok);
    f.rust("other-tick", "other");
    f.session.advance_us(100'000);
    CHECK(f.calls("stopper") == 1);
    CHECK(f.calls("other") == 0);  // stopped at 10 ms, before its first tick at 15 ms
    CHECK(stopped == std::vector<bool>{true, true});
    CHECK(f.session.periodic().empty());
    CHECK(f.sink->of("emit").size() == 1);
    CHECK(f.session.clock().now_us() == 100'000);
}

TEST_SUITE_END();
