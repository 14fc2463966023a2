// Handlers that do what handlers should not: close their own window, unlisten themselves and
// their neighbours mid-dispatch, bounce events (or window closes) back and forth for ever; and
// scenarios that name windows, listeners, components and senders that do not exist.
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
    return text.rfind(prefix, 0) == 0;
}

}  // namespace

TEST_CASE("hostile: a JS handler that closes its own window - later deliveries there are skipped") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("settings");
        f.js("main", "e", EventTarget::any(), "closer",
             [&](const Event& e) { CHECK(f.bus.close_window(e.webview, e.child_cause()).ok); });
        const EventId second = f.js("main", "e", EventTarget::any(), "second");
        f.js("settings", "tauri://destroyed", EventTarget::any(), "settings sees destroyed");
        REQUIRE(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.take_names() == std::vector<std::string>{"closer", "settings sees destroyed"});
        CHECK_FALSE(f.bus.is_alive("main"));
        const auto skips = f.sink->of("skip");
        REQUIRE(skips.size() == 1);
        CHECK(skips[0]["listener"] == second);
        CHECK(f.sink->of("error").empty());
        // The label can be used again, and the bus goes on.
        REQUIRE(f.bus.create_window("main").ok);
        f.js("main", "e", EventTarget::any(), "new page");
        REQUIRE(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.take_names() == std::vector<std::string>{"new page"});
    }
}

TEST_CASE("hostile: a Rust handler that closes the window it listens on - destroyed comes after") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.rust("e", EventTarget::window("main"), "closer",
               [&](const Event& e) { CHECK(f.bus.close_window("main", e.child_cause()).ok); });
        f.rust("e", EventTarget::app(), "app");
        f.rust("tauri://destroyed", EventTarget::any(), "destroyed");
        REQUIRE(f.emit("e").ok);
        // The handlers lock is held during the dispatch: the window events run after it.
        CHECK(f.take_names() == std::vector<std::string>{"closer", "app", "destroyed"});
        CHECK_FALSE(f.bus.is_alive("main"));
        CHECK(f.sink->of("error").empty());
        CHECK(f.bus.counters().pending_rust == 0);
    }
}

TEST_CASE("hostile: a close-requested handler that closes its window again is stopped as a loop") {
    const ScenarioRun run = run_scenario_text(R"({
      "windows": ["main", "settings"],
      "steps": [
        {"op": "listen", "in": "main", "event": "tauri://close-requested",
         "target": {"kind": "Window", "label": "main"}, "name": "reclose",
         "actions": [{"op": "close_window", "label": "main"}]},
        {"op": "close_window", "label": "main"},
        {"op": "listen", "in": "settings", "event": "after", "name": "after"},
        {"op": "emit", "event": "after"},
        {"op": "expect", "calls": {"after": 1}, "windows": ["main", "settings"]}
      ]
    })");
    CHECK(run.report.counters.errors == 1);
    CHECK(starts_with(run.report.last_error, "emit loop stopped: `tauri://close-requested`"));
    CHECK(run.report.outcomes.at(0).ok);
    std::size_t reclose_calls = 0;
    for (const auto& r : run.records)
        reclose_calls += r["type"] == "deliver" && r.value("name", "") == "reclose" ? 1 : 0;
    CHECK(reclose_calls > 1);
    CHECK(reclose_calls <= BusConfig{}.max_emit_depth + 1);
}

TEST_CASE("hostile: windows opened and closed by each other's handlers are stopped as a loop") {
    const ScenarioRun run = run_scenario_text(R"({
      "windows": ["main"],
      "steps": [
        {"op": "listen", "in": "rust", "event": "tauri://destroyed", "target": {"kind": "Any"},
         "name": "reopen",
         "actions": [{"op": "create_window", "label": "main"}]},
        {"op": "listen", "in": "rust", "event": "tauri://window-created", "name": "reclose",
         "actions": [{"op": "close_window", "label": "main"}]},
        {"op": "close_window", "label": "main"},
        {"op": "unlisten", "name": "reopen"},
        {"op": "unlisten", "name": "reclose"},
        {"op": "create_window", "label": "other"},
        {"op": "expect", "listeners": {"rust": 0}}
      ]
    })");
    CHECK(starts_with(run.report.last_error, "emit loop stopped"));
    CHECK(run.report.outcomes.at(0).ok);
    CHECK(run.report.counters.emits < 1000);
}

