// `eventlab run` exit codes as scripts and CI rely on them: 0 when every expect holds, 1 when
// one fails (with its step's JSON pointer), 2 for unusable input with one clear message on
// stderr, and an existing --trace file left byte for byte as it was when the input is unusable.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_fixture.h"

using cli_test::Result;
using cli_test::TempDir;

namespace {

const std::string kFailing = R"({
  "windows": ["main"],
  "steps": [
    {"op": "listen", "in": "main", "event": "e", "name": "feed"},
    {"op": "emit", "event": "e"},
    {"op": "expect", "calls": {"feed": 2}},
    {"op": "expect", "calls": {"feed": 1}}
  ]
}
)";

// The trailing comma on line 3 is the error; its `}` is at column 33.
const std::string kSyntaxError =
    "{\n  \"steps\": [\n    {\"op\": \"emit\", \"event\": \"x\",}\n  ]\n}\n";

const std::string kSchemaError = R"({
  "windows": ["main"],
  "steps": [
    {"op": "listen", "in": "main", "event": "e"},
    {"op": "emit_to", "event": "e", "target": {"kind": "Nope", "label": "main"}}
  ]
}
)";

const std::string kUnknownOp = R"({"steps": [{"op": "explode", "event": "e"}]})";

std::size_t count_lines(const std::string& text) {
    return cli_test::lines_of(text).size();
}

}  // namespace

TEST_CASE("exit 0: a scenario whose expectations hold") {
    TempDir dir;
    const auto file = dir.write("ok.json", cli_test::kPassing);
    const Result r = dir.run({"run", file.string()});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("expectations: 1 passed, 0 failed") != std::string::npos);
}

TEST_CASE("exit 1: a failing expect is printed with its step's JSON pointer") {
    TempDir dir;
    const auto file = dir.write("failing.json", kFailing);

    SUBCASE("summary on stdout") {
        const Result r = dir.run({"run", file.string()});
        CHECK(r.status == 1);
        CHECK(r.out.find("FAIL /steps/2") != std::string::npos);
        CHECK(r.out.find("expected 2, got 1") != std::string::npos);
        CHECK(r.out.find("FAIL /steps/3") == std::string::npos);  // that one holds
        CHECK(r.out.find("1 passed, 1 failed") != std::string::npos);
    }
    SUBCASE("--quiet: only the failure, on stderr") {
        const Result r = dir.run({"run", file.string(), "--quiet"});
        CHECK(r.status == 1);
        CHECK(r.out.empty());
        CHECK(r.err.find("FAIL /steps/2") != std::string::npos);
        CHECK(count_lines(r.err) == 1);
    }
}

TEST_CASE("exit 1: a failing expect inside a handler's actions names its nested pointer") {
    TempDir dir;
    const auto file = dir.write("nested.json", R"({
  "steps": [
    {"op": "listen", "in": "rust", "event": "e", "name": "h",
     "actions": [{"op": "expect", "calls": {"h": 5}}]},
    {"op": "emit", "event": "e"}
  ]
}
)");
    const Result r = dir.run({"run", file.string()});
    CHECK(r.status == 1);
    CHECK(r.out.find("FAIL /steps/0/actions/0") != std::string::npos);
}

