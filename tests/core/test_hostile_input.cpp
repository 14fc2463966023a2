// Hostile input to the core: a 100 MB payload, JSON nested 100000 deep, bytes that are not
// UTF-8 in names, labels and payloads, and labels Tauri refuses. Each has one clear outcome
// and leaves the bus working.
#include <memory>
#include <string>
#include <vector>

#include "bus_fixture.h"
#include "core/log_rows.h"
#include "core/record_log.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

std::string nested(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

// Every record of `type` the log still holds.
std::vector<Record> records_of(const RecordLog& log, RecordType type) {
    std::vector<Record> out;
    log.scan(log.first(), log.end(), [&](std::uint64_t, const Record& r) {
        if (r.type == type) out.push_back(r);
    });
    return out;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("hostile: a 100 MB payload is stored once - its log row is short - the bus goes on") {
    BusFixture f(config(Mode::Stable), false);
    auto log = std::make_shared<RecordLog>(1000);
    f.recorder.add_sink(log);
    f.window("main");
    // The handlers keep where their payload lives, not a copy of 100 MB each.
    std::vector<const std::string*> seen;
    const Handler keep = [&seen](const Event& e) { seen.push_back(e.payload->get()); };
    REQUIRE(f.bus.listen("big", EventTarget::app(), keep).ok);
    REQUIRE(f.bus.listen("big", EventTarget::any(), keep).ok);
    REQUIRE(f.bus.js_listen("main", "big", EventTarget::any(), keep).ok);
    REQUIRE(f.bus.js_listen("main", "big", EventTarget::any_label("main"), keep).ok);

    std::string huge = "\"";
    huge.append(std::size_t{100} * 1024 * 1024, 'x');
    huge += '"';
    const Text payload = make_text(std::move(huge));
    REQUIRE(f.bus.emit("big", payload, Source::rust()).ok);
    f.bus.drain_all();

    // One allocation: every handler, the emit record and each deliver record share it.
    CHECK(seen == std::vector<const std::string*>(4, payload.get()));
    const auto emits = records_of(*log, RecordType::Emit);
    REQUIRE(emits.size() == 1);
    CHECK(emits[0].payload.get() == payload.get());
    const auto delivers = records_of(*log, RecordType::Deliver);
    CHECK(delivers.size() == 4);
    for (const Record& r : delivers)
        CHECK(r.payload.get() == payload.get());

    const RowStyle style;
    const LogRow row = describe_row(emits[0], f.recorder.symbols(), style);
    CHECK(row.payload.size() <= style.payload_chars + 4);  // the cut adds an ellipsis
    CHECK(row.payload.rfind("\"xxx", 0) == 0);

    REQUIRE(f.emit("big", "1").ok);
    f.bus.drain_all();
    REQUIRE(seen.size() == 8);
    CHECK(*seen.back() == "1");
}

TEST_CASE("hostile: a payload nested 100000 deep is shown as text with the reason - no crash") {
    // The scenario reader refuses it before anything runs.
    const std::string scenario = R"({"windows": ["main"], "steps": [{"op": "emit", "event": "e",)"
                                 R"( "payload": )" +
                                 nested(100000) + "}]}";
    const ScenarioParse parse = parse_scenario(scenario, "deep.json");
    CHECK_FALSE(parse.scenario);
    CHECK(parse.error == "deep.json:1:582: nesting deeper than 512 levels");

    // Through the bus API it is opaque text: delivered, and the detail pane shows the raw text:
    // the start of a large one, or all of a smaller one with why it is not pretty-printed.
    BusFixture f(config(Mode::Stable), false);
    auto log = std::make_shared<RecordLog>(100);
    f.recorder.add_sink(log);
    f.rust("e", EventTarget::app(), "rust");
    REQUIRE(f.emit("e", nested(100000)).ok);
    REQUIRE(f.emit("e", nested(20000)).ok);
    CHECK(f.count("rust") == 2);
    const auto emits = records_of(*log, RecordType::Emit);
    REQUIRE(emits.size() == 2);
    const RecordDetail large = describe_detail(emits[0], f.recorder.symbols());
    CHECK(large.payload_note == "\u2026 (200000 bytes in all)");
    CHECK(large.payload.size() == kPayloadSearchBytes);
    const RecordDetail deep = describe_detail(emits[1], f.recorder.symbols());
    CHECK(deep.payload_note == "not valid JSON: payload:1:513: nesting deeper than 512 levels");
    CHECK(deep.payload.size() == 40000);
    CHECK(deep.record_json.size() > 40000);  // the record as written, not pretty-printed
}

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
    CHECK_FALSE(listed.scenario);
    CHECK(listed.error ==
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
