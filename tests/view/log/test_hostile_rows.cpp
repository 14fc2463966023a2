// Hostile input through the core and into the log's rows: a 100 MB payload and JSON nested
// 100000 deep. Each has one clear outcome, leaves the bus working and gives a row and a detail
// pane that a frame can draw.
#include <memory>
#include <string>
#include <vector>

#include "bus_fixture.h"
#include "core/record/record_log.h"
#include "view/log/log_rows.h"

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
    CHECK_FALSE(parse.ok());
    CHECK(parse.error() == "deep.json:1:582: nesting deeper than 512 levels");

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
