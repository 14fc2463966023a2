// The example scenarios in assets/scenarios, run through `eventlab run` as a user would: every
// file passes, is free of unknown fields, and follows the conventions of the set (a description,
// "say" on the steps, and at least one expect). New files are picked up by iterating the folder.
#include <doctest/doctest.h>

#include <set>

#include "cli_fixture.h"

using cli_test::Result;
using cli_test::TempDir;
using nlohmann::json;

TEST_CASE("assets: the scenario folder holds the examples") {
    const auto files = cli_test::scenario_files();
    INFO("folder: ", cli_test::kScenarios.string());
    CHECK(files.size() >= 10);
}

TEST_CASE("assets: every scenario passes with exit 0 and no warnings") {
    TempDir dir;
    for (const auto& file : cli_test::scenario_files()) {
        CAPTURE(file.filename().string());
        const Result r = dir.run({"run", file.string()});
        INFO("stdout:\n", r.out, "stderr:\n", r.err);
        CHECK(r.status == 0);
        CHECK(r.err.empty());  // unknown fields would show up here as warnings
        CHECK(r.out.find(" 0 failed") != std::string::npos);
        CHECK(r.out.find("FAIL") == std::string::npos);
    }
}

TEST_CASE("assets: every scenario passes in --quiet mode and prints nothing") {
    TempDir dir;
    for (const auto& file : cli_test::scenario_files()) {
        CAPTURE(file.filename().string());
        const Result r = dir.run({"run", file.string(), "--quiet"});
        CHECK(r.status == 0);
        CHECK(r.out.empty());
        CHECK(r.err.empty());
    }
}

TEST_CASE("assets: every scenario has a description - says what it does - and checks it") {
    for (const auto& file : cli_test::scenario_files()) {
        CAPTURE(file.filename().string());
        const json doc = json::parse(cli_test::read_file(file), nullptr, false);
        REQUIRE_FALSE(doc.is_discarded());
        REQUIRE(doc.is_object());
        REQUIRE(doc.contains("description"));
        CHECK(doc["description"].is_string());
        CHECK(doc["description"].get<std::string>().size() >= 20);
        REQUIRE(doc.contains("steps"));
        std::size_t expects = 0;
        std::size_t said = 0;
        for (const json& step : doc["steps"]) {
            if (step.value("op", "") == "expect") ++expects;
            if (step.contains("say")) ++said;
        }
        CHECK(expects >= 1);
        CHECK(said >= 1);
        // kebab-case file names
        const std::string stem = file.stem().string();
        CHECK(std::all_of(stem.begin(), stem.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }));
    }
}

namespace {

// Names a scenario's listeners can be referred to by: listen `name`, mount `component` and the
// `name` of a mount's listen items, also inside actions.
void collect_names(const json& steps, std::set<std::string>& names) {
    for (const json& step : steps) {
        const std::string op = step.value("op", "");
        // A named invoke counts as a call of its name, its result as the payload.
        if ((op == "listen" || op == "invoke") && step.contains("name")) {
            names.insert(step["name"].get<std::string>());
        }
        if (op == "mount") {
            names.insert(step["component"].get<std::string>());
            for (const json& item : step["listen"]) {
                if (item.contains("name")) names.insert(item["name"].get<std::string>());
            }
        }
        if (step.contains("actions")) collect_names(step["actions"], names);
    }
}

void check_expect_names(const json& steps, const std::set<std::string>& names) {
    for (const json& step : steps) {
        if (step.value("op", "") == "expect") {
            for (const char* key : {"calls", "payload"}) {
                if (!step.contains(key)) continue;
                for (const auto& [name, value] : step[key].items()) {
                    CAPTURE(name);
                    CHECK(names.count(name) == 1);
                }
            }
        }
        if (step.contains("actions")) check_expect_names(step["actions"], names);
    }
}

}  // namespace

// `calls {"typo": 0}` holds for a name no listener has, so a misspelt name would make an
// expectation pass for the wrong reason: every name an expect uses must be declared.
TEST_CASE("assets: every expect refers to listeners the scenario declares") {
    for (const auto& file : cli_test::scenario_files()) {
        CAPTURE(file.filename().string());
        const json doc = json::parse(cli_test::read_file(file), nullptr, false);
        REQUIRE(doc.is_object());
        std::set<std::string> names;
        collect_names(doc["steps"], names);
        check_expect_names(doc["steps"], names);
    }
}

TEST_CASE("assets: every scenario writes a trace that follows the trace format") {
    TempDir dir;
    const auto trace = dir / "trace.jsonl";
    for (const auto& file : cli_test::scenario_files()) {
        CAPTURE(file.filename().string());
        const Result r = dir.run({"run", file.string(), "--quiet", "--trace", trace.string()});
        REQUIRE(r.status == 0);
        const std::string text = cli_test::read_file(trace);
        REQUIRE_FALSE(text.empty());
        CHECK(text.back() == '\n');
        const auto lines = cli_test::lines_of(text);
        REQUIRE(lines.size() >= 2);
        const json header = json::parse(lines[0], nullptr, false);
        REQUIRE_FALSE(header.is_discarded());
        CHECK(header.value("format", "") == "eventlab-trace");
        for (std::size_t i = 1; i < lines.size(); ++i) {
            CAPTURE(lines[i]);
            const json record = json::parse(lines[i], nullptr, false);
            REQUIRE_FALSE(record.is_discarded());
            CHECK(record.value("seq", std::uint64_t{0}) == i);
            CHECK(record.contains("t_us"));
            CHECK(record["t_us"].is_number_integer());
            CHECK(record.contains("type"));
        }
    }
}

TEST_CASE("assets: the 2.0 AnyLabel scenario fails when forced to 2.11") {
    // A mode flag overrides the file, and the 2.0-only expectation is what fails.
    TempDir dir;
    const Result r = dir.run(
        {"run", (cli_test::kScenarios / "anylabel-listen-2-0.json").string(), "--tauri", "2.11"});
    CHECK(r.status == 1);
    CHECK(r.out.find("(tauri 2.11") != std::string::npos);
    CHECK(r.out.find("FAIL /steps/2") != std::string::npos);
}
