// The Lifecycle panel's model, driven through a workbench as the GUI drives it: grouping by
// window and component, the four states, per-window counters, deliveries to leaked and stale
// listeners, the removed listeners kept for a while, and that an idle session costs no copy.
// Also the log's warning words for those deliveries and the `run` leak report.
#include <doctest/doctest.h>

#include <string>

#include "view/log/log_rows.h"
#include "view/windows/lifecycle.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

Scenario parse(const char* text) {
    ScenarioParse parsed = parse_scenario(text, "<test>");
    REQUIRE_MESSAGE(parsed.ok(), parsed.error());
    return std::move(*parsed);
}

// A workbench stepping through `text`, and a model caught up after every step.
struct Stepper {
    Workbench bench;
    LifecycleModel model;

    explicit Stepper(const char* text, LifecycleOptions options = {}) : model(options) {
        Scenario scenario = parse(text);
        const BusConfig config = resolve_config(scenario, {});
        bench.start_stepping(std::move(scenario), "test", config);
        update();
    }
    bool update() { return model.update(bench.session(), bench.live_log(), bench.generation()); }
    void steps(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
            REQUIRE(bench.run_next_step());
        update();
    }
    void all() {
        while (bench.run_next_step()) {
        }
        update();
    }
    const LifecycleWindow& window(const char* label) const {
        const LifecycleWindow* w = model.window(label);
        REQUIRE_MESSAGE(w != nullptr, "no window " << label);
        return *w;
    }
};

constexpr const char* kStrictWithoutCleanup = R"({
  "windows": ["main"],
  "steps": [
    {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "test-event"}],
     "strict": true},
    {"op": "emit", "event": "test-event"},
    {"op": "mount", "in": "main", "component": "Fixed", "listen": [{"event": "test-event"}],
     "strict": true, "cleanup": true},
    {"op": "listen", "in": "main", "event": "other", "name": "plain"}
  ]
})";

}  // namespace

TEST_CASE("lifecycle: strict mode without cleanup - grouped by window then component") {
    Stepper s(kStrictWithoutCleanup);
    s.all();
    const LifecycleWindow& main = s.window("main");
    CHECK(main.alive);
    CHECK_FALSE(main.rust);
    // outside components first, then Feed #1, Feed #2, Fixed #3 (removed by its cleanup), #4
    REQUIRE(main.components.size() == 5);
    CHECK(main.components[0].instance == 0);
    REQUIRE(main.components[0].listeners.size() == 1);
    CHECK(main.components[0].listeners[0].name == "plain");

    const LifecycleComponent& first = main.components[1];
    CHECK(first.name == "Feed");
    CHECK_FALSE(first.mounted);
    CHECK_FALSE(first.cleanup);
    REQUIRE(first.listeners.size() == 1);
    CHECK(first.listeners[0].state == ListenerState::Leaked);
    CHECK(first.listeners[0].calls == 1);
    CHECK(first.listeners[0].late_calls == 1);  // it ran after its component unmounted

    const LifecycleComponent& second = main.components[2];
    CHECK(second.mounted);
    REQUIRE(second.listeners.size() == 1);
    CHECK(second.listeners[0].state == ListenerState::Live);
    CHECK(second.listeners[0].calls == 1);
    CHECK(second.listeners[0].late_calls == 0);

    const LifecycleComponent& cleaned = main.components[3];
    CHECK(cleaned.name == "Fixed");
    CHECK_FALSE(cleaned.mounted);
    CHECK(cleaned.cleanup);
    REQUIRE(cleaned.listeners.size() == 1);
    CHECK(cleaned.listeners[0].state == ListenerState::Removed);
    CHECK(cleaned.listeners[0].reason == UnlistenReason::Unmount);
    CHECK(main.components[4].listeners.at(0).state == ListenerState::Live);

    CHECK(main.counters.live == 3);
    CHECK(main.counters.leaked == 1);
    CHECK(main.counters.stale == 0);
    CHECK(main.counters.removed == 1);
    CHECK(main.counters.leaked_deliveries == 1);
    CHECK(main.counters.stale_deliveries == 0);
    CHECK(s.model.window("rust") == nullptr);  // no Rust listener: no Rust group
    CHECK(s.model.components().leaked_component(first.listeners[0].id) == "Feed");
    CHECK(s.model.components().leaked_component(second.listeners[0].id).empty());
}

