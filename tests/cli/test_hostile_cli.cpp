// Hostile input through the command line: JSON nested 100000 deep, bytes that are not UTF-8,
// periodic intervals of 0 or below, and scenarios that name what does not exist. Each gives
// one clear message and the exit code of the spec; none crashes.
#include <doctest/doctest.h>

#include <string>

#include "cli_fixture.h"
#include "core/util/utf8.h"

using cli_test::Result;
using cli_test::TempDir;

namespace {

const std::string kHeader =
    R"({"format":"eventlab-trace","version":1,"tauri":"stable","order":"registration","seed":0})"
    "\n";

std::string emit_line(const std::string& event, const std::string& payload) {
    return R"({"seq":1,"t_us":0,"type":"emit","emit":1,"api":"emit","event":")" + event +
           R"(","target":null,"accept":null,"from":"rust","payload":)" + payload +
           R"(,"deferred":false})"
           "\n";
}

std::string nested(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("hostile cli: a scenario payload nested 100000 deep exits 2 with its position") {
    TempDir dir;
    const auto scenario = dir.write(
        "deep.json", R"({"windows": ["main"], "steps": [{"op": "emit", "event": "e", "payload": )" +
                         nested(100000) + "}]}");
    const Result r = dir.run({"run", scenario.string(), "--trace", "t.jsonl"});
    CHECK(r.status == 2);
    CHECK(r.err == "eventlab: " + scenario.string() + ":1:582: nesting deeper than 512 levels\n");
    CHECK_FALSE(std::filesystem::exists(dir / "t.jsonl"));
}

// Both trace readers stop at 512 levels, as scenario files do: writing such a payload back out
// would otherwise recurse 100000 levels deep.
TEST_CASE("hostile cli: a trace line nested 100000 deep is a bad record - not a crash") {
    TempDir dir;
    for (const std::string& payload : {nested(100000), std::string(100000, '[')}) {
        const auto trace = dir.write("deep.jsonl", kHeader + emit_line("e", payload));
        const Result r = dir.run({"export", trace.string(), "-o", "out.json"});
        CHECK(r.status == 2);
        CHECK(has(r.err, trace.string() + ":2: "));
        CHECK_FALSE(std::filesystem::exists(dir / "out.json"));
    }
}

TEST_CASE("hostile cli: bytes that are not UTF-8 make a scenario or trace unusable") {
    TempDir dir;
    const auto name = dir.write(
        "name.json",
        "{\"windows\": [\"main\"], \"steps\": [{\"op\": \"emit\", \"event\": \"e\xff\"}]}");
    const auto payload = dir.write("payload.json",
                                   "{\"windows\": [\"main\"], \"steps\": [{\"op\": \"emit\", "
                                   "\"event\": \"e\", \"payload\": \"x\xc3(\"}]}");
    for (const auto& scenario : {name, payload}) {
        const Result r = dir.run({"run", scenario.string()});
        CHECK(r.status == 2);
        CHECK(has(r.err, "ill-formed UTF-8 byte"));
        // The message quotes what it read, with the bad byte shown as U+FFFD.
        CHECK(eventlab::utf8::is_valid(r.err));
    }
    for (const std::string& line : {emit_line("e\xff", "null"), emit_line("e", "\"x\xff\"")}) {
        const auto trace = dir.write("bad.jsonl", kHeader + line);
        const Result r = dir.run({"export", trace.string(), "-o", "out.json"});
        CHECK(r.status == 2);
        CHECK(has(r.err, trace.string() + ":2: bad record"));
    }
}

TEST_CASE("hostile cli: a periodic interval of 0 or below exits 2 naming the field") {
    TempDir dir;
    for (const std::string& interval : {std::string("0"), std::string("-5"), std::string("0.5")}) {
        INFO("interval_ms " << interval);
        const auto scenario = dir.write(
            "p.json", R"({"steps": [{"op": "periodic_start", "id": "p", "event": "tick", )"
                      R"("interval_ms": )" +
                          interval + "}]}");
        const Result r = dir.run({"run", scenario.string()});
        CHECK(r.status == 2);
        CHECK(has(r.err, "/steps/0/interval_ms: expected an integer >= 1; got " + interval));
    }
}

TEST_CASE("hostile cli: names that do not exist are errors of the run - a failed expect exits 1") {
    TempDir dir;
    const std::string steps = R"(
        {"op": "listen", "in": "ghost", "event": "e", "name": "haunted"},
        {"op": "close_window", "label": "ghost"},
        {"op": "unmount", "in": "main", "component": "Feed"},
        {"op": "periodic_stop", "id": "nope"},
        {"op": "listen", "in": "main", "event": "e", "name": "real"},
        {"op": "emit", "event": "e"},
        {"op": "expect", "calls": {"real": 1}})";
    const auto lenient =
        dir.write("ghost.json", R"({"windows": ["main"], "steps": [)" + steps + "]}");
    const Result r = dir.run({"run", lenient.string()});
    CHECK(r.status == 0);  // errors are what the simulated app saw; only expects decide
    CHECK(has(r.out, "errors 4"));
    CHECK(has(r.out, "last error: no periodic sender `nope` is running"));

    const auto strict =
        dir.write("strict.json", R"({"windows": ["main"], "steps": [)" + steps +
                                     R"(, {"op": "expect", "calls": {"haunted": 1}}]})");
    const Result failed = dir.run({"run", strict.string()});
    CHECK(failed.status == 1);
    CHECK(has(failed.out, "FAIL /steps/7: calls of `haunted`: expected 1, got 0"));
}
