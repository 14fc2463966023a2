// The guided demos in assets/demos, run through `eventlab run` as a user (or CI) would: every
// demo passes, its expects state the point of the demo, it follows the demo conventions (a
// title, a sentence on every step, code that fits the demo window), and a demo turns into a
// regression test for leaks by adding one expect. New files are picked up by iterating the folder.
#include <doctest/doctest.h>

#include <set>

#include "cli_fixture.h"

using cli_test::Result;
using cli_test::TempDir;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

const fs::path kDemos = fs::path(EVENTLAB_ASSETS_DIR) / "demos";
// The demo window fits this many characters of code at a readable size.
constexpr std::size_t kMaxCodeColumns = 64;

std::vector<fs::path> demo_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kDemos)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

json read_json(const fs::path& file) {
    return json::parse(cli_test::read_file(file), nullptr, false);
}

// Names an expect may use: listen `name`, mount `component`, and mount items' `name`.
std::set<std::string> declared_names(const json& steps) {
    std::set<std::string> names;
    for (const json& step : steps) {
        if (step.value("op", "") == "listen" && step.contains("name")) {
            names.insert(step["name"].get<std::string>());
        }
        if (step.value("op", "") == "mount") {
            names.insert(step["component"].get<std::string>());
            for (const json& item : step["listen"]) {
                if (item.contains("name")) names.insert(item["name"].get<std::string>());
            }
        }
    }
    return names;
}

}  // namespace

TEST_CASE("demos: the demo folder holds the talk's demos") {
    const auto files = demo_files();
    CHECK(files.size() >= 8);
    std::set<std::string> titles;
    for (const auto& file : files) {
        const json doc = read_json(file);
        REQUIRE(doc.is_object());
        titles.insert(doc.value("title", ""));
    }
    CHECK(titles.count("StrictMode without cleanup") == 1);
    CHECK(titles.size() == files.size());  // the menu tells them apart by title
}

TEST_CASE("demos: every demo passes eventlab run with exit 0 and no warnings") {
    TempDir dir;
    for (const auto& file : demo_files()) {
        CAPTURE(file.filename().string());
        const Result r = dir.run({"run", file.string()});
        INFO("stdout:\n", r.out, "stderr:\n", r.err);
        CHECK(r.status == 0);
        CHECK(r.err.empty());  // an unknown field (code, title, say) would warn here
        CHECK(r.out.find(" 0 failed") != std::string::npos);
        CHECK(r.out.find("FAIL") == std::string::npos);
        CHECK(r.out.find("leaked or stale listeners:") != std::string::npos);

        const Result quiet = dir.run({"run", file.string(), "--quiet"});
        CHECK(quiet.status == 0);
        CHECK(quiet.out.empty());  // quiet prints nothing on success, leaks or not
    }
}

TEST_CASE("demos: every demo has a title - a sentence per step - code - and expects") {
    for (const auto& file : demo_files()) {
        CAPTURE(file.filename().string());
        const json doc = read_json(file);
        REQUIRE(doc.is_object());
        CHECK(doc.value("title", "").size() >= 8);
        CHECK(doc.value("description", "").size() >= 40);
        CHECK(doc.contains("tauri"));  // a demo states the rules it shows
        std::size_t expects = 0;
        std::size_t coded = 0;
        const std::set<std::string> names = declared_names(doc["steps"]);
        for (const json& step : doc["steps"]) {
            CAPTURE(step.dump());
            CHECK_FALSE(step.value("say", "").empty());  // the speaker needs every sentence
            if (step.value("op", "") == "expect") {
                ++expects;
                for (const char* key : {"calls", "payload"}) {
                    if (!step.contains(key)) continue;
                    for (const auto& [name, value] : step[key].items())
                        CHECK(names.count(name) == 1);
                }
            }
            if (!step.contains("code")) continue;
            ++coded;
            for (const std::string& line :
                 cli_test::lines_of(step["code"]["text"].get<std::string>())) {
                CAPTURE(line);
                CHECK(line.size() <= kMaxCodeColumns);
            }
            CHECK_FALSE(step["code"].value("highlight", json::array()).empty());
        }
        CHECK(expects >= 2);
        CHECK(coded >= 2);
        CHECK(doc["steps"].size() <= 12);  // a talk's rhythm: few steps, one point each
        const std::string stem = file.stem().string();
        CHECK(std::all_of(stem.begin(), stem.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }));
    }
}

TEST_CASE("demos: run names the leaking component - and one expect makes the leak fail CI") {
    TempDir dir;
    const fs::path demo = kDemos / "03-strictmode-without-cleanup.json";
    const Result r = dir.run({"run", demo.string()});
    CHECK(r.status == 0);  // a leak is reported, not failed, unless an expect says so
    CHECK(r.out.find("main: 2 leaked (component Feed), 0 stale") != std::string::npos);
    CHECK(r.out.find(R"(add {"op": "expect", "leaked": {"main": 0}})") != std::string::npos);

    json doc = read_json(demo);
    doc["steps"].push_back({{"op", "expect"}, {"leaked", {{"main", 0}}}});
    const fs::path test = dir.write("no-leaks.json", doc.dump(2));
    const Result strict = dir.run({"run", test.string()});
    CHECK(strict.status == 1);
    CHECK(strict.out.find("FAIL /steps/11: leaked listeners in `main`: expected 0, got 2") !=
          std::string::npos);
    const Result quiet = dir.run({"run", test.string(), "--quiet"});
    CHECK(quiet.status == 1);
    CHECK(quiet.err.find("FAIL /steps/11") != std::string::npos);

    // The fixed demo holds the same expect.
    json fixed = read_json(kDemos / "04-strictmode-with-cleanup.json");
    fixed["steps"].push_back({{"op", "expect"}, {"leaked", {{"main", 0}}}});
    const Result clean = dir.run({"run", dir.write("fixed.json", fixed.dump(2)).string()});
    CHECK(clean.status == 0);
    CHECK(clean.out.find("leaked or stale listeners: none") != std::string::npos);
}

TEST_CASE("demos: closing a window names the stale listeners per window") {
    TempDir dir;
    const Result r = dir.run({"run", (kDemos / "05-close-window-stable.json").string()});
    CHECK(r.status == 0);
    CHECK(r.out.find("rust: 0 leaked, 1 stale (rust-refresh)") != std::string::npos);
    CHECK(r.out.find("settings: 0 leaked, 1 stale (js-refresh)") != std::string::npos);
    // Stale listeners cannot be expected away with `leaked`: no hint is printed for them.
    CHECK(r.out.find("to make this leak fail") == std::string::npos);
}