TEST_CASE("lifecycle: closing a window in stable leaves stale listeners and counts their runs") {
    Stepper s(R"({
      "tauri": "stable",
      "windows": ["main", "settings"],
      "steps": [
        {"op": "listen", "in": "rust", "event": "refresh",
         "target": {"kind": "Window", "label": "settings"}, "name": "rust-refresh"},
        {"op": "listen", "in": "settings", "event": "refresh", "name": "js-refresh"},
        {"op": "close_window", "label": "settings"},
        {"op": "emit", "event": "refresh"},
        {"op": "emit", "event": "refresh"}
      ]
    })");
    s.all();
    const LifecycleWindow& settings = s.window("settings");
    CHECK_FALSE(settings.alive);
    CHECK(settings.counters.stale == 1);
    CHECK(settings.counters.stale_deliveries == 0);  // a dead page's listener is never called
    const LifecycleWindow& rust = s.window("rust");
    CHECK(rust.rust);
    CHECK(rust.alive);
    REQUIRE(rust.components.size() == 1);
    REQUIRE(rust.components[0].listeners.size() == 1);
    const LifecycleListener& handler = rust.components[0].listeners[0];
    CHECK(handler.state == ListenerState::Stale);
    CHECK(handler.late_calls == 2);
    CHECK(rust.counters.stale == 1);
    CHECK(rust.counters.stale_deliveries == 2);
    // Webview windows come first, the Rust backend last.
    CHECK(s.model.windows().back().rust);
    CHECK(s.model.totals().stale == 2);
}

TEST_CASE("lifecycle: next purges a closed window's listeners - shown removed with the reason") {
    Stepper s(R"({
      "tauri": "next",
      "windows": ["main", "settings"],
      "steps": [
        {"op": "listen", "in": "rust", "event": "refresh",
         "target": {"kind": "Window", "label": "settings"}, "name": "rust-refresh"},
        {"op": "listen", "in": "settings", "event": "refresh", "name": "js-refresh"},
        {"op": "close_window", "label": "settings"}
      ]
    })");
    s.all();
    for (const char* label : {"settings", "rust"}) {
        CAPTURE(label);
        const LifecycleWindow& w = s.window(label);
        CHECK(w.counters.stale == 0);
        CHECK(w.counters.removed == 1);
        const LifecycleListener& l = w.components.at(0).listeners.at(0);
        CHECK(l.state == ListenerState::Removed);
        CHECK(l.reason == UnlistenReason::Purge);
        CHECK(l.event == "refresh");
        CHECK(removal_words(l.reason).find("window was destroyed") != std::string::npos);
    }
}

TEST_CASE("lifecycle: once and unlisten removals keep the listener's name and target") {
    Stepper s(R"({
      "windows": ["main"],
      "steps": [
        {"op": "listen", "in": "main", "event": "a", "once": true, "name": "first",
         "target": "main"},
        {"op": "listen", "in": "main", "event": "b", "name": "gone"},
        {"op": "emit", "event": "a"},
        {"op": "unlisten", "name": "gone"}
      ]
    })");
    s.all();
    const auto& listeners = s.window("main").components.at(0).listeners;
    REQUIRE(listeners.size() == 2);
    CHECK(listeners[0].name == "first");
    CHECK(listeners[0].reason == UnlistenReason::Once);
    CHECK(listeners[0].target == EventTarget::any_label("main"));
    CHECK(listeners[0].once);
    CHECK(listeners[0].calls == 1);
    CHECK(listeners[1].name == "gone");
    CHECK(listeners[1].reason == UnlistenReason::Unlisten);
}

