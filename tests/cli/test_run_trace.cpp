// `eventlab run --trace`: the header line, records numbered 1..N without gaps, every line valid
// JSON with the fields of the format, and byte-identical traces for the same input (also in
// random order with a seed). Flags override the scenario, and the header says what ran.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "cli_fixture.h"

using cli_test::Result;
using cli_test::TempDir;
using nlohmann::json;

namespace {

// Touches every record type that `run` writes.
const std::string kBusy = R"({
  "tauri": "2.0",
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "rust", "event": "ping", "name": "rust-ping",
     "actions": [{"op": "emit_to", "target": "main", "event": "pong"}]},
    {"op": "listen", "in": "rust", "event": "pong", "name": "rust-pong"},
    {"op": "listen", "in": "main", "event": "pong", "name": "main-pong"},
    {"op": "listen", "in": "settings", "event": "pong", "name": "settings-pong"},
    {"op": "listen", "in": "settings", "event": "pong", "target": "settings", "name": "scoped"},
    {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "ping"}], "strict": true},
    {"op": "emit", "event": "ping", "payload": {"n": 1}},
    {"op": "emit_filter", "accept": ["main", {"kind": "App"}], "event": "ping"},
    {"op": "invoke", "in": "main", "command": "send_test_event_from_backend", "args": {"data": "x"}},
    {"op": "invoke", "in": "main", "command": "nope"},
    {"op": "unlisten", "name": "main-pong"},
    {"op": "emit", "event": "pong", "from": "settings"},
    {"op": "periodic_start", "id": "t", "event": "ping", "interval_ms": 5, "payload": "tick {n}"},
    {"op": "advance", "ms": 12},
    {"op": "periodic_stop", "id": "t"},
    {"op": "unmount", "in": "main", "component": "Feed"},
    {"op": "create_window", "label": "about"},
    {"op": "close_window", "label": "settings"},
    {"op": "emit", "event": "bad name"},
    {"op": "expect", "calls": {"rust-ping": 4}, "windows": ["main", "about"]}
  ]
}
)";

struct Trace {
    json header;
    std::vector<json> records;
};

// Parses a trace, checking line by line that it is JSON; fails the test otherwise.
Trace parse_trace(const std::string& text) {
    Trace trace;
    REQUIRE_FALSE(text.empty());
    CHECK(text.back() == '\n');
    const auto lines = cli_test::lines_of(text);
    REQUIRE_FALSE(lines.empty());
    trace.header = json::parse(lines[0], nullptr, false);
    REQUIRE_FALSE(trace.header.is_discarded());
    for (std::size_t i = 1; i < lines.size(); ++i) {
        CAPTURE(lines[i]);
        json record = json::parse(lines[i], nullptr, false);
        REQUIRE_FALSE(record.is_discarded());
        REQUIRE(record.is_object());
        trace.records.push_back(std::move(record));
    }
    return trace;
}

