// Determinism (docs/formats.md): the same scenario run twice gives byte-identical trace text, in
// registration order and in random order with the same seed.
#include <string>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

// Touches every kind of step: listeners of every side and target, emits of every API, invoke
// (good and rejected), components, a periodic sender on virtual time, a held close answered by
// destroy, a reused label, unlisten and a bad name.
constexpr std::string_view kScenario = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "rust", "event": "test-event", "name": "rust-feed"},
    {"op": "listen", "in": "rust", "event": "test-event", "name": "rust-window",
     "target": {"kind": "Window", "label": "settings"}},
    {"op": "listen", "in": "main", "event": "test-event", "name": "main-feed"},
    {"op": "listen", "in": "main", "event": "test-event", "name": "main-2"},
    {"op": "listen", "in": "main", "event": "test-event", "name": "main-3"},
    {"op": "listen", "in": "settings", "event": "test-event", "target": "settings",
     "name": "settings-feed"},
    {"op": "listen", "in": "settings", "event": "test-event", "name": "settings-ww",
     "target": {"kind": "WebviewWindow", "label": "settings"}},
    {"op": "listen", "in": "rust", "event": "ping", "name": "pinger",
     "actions": [{"op": "emit", "event": "pong", "payload": {"x": 1}}]},
    {"op": "listen", "in": "main", "event": "pong", "name": "pong-js"},
    {"op": "listen", "in": "rust", "event": "pong", "name": "pong-rust", "once": true},
    {"op": "emit", "event": "test-event", "payload": "hello"},
    {"op": "emit_to", "target": "settings", "event": "test-event", "payload": {"a": [1, 2]}},
    {"op": "emit_filter", "accept": [{"kind": "WebviewWindow", "label": "settings"}],
     "event": "test-event"},
    {"op": "emit", "event": "ping", "from": "main"},
    {"op": "emit", "event": "ping"},
    {"op": "invoke", "in": "main", "command": "send_to_specific_window",
     "args": {"windowLabel": "settings", "data": "d"}},
    {"op": "invoke", "in": "main", "command": "send_to_specific_window",
     "args": {"window_label": "settings", "data": "d"}},
    {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "test-event"}],
     "strict": true},
    {"op": "unmount", "in": "main", "component": "Feed"},
    {"op": "periodic_start", "id": "clock", "event": "test-event", "interval_ms": 10,
     "payload": "tick {n}"},
    {"op": "advance", "ms": 35},
    {"op": "periodic_stop", "id": "clock"},
    {"op": "listen", "in": "settings", "event": "tauri://close-requested", "name": "closer",
     "target": {"kind": "Window", "label": "settings"}, "actions": [{"op": "destroy"}]},
    {"op": "close_window", "label": "settings"},
    {"op": "create_window", "label": "settings"},
    {"op": "emit", "event": "test-event", "payload": "again"},
    {"op": "unlisten", "name": "main-feed"},
    {"op": "emit", "event": "test-event", "payload": "last"},
    {"op": "emit", "event": "bad name"},
    {"op": "expect", "windows": ["main", "settings"]}
  ]
})";

}  // namespace

TEST_CASE("session: the same scenario run twice gives byte-identical trace text") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        RunSettings settings;
        settings.mode = mode;
        const ScenarioRun first = run_scenario_text(kScenario, settings);
        const ScenarioRun second = run_scenario_text(kScenario, settings);
        CHECK(first.trace.size() > 1000);
        CHECK(first.trace == second.trace);
        CHECK(first.report.counters.deliveries == second.report.counters.deliveries);
        CHECK(first.report.counters.deliveries > 20);
        // The windows expectation holds: the scenario really ran to its end.
        REQUIRE(first.report.outcomes.size() == 1);
        CHECK(first.report.outcomes[0].ok);
    }
}

TEST_CASE("session: random order with the same seed gives byte-identical trace text") {
    for (Mode mode : kModes) {
        for (const std::uint64_t seed : {0ULL, 7ULL, 123456789ULL}) {
            INFO("mode " << to_string(mode) << ", seed " << seed);
            RunSettings settings;
            settings.mode = mode;
            settings.order = Order::Random;
            settings.seed = seed;
            const ScenarioRun first = run_scenario_text(kScenario, settings);
            const ScenarioRun second = run_scenario_text(kScenario, settings);
            CHECK(first.trace == second.trace);
        }
    }
}

TEST_CASE("session: random order shows up in the trace: some seed differs from registration") {
    RunSettings registration;
    registration.order = Order::Registration;
    const std::string base = run_scenario_text(kScenario, registration).trace;
    bool differs = false;
    for (std::uint64_t seed = 1; seed <= 10 && !differs; ++seed) {
        RunSettings random;
        random.order = Order::Random;
        random.seed = seed;
        differs = run_scenario_text(kScenario, random).trace != base;
    }
    CHECK(differs);
}