TEST_CASE(
    "exit 1: failing payload - listeners and error expects are each printed with their step") {
    // Steps 0-2 are shared: one listener gets {"data":"hi"}, then a Rust emit with a bad name
    // returns Err (stable), the run's one error. Step 3 fails, step 4 (same kind) holds.
    const std::string start = R"({
  "windows": ["main"],
  "steps": [
    {"op": "listen", "in": "main", "event": "e", "name": "feed"},
    {"op": "emit", "event": "e", "payload": {"data": "hi"}},
    {"op": "emit", "event": "bad name!"},
)";
    struct Case {
        const char* kind;
        std::string failing;
        std::string holding;
        std::string failure;
    };
    const std::vector<Case> cases = {
        {"payload", R"({"op": "expect", "payload": {"feed": {"data": "bye"}}})",
         R"({"op": "expect", "payload": {"feed": {"data": "hi"}}})",
         R"(FAIL /steps/3: payload of `feed`: expected {"data":"bye"}, got {"data":"hi"})"},
        {"listeners", R"({"op": "expect", "listeners": {"main": 2}})",
         R"({"op": "expect", "listeners": {"main": 1, "rust": 0}})",
         "FAIL /steps/3: listeners in `main`: expected 2, got 1"},
        {"error", R"({"op": "expect", "error": "IllegalEventName"})",
         R"({"op": "expect", "error": "permitted for event names: \"bad name!\""})",
         R"(FAIL /steps/3: expected the last error to contain "IllegalEventName", got "only )"
         R"(alphanumeric, '-', '/', ':', '_' permitted for event names: "bad name!"")"},
    };
    for (const Case& c : cases) {
        INFO("expect " << c.kind);
        TempDir dir;
        const auto file =
            dir.write("s.json", start + "    " + c.failing + ",\n    " + c.holding + "\n  ]\n}\n");
        const Result r = dir.run({"run", file.string()});
        CHECK(r.status == 1);
        CHECK(r.err.empty());
        CHECK_MESSAGE(r.out.find(c.failure) != std::string::npos, r.out);
        CHECK(r.out.find("FAIL /steps/4") == std::string::npos);
        CHECK(r.out.find("expectations: 1 passed, 1 failed") != std::string::npos);
        CHECK(r.out.find("  errors 1\n") != std::string::npos);  // the bad name, counted once
    }
}

TEST_CASE("exit 1: an error expect fails when no error happened") {
    TempDir dir;
    const auto file = dir.write("s.json", R"({
  "steps": [{"op": "emit", "event": "e"}, {"op": "expect", "error": "anything"}]
})");
    const Result r = dir.run({"run", file.string()});
    CHECK(r.status == 1);
    CHECK(r.out.find("FAIL /steps/1: expected an error containing \"anything\", but none "
                     "happened") != std::string::npos);
    CHECK(r.out.find("  errors 0\n") != std::string::npos);
}

TEST_CASE("exit 2: a JSON syntax error gives FILE:LINE:COL") {
    TempDir dir;
    dir.write("broken.json", kSyntaxError);
    const Result r = dir.run({"run", "broken.json"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("broken.json:3:33:") != std::string::npos);
    CHECK(count_lines(r.err) == 1);
}

TEST_CASE("exit 2: a schema error gives the JSON path and what was expected") {
    TempDir dir;
    const auto file = dir.write("schema.json", kSchemaError);
    const Result r = dir.run({"run", file.string()});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("/steps/1/target/kind") != std::string::npos);
    CHECK(r.err.find("expected one of") != std::string::npos);
    CHECK(r.err.find("\"Nope\"") != std::string::npos);
    CHECK(count_lines(r.err) == 1);
}

TEST_CASE("exit 2: wrong field types name their path") {
    TempDir dir;
    struct Case {
        const char* text;
        const char* pointer;
    };
    const Case cases[] = {
        {R"({"steps": [{"op": "advance", "ms": "10"}]})", "/steps/0/ms"},
        {R"({"steps": [{"op": "listen", "in": "main", "event": 3}]})", "/steps/0/event"},
        {R"({"tauri": "3.0", "steps": []})", "/tauri"},
        {R"({"steps": {}})", "/steps"},
        {R"({"steps": [{"op": "expect", "calls": {"x": -1}}]})", "/steps/0/calls/x"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const auto file = dir.write("bad.json", c.text);
        const Result r = dir.run({"run", file.string()});
        CHECK(r.status == 2);
        CHECK(r.err.find(c.pointer) != std::string::npos);
        CHECK(count_lines(r.err) == 1);
    }
}

TEST_CASE("exit 2: an unknown op lists the known ones") {
    TempDir dir;
    const auto file = dir.write("op.json", kUnknownOp);
    const Result r = dir.run({"run", file.string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("/steps/0/op") != std::string::npos);
    CHECK(r.err.find("unknown op \"explode\"") != std::string::npos);
    CHECK(r.err.find("emit_to") != std::string::npos);
}

TEST_CASE("exit 2: an unknown flag gives one clear message") {
    TempDir dir;
    const auto file = dir.write("ok.json", cli_test::kPassing);
    const Result r = dir.run({"run", file.string(), "--bogus"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    const auto lines = cli_test::lines_of(r.err);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0].rfind("eventlab: ", 0) == 0);
    CHECK(lines[0].find("--bogus") != std::string::npos);
    CHECK(lines.size() <= 2);  // the message, and at most a pointer to --help
}

TEST_CASE("exit 2: bad flag values") {
    TempDir dir;
    const auto file = dir.write("ok.json", cli_test::kPassing);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"run", file.string(), "--tauri", "3.0"},
             {"run", file.string(), "--order", "sorted"},
             {"run", file.string(), "--seed", "abc"},
             {"run"},
         }) {
        CAPTURE(args.back());
        const Result r = dir.run(args);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("eventlab: ", 0) == 0);
    }
}

