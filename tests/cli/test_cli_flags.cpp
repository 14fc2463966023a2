// The command line around `run`: --help, --version, --quiet and the summary a person reads.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "core/acl/rules.h"
#include "core/bus/mode_rules.h"

using cli_test::Result;
using cli_test::TempDir;

TEST_CASE("--help exits 0 and names the run and export commands") {
    TempDir dir;
    const Result r = dir.run({"--help"});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    // The subcommands are listed as such, not just mentioned in passing.
    CHECK(r.out.find("\n  run ") != std::string::npos);
    CHECK(r.out.find("\n  export ") != std::string::npos);
    CHECK(r.out.find("Usage") != std::string::npos);
}

TEST_CASE("run --help exits 0 and lists the run flags") {
    TempDir dir;
    const Result r = dir.run({"run", "--help"});
    CHECK(r.status == 0);
    for (const char* flag : {"--trace", "--tauri", "--order", "--seed", "--quiet"}) {
        CAPTURE(flag);
        CHECK(r.out.find(flag) != std::string::npos);
    }
}

TEST_CASE("modes prints every mode of the table with its rules as JSON") {
    TempDir dir;
    const Result r = dir.run({"modes"});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    const auto modes = nlohmann::json::parse(r.out);
    const auto& table = eventlab::kModeRules;
    REQUIRE(modes.size() == table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const eventlab::ModeRules& row = table[i];
        CAPTURE(row.name);
        CHECK(modes[i]["name"] == std::string(row.name));
        CHECK(modes[i]["latest"] == (i + 1 == table.size()));
        for (const eventlab::RuleFlag& flag : eventlab::kRuleFlags) {
            CHECK(modes[i]["rules"][std::string(flag.name)] == row.*flag.field);
        }
        const eventlab::acl::AclRules* acl = eventlab::acl::acl_rules(row.acl_tauri);
        REQUIRE(acl != nullptr);
        CHECK(modes[i]["rules"]["remote_app_commands_checked"] == acl->remote_app_commands_checked);
    }
}

TEST_CASE("--version exits 0 and prints eventlab and the project's version") {
    TempDir dir;
    const Result r = dir.run({"--version"});
    CHECK(r.status == 0);
    CHECK(r.out == std::string("eventlab ") + EVENTLAB_VERSION + "\n");  // CMake's project()
    CHECK(r.err.empty());
}

TEST_CASE("--quiet prints nothing on success") {
    TempDir dir;
    const auto file = dir.write("ok.json", cli_test::kPassing);
    const Result r = dir.run({"run", file.string(), "--quiet"});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    // ... and neither does it with a trace.
    const Result t =
        dir.run({"run", file.string(), "--quiet", "--trace", (dir / "t.jsonl").string()});
    CHECK(t.status == 0);
    CHECK(t.out.empty());
    CHECK(t.err.empty());
}

TEST_CASE("the summary names the scenario - the mode and the counts") {
    TempDir dir;
    const auto file = dir.write("ok.json", cli_test::kPassing);
    const Result r = dir.run({"run", file.string(), "--order", "random", "--seed", "5"});
    CHECK(r.status == 0);
    CHECK(r.out.find(file.string()) != std::string::npos);
    CHECK(r.out.find("tauri 2.10") != std::string::npos);
    CHECK(r.out.find("order random, seed 5") != std::string::npos);
    CHECK(r.out.find("emits 1") != std::string::npos);
    CHECK(r.out.find("deliveries 2 (rust 1, js 1)") != std::string::npos);
    CHECK(r.out.find("1 passed, 0 failed") != std::string::npos);
    const auto trace = dir / "t.jsonl";
    const Result t = dir.run({"run", file.string(), "--trace", trace.string()});
    CHECK(t.out.find("trace: " + trace.string()) != std::string::npos);
}

TEST_CASE("unknown fields are warned about - with their pointer - and do not fail the run") {
    TempDir dir;
    const auto file = dir.write("extra.json", R"({
  "windows": ["main"],
  "colour": "blue",
  "steps": [{"op": "emit", "event": "e", "payload": 1, "colour": "red"}]
}
)");
    const Result r = dir.run({"run", file.string(), "--quiet"});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err.find("/colour: unknown field") != std::string::npos);
    CHECK(r.err.find("/steps/0/colour: unknown field") != std::string::npos);
}

TEST_CASE("a scenario path with spaces and quotes works") {
    TempDir dir;
    const auto file = dir.write("it's a scenario.json", cli_test::kPassing);
    const Result r = dir.run({"run", file.string()});
    CHECK(r.status == 0);
    CHECK(r.out.find("it's a scenario.json") != std::string::npos);
}
