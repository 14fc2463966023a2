// Traces written by `run` and read back: the records must survive the round trip byte for byte,
// a damaged or foreign file must say what is wrong with it, and a trace file still being
// written already holds the records made so far.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <thread>

#include "core/scenario/runner.h"
#include "core/trace/trace.h"
#include "test_files.h"
#include "trace_fixture.h"

using namespace eventlab;
using eventlab::test::rewrite;

namespace {

std::string run_to_trace(const std::string& scenario_json) {
    ScenarioParse parse = parse_scenario(scenario_json, "test.json");
    REQUIRE(parse.ok());
    const BusConfig config = resolve_config(*parse, {});
    Session session(config);
    auto sink = std::make_shared<test::TraceTextSink>();
    session.recorder().add_sink(sink);
    run_scenario(session, *parse);
    session.recorder().remove_sink(sink.get());
    return trace_header_line({kTraceVersion, config.mode, config.order, config.seed}) + "\n" +
           sink->text;
}

const char* const kBusyScenario = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "test-event", "name": "feed"},
    {"op": "listen", "in": "settings", "event": "test-event", "target": {"kind": "WebviewWindow", "label": "settings"}},
    {"op": "listen", "in": "rust", "event": "test-event", "once": true},
    {"op": "emit", "event": "test-event", "payload": {"data": "hé \u0001 \"q\"", "n": [1, 2.5, null]}},
    {"op": "emit_to", "target": "main", "event": "test-event", "from": "settings"},
    {"op": "emit_filter", "accept": ["main", {"kind": "App"}], "event": "test-event"},
    {"op": "invoke", "in": "main", "command": "send_to_specific_window", "args": {"windowLabel": "settings", "data": "x"}},
    {"op": "invoke", "in": "main", "command": "nope"},
    {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "test-event"}]},
    {"op": "unmount", "in": "main", "component": "Feed"},
    {"op": "emit", "event": "bad name"},
    {"op": "close_window", "label": "settings"},
    {"op": "expect", "calls": {"feed": 4}}
  ]
})";

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("core: a trace read back writes the same bytes (run → trace → load → identical)") {
    const std::string text = run_to_trace(kBusyScenario);
    const TraceLoad load = parse_trace(text, "busy.jsonl");
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(load.warnings().empty());
    CHECK(load->records.size() > 20);
    CHECK(rewrite(*load) == text);
}

TEST_CASE("core: a trace cut off mid-line loads every complete record and says one was dropped") {
    const std::string text = run_to_trace(kBusyScenario);
    const size_t last_newline = text.rfind('\n', text.size() - 2);
    const std::string cut = text.substr(0, last_newline + 10);  // half of the last record
    const TraceLoad load = parse_trace(cut, "cut.jsonl");
    REQUIRE_MESSAGE(load.ok(), load.error());
    const TraceLoad full = parse_trace(text, "full.jsonl");
    CHECK(load->records.size() == full->records.size() - 1);
    REQUIRE(load.warnings().size() == 1);
    CHECK(load.warnings()[0].find("1 line dropped") != std::string::npos);
}

TEST_CASE("core: a bad record in the middle of a trace names its line") {
    std::string text = run_to_trace(kBusyScenario);
    const size_t third_line = text.find('\n', text.find('\n', text.find('\n') + 1) + 1) + 1;
    text.insert(third_line, "{\"seq\":3,\"t_us\":0,\"type\":\"listen\"}\n");
    const TraceLoad load = parse_trace(text, "bad.jsonl");
    CHECK_FALSE(load.ok());
    CHECK(load.error().find("bad.jsonl:4: bad record: missing \"listener\"") == 0);
}

TEST_CASE("core: a newer trace version is refused and a foreign file is not a trace") {
    const TraceLoad newer =
        parse_trace("{\"format\":\"eventlab-trace\",\"version\":2}\n", "new.jsonl");
    CHECK_FALSE(newer.ok());
    CHECK(newer.error().find("version 2 is newer") != std::string::npos);
    const TraceLoad foreign = parse_trace("{\"traceEvents\": []}\n", "x.json");
    CHECK_FALSE(foreign.ok());
    CHECK(foreign.error().find("not an EventLab trace") != std::string::npos);
    CHECK(load_trace("/nonexistent/trace.jsonl").error().find("cannot read") != std::string::npos);
}

namespace {

// Reads the file (never closing the sink) until it holds the header and `records` lines; the
// writer thread hands lines over in batches, so they may take a moment. The bound only stops
// a writer that never writes from hanging the test.
std::string wait_for_lines(const std::filesystem::path& path, std::uint64_t records) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::string text = test::read_file(path);
    while (static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')) < records + 1 &&
           std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        text = test::read_file(path);
    }
    return text;
}

}  // namespace

TEST_CASE("core: a trace file holds every record soon after it happens - while still open") {
    const test::TempDir tmp;
    const std::filesystem::path file = tmp / "trace.jsonl";
    Session session(BusConfig{});
    auto opened = TraceFileSink::open(file.string(), {}, 0);
    REQUIRE_MESSAGE(opened.ok(), opened.error());
    const std::shared_ptr<TraceFileSink> sink = *opened;
    session.recorder().add_sink(sink);
    EventBus& bus = session.bus();
    REQUIRE(bus.create_window("main", false).ok);
    REQUIRE(bus.js_listen("main", "e", EventTarget::any(), [](const Event&) {}).ok);

    // Two rounds: the second shows the writer keeps writing after its first batch.
    for (int round = 0; round < 2; ++round) {
        INFO("round " << round);
        REQUIRE(
            bus.emit("e", make_text("{\"round\":" + std::to_string(round) + "}"), Source::rust())
                .ok);
        bus.drain_all();
        const std::uint64_t appended = session.recorder().appended();
        const std::string text = wait_for_lines(file, appended);
        REQUIRE(!text.empty());
        CHECK(text.back() == '\n');  // the writer hands over whole lines only
        const TraceLoad load = parse_trace(text, "live.jsonl");
        REQUIRE_MESSAGE(load.ok(), load.error());
        CHECK(load.warnings().empty());
        REQUIRE(load->records.size() == appended);
        CHECK(load->records.back().type == RecordType::Deliver);
    }
    session.recorder().remove_sink(sink.get());
    sink->close();
    CHECK_FALSE(sink->failed());
}

TEST_SUITE_END();
