// `eventlab export`: Chrome trace-event JSON for ui.perfetto.dev, checked by the rules a viewer
// relies on rather than by golden text: every flow end has its start, slices on one track never
// overlap (they are disjoint or nested), and every process has a name. A damaged trace exits 2
// and writes nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_fixture.h"

using cli_test::Result;
using cli_test::TempDir;
using nlohmann::json;

namespace {

// Timestamps are microseconds with nanosecond decimals; compare them as integer nanoseconds so
// the printing's rounding cannot make touching slices look overlapping.
long long ns(const json& microseconds) {
    return std::llround(microseconds.get<double>() * 1000.0);
}

// Every rule of the spec's export section; returns the number of X slices checked.
std::size_t check_perfetto(const json& doc) {
    REQUIRE(doc.is_object());
    REQUIRE(doc.contains("traceEvents"));
    const json& events = doc["traceEvents"];
    REQUIRE(events.is_array());

    std::set<long long> starts;
    std::set<int> named;
    std::set<int> used;
    std::map<std::pair<int, int>, std::vector<std::pair<long long, long long>>> tracks;
    for (const json& e : events) {
        const std::string ph = e.at("ph").get<std::string>();
        const int pid = e.at("pid").get<int>();
        if (ph == "M") {
            if (e.at("name") == "process_name") {
                CHECK(e.at("args").at("name").is_string());
                named.insert(pid);
            }
            continue;
        }
        used.insert(pid);
        if (ph == "s") starts.insert(e.at("id").get<long long>());
        if (ph == "X") {
            const long long begin = ns(e.at("ts"));
            const long long dur = ns(e.at("dur"));
            CHECK(dur >= 0);
            tracks[{pid, e.at("tid").get<int>()}].emplace_back(begin, begin + dur);
        }
    }
    for (const json& e : events) {
        if (e.at("ph") != "f") continue;
        INFO("flow end: ", e.dump());
        CHECK(starts.count(e.at("id").get<long long>()) == 1);
        CHECK(e.at("bp") == "e");
    }
    for (int pid : used) {
        INFO("pid ", pid);
        CHECK(named.count(pid) == 1);
    }
    // Per track, sorted by start (longest first on a tie): each slice either starts after the
    // enclosing ones end or lies inside the innermost open one.
    std::size_t slices = 0;
    for (auto& [track, list] : tracks) {
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first < b.first : a.second > b.second;
        });
        std::vector<long long> open;  // ends of the enclosing slices
        for (const auto& [begin, end] : list) {
            while (!open.empty() && open.back() <= begin)
                open.pop_back();
            INFO("track ", track.first, "/", track.second, " slice [", begin, ", ", end, ")");
            if (!open.empty()) CHECK(end <= open.back());  // nested, not overlapping
            open.push_back(end);
            ++slices;
        }
    }
    return slices;
}

}  // namespace

TEST_CASE("export: every example scenario's trace gives valid Perfetto JSON") {
    TempDir dir;
    std::size_t slices = 0;
    for (const auto& file : cli_test::scenario_files()) {
        CAPTURE(file.filename().string());
        const Result run = dir.run({"run", file.string(), "--trace", "t.jsonl", "--quiet"});
        REQUIRE(run.status == 0);
        const Result exported = dir.run({"export", "t.jsonl", "-o", "t.json"});
        INFO("stderr: ", exported.err);
        REQUIRE(exported.status == 0);
        CHECK(exported.out.find("wrote t.json") != std::string::npos);
        const json doc = json::parse(cli_test::read_file(dir / "t.json"), nullptr, false);
        REQUIRE_FALSE(doc.is_discarded());
        slices += check_perfetto(doc);
    }
    CHECK(slices > 100);
}