// CLI11 alone would wrap a negative --seed and saturate an overflowing one; both are refused,
// as the same values in the scenario's "seed" field are.
TEST_CASE("exit 2: --seed must be an integer from 0 to 2^64-1") {
    TempDir dir;
    const auto file = dir.write("ok.json", cli_test::kPassing);
    for (const char* seed : {"-1", "99999999999999999999999"}) {
        CAPTURE(seed);
        const Result r = dir.run({"run", file.string(), "--seed", seed});
        CHECK(r.status == 2);
        CHECK(r.err.find("--seed") != std::string::npos);
    }
}

TEST_CASE("exit 2: a missing scenario file") {
    TempDir dir;
    const auto missing = dir / "nowhere.json";
    const Result r = dir.run({"run", missing.string()});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(missing.string()) != std::string::npos);
    CHECK(r.err.find("cannot read") != std::string::npos);
    CHECK(count_lines(r.err) == 1);
}

TEST_CASE("exit 2: a directory or an empty file is no scenario") {
    TempDir dir;
    const auto folder = dir / "folder.json";
    cli_test::fs::create_directory(folder);
    Result r = dir.run({"run", folder.string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("cannot read") != std::string::npos);

    dir.write("empty.json", "");
    r = dir.run({"run", "empty.json"});
    CHECK(r.status == 2);
    CHECK(r.err.find("empty.json:1:1:") != std::string::npos);
}

TEST_CASE("exit 2: unusable input leaves an existing --trace file byte for byte untouched") {
    TempDir dir;
    const std::string before = "precious bytes\n\x01\x02 not a trace\n";
    const auto trace = dir.write("keep.jsonl", before);
    const auto ok = dir.write("ok.json", cli_test::kPassing);
    const auto syntax = dir.write("syntax.json", kSyntaxError);
    const auto schema = dir.write("schema.json", kSchemaError);
    const auto op = dir.write("op.json", kUnknownOp);
    const auto time_before = cli_test::fs::last_write_time(trace);

    const std::vector<std::vector<std::string>> runs = {
        {"run", syntax.string(), "--trace", trace.string()},
        {"run", schema.string(), "--trace", trace.string()},
        {"run", op.string(), "--trace", trace.string()},
        {"run", (dir / "missing.json").string(), "--trace", trace.string()},
        {"run", ok.string(), "--trace", trace.string(), "--bogus"},
        {"run", ok.string(), "--trace", trace.string(), "--tauri", "9"},
    };
    for (const auto& args : runs) {
        CAPTURE(args[1]);
        const Result r = dir.run(args);
        CHECK(r.status == 2);
        CHECK(cli_test::read_file(trace) == before);
        CHECK(cli_test::fs::last_write_time(trace) == time_before);
    }
}

TEST_CASE("exit 2: unusable input creates no trace file") {
    TempDir dir;
    const auto schema = dir.write("schema.json", kSchemaError);
    const auto trace = dir / "new.jsonl";
    const Result r = dir.run({"run", schema.string(), "--trace", trace.string()});
    CHECK(r.status == 2);
    CHECK_FALSE(cli_test::fs::exists(trace));
}

TEST_CASE("exit 2: a trace path that cannot be written") {
    TempDir dir;
    const auto ok = dir.write("ok.json", cli_test::kPassing);
    const auto trace = dir / "no-such-dir" / "t.jsonl";
    const Result r = dir.run({"run", ok.string(), "--trace", trace.string()});
    CHECK(r.status == 2);
    CHECK(r.err.find(trace.string()) != std::string::npos);
}