std::string run_trace(const TempDir& dir, const std::string& name,
                      std::vector<std::string> extra = {}) {
    const auto scenario = dir.write("busy.json", kBusy);
    const auto trace = dir / name;
    std::vector<std::string> args = {"run", scenario.string(), "--trace", trace.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const Result r = dir.run(args);
    INFO("stdout:\n", r.out, "stderr:\n", r.err);
    CHECK(r.status == 0);
    return cli_test::read_file(trace);
}

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("trace: the header line comes first") {
    TempDir dir;
    const Trace t = parse_trace(run_trace(dir, "t.jsonl"));
    CHECK(t.header["format"] == "eventlab-trace");
    CHECK(t.header["version"] == 1);
    CHECK(t.header["tauri"] == "2.0");
    CHECK(t.header["order"] == "registration");
    CHECK(t.header["seed"] == 0);
    // The header is exactly the documented line, keys in that order.
    const std::string text = run_trace(dir, "t2.jsonl");
    CHECK(text.rfind(R"({"format":"eventlab-trace","version":1,"tauri":"2.0",)", 0) == 0);
}

TEST_CASE("trace: records are numbered 1..N without gaps - with t_us and type") {
    TempDir dir;
    const Trace t = parse_trace(run_trace(dir, "t.jsonl"));
    REQUIRE(t.records.size() > 20);
    std::int64_t last_t = 0;
    for (std::size_t i = 0; i < t.records.size(); ++i) {
        const json& r = t.records[i];
        CAPTURE(r.dump());
        CHECK(r["seq"] == i + 1);
        REQUIRE(r["t_us"].is_number_integer());
        CHECK(r["t_us"].get<std::int64_t>() >= last_t);  // virtual time only moves forward
        last_t = r["t_us"].get<std::int64_t>();
        CHECK(r["type"].is_string());
    }
    CHECK(last_t == 12000);  // `advance 12` on virtual time
}

TEST_CASE("trace: every record type carries the fields of the format") {
    TempDir dir;
    const Trace t = parse_trace(run_trace(dir, "t.jsonl"));
    const std::map<std::string, std::vector<std::string>> fields = {
        {"window", {"action", "label"}},
        {"listen", {"listener", "event", "side", "in", "target", "once", "deferred"}},
        {"unlisten", {"listener", "reason", "deferred"}},
        {"emit", {"emit", "api", "event", "target", "accept", "from", "payload", "deferred"}},
        {"deliver", {"emit", "listener", "side", "in", "event", "match", "stale"}},
        {"skip", {"emit", "listener", "listeners", "count", "reason"}},
        {"invoke", {"command", "in", "args", "ok", "error"}},
        {"mount", {"in", "component", "cleanup"}},
        {"unmount", {"in", "component", "cleanup"}},
        {"error", {"message", "op", "panic"}},
        {"expect", {"ok", "message"}},
    };
    std::set<std::string> seen;
    for (const json& r : t.records) {
        CAPTURE(r.dump());
        const std::string type = r["type"];
        seen.insert(type);
        REQUIRE(fields.count(type) == 1);
        for (const std::string& key : fields.at(type))
            CHECK(r.contains(key));
        for (const char* key : {"target"}) {
            // Targets always use the object form.
            if (r.contains(key) && !r[key].is_null()) CHECK(r[key].is_object());
        }
    }
    for (const char* type : {"window", "listen", "unlisten", "emit", "deliver", "invoke", "mount",
                             "unmount", "error", "expect"}) {
        CAPTURE(type);
        CHECK(seen.count(type) == 1);
    }
    // Sources are named as the format says.
    std::set<std::string> from;
    for (const json& r : t.records) {
        if (r["type"] == "emit") from.insert(r["from"].get<std::string>());
    }
    CHECK(from.count("rust") == 1);
    CHECK(from.count("js:settings") == 1);
    CHECK(from.count("periodic:t") == 1);
    CHECK(from.count("invoke:send_test_event_from_backend") == 1);
}

TEST_CASE("trace: the same run twice gives byte-identical traces") {
    TempDir dir;
    SUBCASE("registration order") {
        const std::string a = run_trace(dir, "a.jsonl");
        const std::string b = run_trace(dir, "b.jsonl");
        CHECK(a == b);
    }
    SUBCASE("--order random --seed 5") {
        const std::string a = run_trace(dir, "a.jsonl", {"--order", "random", "--seed", "5"});
        const std::string b = run_trace(dir, "b.jsonl", {"--order", "random", "--seed", "5"});
        CHECK(a == b);
        const Trace t = parse_trace(a);
        CHECK(t.header["order"] == "random");
        CHECK(t.header["seed"] == 5);
    }
}

TEST_CASE("trace: an existing trace is replaced - not appended to") {
    TempDir dir;
    const std::string first = run_trace(dir, "t.jsonl");
    const std::string second = run_trace(dir, "t.jsonl");
    CHECK(first == second);
}

TEST_CASE("trace: --tauri 2.12 overrides the scenario's \"tauri\"") {
    TempDir dir;
    const Trace t = parse_trace(run_trace(dir, "t.jsonl", {"--tauri", "2.12"}));
    CHECK(t.header["tauri"] == "2.12");
    const auto scenario = dir / "busy.json";
    const Result r = dir.run({"run", scenario.string(), "--tauri", "2.12"});
    CHECK(r.out.find("(tauri 2.12") != std::string::npos);
}

TEST_CASE("trace: the old mode names and latest name the modes of their releases") {
    // A trace and the summary say the mode's name, whichever name the command line used.
    TempDir dir;
    const auto scenario = dir / "busy.json";
    const std::pair<const char*, const char*> names[] = {
        {"next", "2.12"}, {"stable", "2.10"}, {"latest", "2.12"}};
    for (const auto& name : names) {
        // Not a structured binding: clang before 16 cannot capture one in CAPTURE's lambda.
        const std::string given = name.first;
        CAPTURE(given);
        const Trace t = parse_trace(run_trace(dir, "t.jsonl", {"--tauri", given}));
        CHECK(t.header["tauri"] == name.second);
    }
    const Result bad = dir.run({"run", scenario.string(), "--tauri", "2.5"});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("expected one of 2.0, 2.10, 2.11, 2.12, stable, next, latest") !=
          std::string::npos);
}

TEST_CASE("trace: flags override order and seed - the scenario fills in the rest") {
    TempDir dir;
    const auto scenario = dir.write("seeded.json", R"({
  "tauri": "next", "order": "random", "seed": 3,
  "windows": ["main"],
  "steps": [{"op": "emit", "event": "e"}]
}
)");
    const auto trace = dir / "t.jsonl";
    Result r = dir.run({"run", scenario.string(), "--trace", trace.string()});
    REQUIRE(r.status == 0);
    Trace t = parse_trace(cli_test::read_file(trace));
    CHECK(t.header["tauri"] == "2.12");  // "next", by the name it has now
    CHECK(t.header["order"] == "random");
    CHECK(t.header["seed"] == 3);

    r = dir.run({"run", scenario.string(), "--trace", trace.string(), "--seed", "11", "--order",
                 "registration", "--tauri", "2.0"});
    REQUIRE(r.status == 0);
    t = parse_trace(cli_test::read_file(trace));
    CHECK(t.header["tauri"] == "2.0");
    CHECK(t.header["order"] == "registration");
    CHECK(t.header["seed"] == 11);
}

TEST_CASE("trace: a failing run still writes its trace - with the failed expect in it") {
    TempDir dir;
    const auto scenario = dir.write("fail.json", R"({
  "windows": ["main"],
  "steps": [{"op": "expect", "windows": ["main", "ghost"]}]
}
)");
    const auto trace = dir / "t.jsonl";
    const Result r = dir.run({"run", scenario.string(), "--trace", trace.string()});
    CHECK(r.status == 1);
    const Trace t = parse_trace(cli_test::read_file(trace));
    REQUIRE_FALSE(t.records.empty());
    const json& last = t.records.back();
    CHECK(last["type"] == "expect");
    CHECK(last["ok"] == false);
    CHECK(last["message"].get<std::string>().find("/steps/0") != std::string::npos);
}

TEST_SUITE_END();