TEST_CASE("export: a slice per emit and delivery and a flow per delivery") {
    TempDir dir;
    dir.write("s.json", cli_test::kPassing);
    REQUIRE(dir.run({"run", "s.json", "--trace", "t.jsonl", "--quiet"}).status == 0);
    REQUIRE(dir.run({"export", "t.jsonl", "-o", "t.json", "--format", "perfetto"}).status == 0);
    const json doc = json::parse(cli_test::read_file(dir / "t.json"));
    check_perfetto(doc);
    std::map<std::string, int> phases;
    std::set<std::string> processes;
    for (const json& e : doc["traceEvents"]) {
        ++phases[e["ph"].get<std::string>()];
        if (e["ph"] == "M" && e["name"] == "process_name") {
            processes.insert(e["args"]["name"].get<std::string>());
        }
    }
    CHECK(phases["X"] == 3);  // one emit, delivered to main's listener and the Rust one
    CHECK(phases["s"] == 2);
    CHECK(phases["f"] == 2);
    CHECK(processes.count("Rust backend") == 1);
    CHECK(processes.count("window main") == 1);
    CHECK(processes.count("window settings") == 1);
}

TEST_CASE("export: a damaged trace exits 2 with its line and writes nothing") {
    TempDir dir;
    dir.write("s.json", cli_test::kPassing);
    REQUIRE(dir.run({"run", "s.json", "--trace", "t.jsonl", "--quiet"}).status == 0);
    auto lines = cli_test::lines_of(cli_test::read_file(dir / "t.jsonl"));
    REQUIRE(lines.size() > 3);
    lines[2] = R"({"seq":2,"t_us":0,"type":"emit","emit":"one"})";
    std::string damaged;
    for (const auto& line : lines)
        damaged += line + "\n";
    dir.write("bad.jsonl", damaged);
    const Result r = dir.run({"export", "bad.jsonl", "-o", "out.json"});
    CHECK(r.status == 2);
    CHECK(r.err.find("bad.jsonl:3:") != std::string::npos);
    CHECK_FALSE(cli_test::fs::exists(dir / "out.json"));

    dir.write("foreign.jsonl", "{\"hello\": 1}\n");
    const Result foreign = dir.run({"export", "foreign.jsonl", "-o", "out.json"});
    CHECK(foreign.status == 2);
    CHECK(foreign.err.find("not an EventLab trace") != std::string::npos);
    CHECK_FALSE(cli_test::fs::exists(dir / "out.json"));
}

TEST_CASE("export: unusable input or an unknown --format leaves an existing -o file untouched") {
    TempDir dir;
    dir.write("s.json", cli_test::kPassing);
    REQUIRE(dir.run({"run", "s.json", "--trace", "t.jsonl", "--quiet"}).status == 0);
    dir.write("foreign.jsonl", "{\"hello\": 1}\n");
    const std::string before = "precious bytes\n\x01\x02 not an export\n";
    const auto out = dir.write("keep.json", before);
    const auto time_before = cli_test::fs::last_write_time(out);

    const std::vector<std::vector<std::string>> runs = {
        {"export", "foreign.jsonl", "-o", "keep.json"},
        {"export", "missing.jsonl", "-o", "keep.json"},
        {"export", "t.jsonl", "-o", "keep.json", "--format", "chrome"},
        {"export", "t.jsonl", "-o", "keep.json", "--format", ""},
        {"export", "t.jsonl", "-o", "keep.json", "--bogus"},
    };
    for (const auto& args : runs) {
        INFO("export " << args[1] << " " << args.back());
        const Result r = dir.run(args);
        CHECK(r.status == 2);
        CHECK_FALSE(r.err.empty());
        CHECK(r.out.empty());
        CHECK(cli_test::read_file(out) == before);
        CHECK(cli_test::fs::last_write_time(out) == time_before);
    }
    const Result format = dir.run({"export", "t.jsonl", "-o", "keep.json", "--format", "chrome"});
    CHECK(format.err.find("--format") != std::string::npos);
    CHECK(format.err.find("perfetto") != std::string::npos);  // says what it accepts

    // The one format there is, named explicitly, does replace the file.
    const Result ok = dir.run({"export", "t.jsonl", "-o", "keep.json", "--format", "perfetto"});
    CHECK(ok.status == 0);
    CHECK(json::parse(cli_test::read_file(out)).contains("traceEvents"));
}