TEST_CASE("lifecycle: removed listeners are kept for the last K removals and N seconds") {
    SUBCASE("the last K") {
        LifecycleOptions options;
        options.keep_removed = 2;
        Stepper s(R"({
          "windows": ["main"],
          "steps": [
            {"op": "listen", "in": "main", "event": "a", "name": "a"},
            {"op": "listen", "in": "main", "event": "b", "name": "b"},
            {"op": "listen", "in": "main", "event": "c", "name": "c"},
            {"op": "unlisten", "name": "a"},
            {"op": "unlisten", "name": "b"},
            {"op": "unlisten", "name": "c"}
          ]
        })",
                  options);
        s.all();
        const auto& listeners = s.window("main").components.at(0).listeners;
        REQUIRE(listeners.size() == 2);
        CHECK(listeners[0].name == "b");
        CHECK(listeners[1].name == "c");
    }
    SUBCASE("N seconds of session time") {
        LifecycleOptions options;
        options.keep_removed_us = 5'000'000;
        Stepper s(R"({
          "windows": ["main"],
          "steps": [
            {"op": "listen", "in": "main", "event": "a", "name": "a"},
            {"op": "unlisten", "name": "a"},
            {"op": "advance", "ms": 4000},
            {"op": "advance", "ms": 2000}
          ]
        })",
                  options);
        s.steps(3);
        CHECK(s.window("main").counters.removed == 1);
        s.steps(1);
        CHECK(s.window("main").counters.removed == 0);
        CHECK(s.window("main").components.empty());
    }
}

TEST_CASE("lifecycle: an idle session costs no bus copy - a new session starts over") {
    Stepper s(kStrictWithoutCleanup);
    s.steps(1);
    const std::uint64_t copies = s.model.snapshots();
    CHECK_FALSE(s.update());  // nothing happened: no change, no copy
    CHECK_FALSE(s.update());
    CHECK(s.model.snapshots() == copies);

    // An emit adds records but changes no listener: the counts move, the bus is not copied.
    REQUIRE(s.bench.run_next_step());
    CHECK(s.update());
    CHECK(s.model.snapshots() == copies);
    CHECK(s.window("main").counters.leaked_deliveries == 1);

    s.bench.rewind(1);  // a fresh session: nothing of the old log may count
    s.update();
    CHECK(s.window("main").counters.leaked_deliveries == 0);
    CHECK(s.window("main").counters.leaked == 1);
}

TEST_CASE("lifecycle: a window called rust stays apart from the Rust backend") {
    Stepper s(R"({
      "windows": ["rust"],
      "steps": [
        {"op": "listen", "in": "rust", "event": "a", "name": "backend"},
        {"op": "create_window", "label": "x"}
      ]
    })");
    s.all();
    CHECK(
        s.bench.session().bus().js_listen("rust", "a", EventTarget::any(), [](const Event&) {}).ok);
    s.update();
    std::size_t rust_groups = 0;
    std::size_t rust_windows = 0;
    for (const LifecycleWindow& w : s.model.windows()) {
        if (w.label != "rust") continue;
        (w.rust ? rust_groups : rust_windows) += 1;
        CHECK(w.counters.live == 1);
    }
    CHECK(rust_groups == 1);
    CHECK(rust_windows == 1);
}

TEST_CASE("lifecycle: a delivery to a leaked or stale listener gets a warning in the log") {
    Record r;
    r.type = RecordType::Deliver;
    r.listener = 3;
    CHECK(delivery_warning(r).empty());  // a normal delivery
    r.flags = flag::kStale | flag::kJs;
    CHECK(delivery_warning(r, "Feed") == "handler of unmounted component `Feed` ran");
    CHECK(delivery_warning(r).find("unmounted component") != std::string::npos);
    r.flags = flag::kStale;  // a Rust handler whose window is gone
    CHECK(delivery_warning(r) == "handler of a closed window's listener ran (stale)");
    Symbols symbols;
    CHECK(describe_row(r, symbols).warning == delivery_warning(r));
    r.type = RecordType::Skip;
    CHECK(delivery_warning(r).empty());
}

TEST_CASE("lifecycle: the run report names the component that leaked") {
    Stepper s(kStrictWithoutCleanup);
    s.all();
    const auto lines = leak_report(s.bench.session());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "main: 1 leaked (component Feed), 0 stale");
    RunReport report;
    report.leaks = lines;
    const std::string summary = format_summary(report, "x.json", BusConfig{});
    CHECK(summary.find(R"({"op": "expect", "leaked": {"main": 0}})") != std::string::npos);
}