TEST_CASE("hostile: a Rust-JS ping-pong emit loop is stopped once - later steps still run") {
    const ScenarioRun run = run_scenario_text(R"({
      "windows": ["main"],
      "steps": [
        {"op": "listen", "in": "rust", "event": "ping", "name": "rust ping",
         "actions": [{"op": "emit", "event": "pong"}]},
        {"op": "listen", "in": "main", "event": "pong", "name": "js pong",
         "actions": [{"op": "emit", "event": "ping", "from": "main"}]},
        {"op": "emit", "event": "ping"},
        {"op": "listen", "in": "main", "event": "after", "name": "after"},
        {"op": "emit", "event": "after"},
        {"op": "expect", "calls": {"after": 1}}
      ]
    })");
    std::size_t loop_errors = 0;
    for (const auto& r : run.records)
        loop_errors += r["type"] == "error" ? 1 : 0;
    CHECK(loop_errors == 1);
    CHECK(starts_with(run.report.last_error, "emit loop stopped"));
    CHECK(run.report.outcomes.at(0).ok);
    CHECK_FALSE(run.report.poisoned);
}

TEST_CASE("hostile: a Rust listener unlistening itself and others mid-dispatch") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        std::vector<EventId> ids;
        ids.push_back(f.rust("e", EventTarget::app(), "before"));
        ids.push_back(f.rust("e", EventTarget::app(), "remover", [&](const Event&) {
            for (EventId id : ids)
                f.bus.unlisten(id);  // itself, one already called, one not yet
        }));
        ids.push_back(f.rust("e", EventTarget::app(), "after"));
        REQUIRE(f.emit("e").ok);
        // Removal is queued behind the handlers lock: this dispatch still calls everyone.
        CHECK(f.take_names() == std::vector<std::string>{"before", "remover", "after"});
        CHECK(f.bus.listener_count() == 0);
        REQUIRE(f.emit("e").ok);
        CHECK(f.take_names().empty());
        CHECK(f.sink->of("unlisten").size() == 3);
        CHECK(f.sink->of("error").empty());
    }
}

TEST_CASE("hostile: a JS listener unlistening itself and others mid-delivery") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        std::vector<EventId> ids;
        ids.push_back(f.js("main", "e", EventTarget::any(), "before"));
        ids.push_back(f.js("main", "e", EventTarget::any(), "remover", [&](const Event&) {
            for (EventId id : ids)
                CHECK(f.bus.js_unlisten("main", "e", id).ok);
        }));
        ids.push_back(f.js("main", "e", EventTarget::any(), "after"));
        REQUIRE(f.emit("e").ok);
        f.bus.drain_all();
        // 2.0 removes asynchronously (the rest of this delivery still runs); stable/next at once.
        const std::vector<std::string> first =
            mode == Mode::Tauri20 ? std::vector<std::string>{"before", "remover", "after"}
                                  : std::vector<std::string>{"before", "remover"};
        CHECK(f.take_names() == first);
        CHECK(f.bus.listener_count() == 0);
        REQUIRE(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.take_names().empty());
        CHECK(f.sink->of("error").empty());
    }
}

TEST_CASE("hostile: a scenario naming missing windows - listeners - components - senders") {
    const ScenarioRun run = run_scenario_text(R"({
      "windows": ["main"],
      "steps": [
        {"op": "listen", "in": "ghost", "event": "e", "name": "haunted"},
        {"op": "unlisten", "name": "nobody"},
        {"op": "close_window", "label": "ghost"},
        {"op": "emit", "event": "e", "from": "ghost"},
        {"op": "invoke", "in": "ghost", "command": "send_test_event_from_backend", "args": {"data": "x"}},
        {"op": "mount", "in": "ghost", "component": "Feed", "listen": [{"event": "e"}]},
        {"op": "unmount", "in": "main", "component": "Feed"},
        {"op": "periodic_stop", "id": "nope"},
        {"op": "emit_to", "target": "ghost", "event": "e"},
        {"op": "listen", "in": "main", "event": "e", "name": "real"},
        {"op": "emit", "event": "e"},
        {"op": "expect", "calls": {"real": 1}},
        {"op": "expect", "calls": {"nobody": 0}}
      ]
    })");
    std::vector<std::string> messages;
    for (const auto& r : run.records) {
        if (r["type"] == "error") messages.push_back(r["message"]);
    }
    // emit_to a label nobody has is no error in Tauri: it simply reaches no one.
    CHECK(messages == std::vector<std::string>{
                          "no open window `ghost` to listen in",
                          "no listener named `nobody` to unlisten",
                          "no open window `ghost` to close",
                          "no open window `ghost` to emit from",
                          "no open window `ghost` to invoke from",
                          "no open window `ghost` to mount in",
                          "component `Feed` is not mounted in `main`",
                          "no periodic sender `nope` is running",
                      });
    // The run goes on after each; an expect about a name nothing declared fails and says so.
    REQUIRE(run.report.outcomes.size() == 2);
    CHECK(run.report.outcomes[0].ok);
    CHECK_FALSE(run.report.outcomes[1].ok);
    CHECK(run.report.outcomes[1].message ==
          "calls of `nobody`: no listener or invoke has that name");
}
