// Hostile input to the core: bytes that are not UTF-8 in names, labels and payloads, and labels
// Tauri refuses. Each has one clear outcome and leaves the bus working. (A 100 MB payload and
// JSON nested 100000 deep, which the log's rows must also survive:
// tests/view/log/test_hostile_rows.cpp.)
#include <string>
#include <vector>

#include "bus_fixture.h"
#include "core/record/record_log.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("hostile: an event name that is not UTF-8 gets Tauri's name error in every mode") {
    const std::string bad = "bad\xff";
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const OpResult listen = f.bus.listen(bad, EventTarget::app(), f.logger("x"));
        const OpResult js_listen = f.bus.js_listen("main", bad, EventTarget::any(), f.logger("y"));
        const OpResult emit = f.emit(bad);
        const OpResult js_emit = f.bus.emit(bad, nullptr, Source::js("main"));
        for (const OpResult* r : {&listen, &js_listen, &emit, &js_emit})
            CHECK_FALSE(r->ok);
        CHECK(f.bus.listener_count() == 0);
        CHECK(f.sink->of("emit").empty());
        // Rust's {:?} shows the byte as U+FFFD; the trace lines stay JSON (the sink parses them).
        const auto errors = f.sink->of("error");
        REQUIRE(errors.size() == 4);
        if (mode == Mode::Tauri20) {
            CHECK(emit.error ==
                  "Event name must include only alphanumeric characters, `-`, `/`, "
                  "`:` and `_`.");
            CHECK(listen.panic);
        } else {
            CHECK(emit.error ==
                  "only alphanumeric, '-', '/', ':', '_' permitted for event names: "
                  "\"bad\xEF\xBF\xBD\"");
            CHECK(listen.error ==
                  "called `Result::unwrap()` on an `Err` value: "
                  "IllegalEventName(\"bad\xEF\xBF\xBD\")");
        }
        CHECK(contains(js_emit.error, "invalid args `event` for command `emit`"));
    }
}

TEST_CASE("hostile: a payload that is not UTF-8 is refused by every emit API - nothing is sent") {
    BusFixture f(config(Mode::Stable));
    f.window("main");
    f.rust("e", EventTarget::app(), "rust");
    f.js("main", "e", EventTarget::any(), "js");
    const Text bad = make_text("\"x\xff\"");
    const std::vector<OpResult> results = {
        f.bus.emit("e", bad, Source::rust()),
        f.bus.emit_to(EventTarget::any_label("main"), "e", bad, Source::rust()),
        f.bus.emit_filter({EventTarget::app()}, "e", bad, Source::rust()),
        f.bus.emit("e", bad, Source::js("main")),
    };
    f.bus.drain_all();
    for (const OpResult& r : results) {
        CHECK_FALSE(r.ok);
        CHECK(r.error ==
              "payload is not valid UTF-8 (byte 2 of 4): an event payload is JSON "
              "text, which is UTF-8; nothing was emitted");
    }
    CHECK(f.calls().empty());
    CHECK(f.sink->of("emit").empty());
    CHECK(f.sink->of("error").size() == 4);

    // UTF-8 beyond ASCII passes, as does a long ASCII run ending in a bad byte's neighbour.
    REQUIRE(f.emit("e", "\"h\xC3\xA9llo \xE8\xAA\x9E\"").ok);
    REQUIRE(f.emit("e", "\"" + std::string(61, 'a') + "\xC3\xA9\"").ok);
    f.bus.drain_all();
    CHECK(f.calls().size() == 4);
    const OpResult late_bad = f.emit("e", "\"" + std::string(61, 'a') + "\xC3\"");
    CHECK(late_bad.error.find("byte 62 of 64") != std::string::npos);
}

TEST_CASE("hostile: labels Tauri refuses stop the scenario or fail create_window") {
    const ScenarioParse listed =
        parse_scenario(R"({"windows": ["main", "my window"], "steps": []})", "labels.json");
    CHECK_FALSE(listed.ok());
    CHECK(listed.error() ==
          "labels.json: /windows/1: expected a window label (alphanumeric "
          "characters, -, /, : and _); got \"my window\"");

    const ScenarioRun run = run_scenario_text(R"({
      "windows": ["main"],
      "steps": [
        {"op": "create_window", "label": "my window"},
        {"op": "create_window", "label": "ok/label:2_b-c"},
        {"op": "expect", "windows": ["main", "ok/label:2_b-c"]}
      ]
    })");
    CHECK(run.report.outcomes.at(0).ok);
    CHECK(run.report.counters.errors == 1);
    CHECK(run.report.last_error ==
          "Window label must include only alphanumeric characters, "
          "`-`, `/`, `:` and `_`. (got \"my window\")");

    BusFixture f;
    const OpResult not_utf8 = f.bus.create_window("w\xff");
    CHECK_FALSE(not_utf8.ok);
    CHECK(not_utf8.panic);
    CHECK(contains(not_utf8.error, "(got \"w\xEF\xBF\xBD\")"));
    CHECK(f.bus.windows().empty());
    CHECK(f.sink->of("error").size() == 1);  // its line is JSON: the sink parsed it
}