namespace {

// Everything a model shows, as text: two models that print the same show the same.
std::string dump(const LifecycleModel& model) {
    std::string out;
    for (const LifecycleWindow& w : model.windows()) {
        const LifecycleCounters& c = w.counters;
        out += w.label + (w.rust ? " rust" : "") + (w.alive ? " alive" : " closed") + " live " +
               std::to_string(c.live) + " leaked " + std::to_string(c.leaked) + " stale " +
               std::to_string(c.stale) + " removed " + std::to_string(c.removed) + " late " +
               std::to_string(c.leaked_deliveries) + "/" + std::to_string(c.stale_deliveries) +
               "\n";
        for (const LifecycleComponent& g : w.components) {
            out += "  <" + g.name + "> #" + std::to_string(g.instance) +
                   (g.mounted ? " mounted" : " unmounted") + (g.cleanup ? " cleanup" : "") + "\n";
            for (const LifecycleListener& l : g.listeners) {
                out += "    " + std::to_string(l.id) + " " + l.event + " " + l.name + " " +
                       std::string(to_string(l.state)) + (l.window_gone ? " gone" : "") +
                       (l.pending ? " pending" : "") + " calls " + std::to_string(l.calls) +
                       " late " + std::to_string(l.late_calls) + " " + describe(l.target) + "\n";
            }
        }
    }
    return out;
}

// What a model reading the whole session at once shows.
std::string fresh_dump(Workbench& bench) {
    LifecycleModel fresh;
    fresh.update(bench.session(), bench.live_log(), bench.generation());
    return dump(fresh);
}

constexpr const char* kEverything = R"({
  "tauri": "stable",
  "windows": ["main", "settings", "rust"],
  "steps": [
    {"op": "listen", "in": "main", "event": "tick", "name": "plain"},
    {"op": "listen", "in": "rust", "event": "tick", "target": {"kind": "Window", "label": "settings"},
     "name": "rust-tick"},
    {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "tick"}],
     "strict": true},
    {"op": "emit", "event": "tick"},
    {"op": "listen", "in": "settings", "event": "tick", "name": "js-tick"},
    {"op": "emit", "event": "tick"},
    {"op": "listen", "in": "main", "event": "tock", "once": true, "name": "once"},
    {"op": "emit", "event": "tock"},
    {"op": "emit", "event": "tick"},
    {"op": "unlisten", "name": "plain"},
    {"op": "emit", "event": "tick"},
    {"op": "close_window", "label": "settings"},
    {"op": "emit", "event": "tick"},
    {"op": "emit", "event": "tick"},
    {"op": "create_window", "label": "late"},
    {"op": "mount", "in": "late", "component": "Panel", "listen": [{"event": "tick"}],
     "cleanup": true},
    {"op": "emit", "event": "tick"},
    {"op": "unmount", "in": "late", "component": "Panel"},
    {"op": "emit", "event": "tick"},
    {"op": "close_window", "label": "rust"},
    {"op": "emit", "event": "tick"}
  ]
})";

}  // namespace

TEST_CASE("lifecycle: updated after every step the model shows what a fresh read shows") {
    Stepper s(kEverything);
    std::size_t step = 0;
    while (s.bench.run_next_step()) {
        ++step;
        CAPTURE(step);
        s.update();
        CHECK(dump(s.model) == fresh_dump(s.bench));
    }
    CHECK(step == 21);
    // The sequence reached every state the panel shows.
    const std::string shown = dump(s.model);
    for (const char* state : {" live ", " leaked ", " stale ", " removed "})
        CHECK(shown.find(state) != std::string::npos);
}

TEST_CASE("lifecycle: a steady stream of emits moves counts without rebuilding the groups") {
    Stepper s(kEverything);
    s.all();
    const std::uint64_t builds = s.model.builds();
    const Text payload = make_text(R"({"n":1})");
    for (int i = 0; i < 5; ++i) {
        CHECK(s.bench.session().bus().emit("tick", payload, Source::periodic("p")).ok);
        s.bench.pump(SIZE_MAX);
        CHECK(s.update());
        CHECK(dump(s.model) == fresh_dump(s.bench));
    }
    CHECK(s.model.builds() == builds);
    // A listen is a new row: that one builds.
    REQUIRE(s.bench.session().bus().listen("tick", EventTarget::app(), [](const Event&) {}).ok);
    CHECK(s.bench.session().bus().emit("tick", payload, Source::periodic("p")).ok);
    s.bench.pump(SIZE_MAX);
    CHECK(s.update());
    CHECK(s.model.builds() == builds + 1);
    CHECK(dump(s.model) == fresh_dump(s.bench));
}
