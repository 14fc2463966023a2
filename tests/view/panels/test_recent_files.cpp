// The recent traces list (File ▸ Open) and the default recording path: both under directories
// the environment names, so a temporary directory stands in for HOME here.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "test_files.h"
#include "view/panels/recent_files.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file
namespace fs = std::filesystem;

TEST_CASE("recent files: the list file follows XDG_CONFIG_HOME then HOME") {
    CHECK(recent_traces_file({"/home/a", "/xdg"}) == fs::path("/xdg/eventlab/recent-traces.txt"));
    CHECK(recent_traces_file({"/home/a", ""}) ==
          fs::path("/home/a/.config/eventlab/recent-traces.txt"));
    CHECK(recent_traces_file({"/home/a", nullptr}) ==
          fs::path("/home/a/.config/eventlab/recent-traces.txt"));
    CHECK(recent_traces_file({nullptr, nullptr}).empty());
}

TEST_CASE("recent files: a relative XDG_CONFIG_HOME is ignored - as for the window layout") {
    // The XDG spec says a relative path is invalid: the list, imgui.ini and every other settings
    // file land together in ~/.config/eventlab instead of under the working directory.
    CHECK(config_dir({"/home/a", "rel/xdg"}) == fs::path("/home/a/.config/eventlab"));
    CHECK(recent_traces_file({"/home/a", "rel/xdg"}) ==
          fs::path("/home/a/.config/eventlab/recent-traces.txt"));
    CHECK(config_dir({"/home/a", "/xdg"}) == fs::path("/xdg/eventlab"));
    CHECK(config_dir({nullptr, "rel"}).empty());
}

TEST_CASE("recent files: round trip through a file in a new directory") {
    const test::TempDir dir;
    const fs::path file = recent_traces_file({nullptr, dir.path().c_str()});
    std::vector<std::string> list;
    list = push_recent_file(list, "/tmp/a.jsonl");
    list = push_recent_file(list, "/tmp/b b.jsonl");
    list = push_recent_file(list, "/tmp/a.jsonl");  // to the front, not twice
    REQUIRE(list == std::vector<std::string>{"/tmp/a.jsonl", "/tmp/b b.jsonl"});
    CHECK(write_recent_files(file, list).ok());
    CHECK(fs::exists(file));
    CHECK(read_recent_files(file) == list);
}

TEST_CASE("recent files: at most 8 and the newest first") {
    const test::TempDir dir;
    const fs::path file = dir / "recent.txt";
    std::vector<std::string> list;
    for (int i = 0; i < 12; ++i)
        list = push_recent_file(list, "/t/" + std::to_string(i) + ".jsonl");
    REQUIRE(list.size() == kMaxRecentFiles);
    CHECK(list.front() == "/t/11.jsonl");
    CHECK(list.back() == "/t/4.jsonl");
    REQUIRE(write_recent_files(file, list).ok());
    CHECK(read_recent_files(file) == list);
}

TEST_CASE("recent files: a missing or garbled list is ignored") {
    const test::TempDir dir;
    CHECK(read_recent_files(dir / "nope.txt").empty());
    CHECK(read_recent_files({}).empty());
    const fs::path garbled = dir / "garbled.txt";
    {
        std::ofstream out(garbled, std::ios::binary);
        out << "\x01\x02\xff binary\n\n/ok/one.jsonl\r\n/ok/one.jsonl\n"
            << std::string(3, '\0') << "\n/ok/two.jsonl";
    }
    CHECK(read_recent_files(garbled) == std::vector<std::string>{"/ok/one.jsonl", "/ok/two.jsonl"});
    const Result<void> nowhere = write_recent_files({}, {"/x"});  // an error, no crash
    CHECK_FALSE(nowhere.ok());
    CHECK(nowhere.error() == "no place for the recent files list (HOME is not set)");
}

TEST_CASE("recent files: recordings go to eventlab-traces under HOME with a timestamp") {
    CHECK(default_trace_dir({"/home/a", nullptr}) == fs::path("/home/a/eventlab-traces"));
    CHECK(default_trace_dir({nullptr, nullptr}) == fs::path("./eventlab-traces"));
    const fs::path path = timestamped_trace_path("/d", std::chrono::system_clock::now());
    const std::string name = path.filename().string();
    CHECK(path.parent_path() == fs::path("/d"));
    REQUIRE(name.size() == std::string("2026-11-28_091530.jsonl").size());
    CHECK(name[4] == '-');
    CHECK(name[10] == '_');
    CHECK(path.extension() == ".jsonl");
}
