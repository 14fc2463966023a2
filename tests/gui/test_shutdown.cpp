// Quitting the inspector while periodic senders run on their threads and a recording is open:
// `--frames N` without `--screenshot` quits after N frames as File > Quit does, and the process
// must exit by itself, with exit 0 and a complete trace. The time from the last frame to the
// process exit is measured (EVENTLAB_REPORT_LAST_FRAME): the goal is under 1 s, and the test
// fails above 2 s, a bound that a loaded machine or a sanitizer build still meets.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/trace/trace.h"
#include "test_files.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const char* const kBusy = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "tick", "name": "main"},
    {"op": "listen", "in": "settings", "event": "tick", "target": "settings", "name": "settings"},
    {"op": "listen", "in": "rust", "event": "tick", "name": "backend"},
    {"op": "periodic_start", "id": "fast", "event": "tick", "interval_ms": 1, "payload": "{n}"},
    {"op": "periodic_start", "id": "targeted", "event": "tick", "interval_ms": 2,
     "target": "settings", "payload": {"data": "tick {n}"}},
    {"op": "periodic_start", "id": "slow", "event": "tick", "interval_ms": 7}
  ]
})";

struct Exit {
    int status = -1;       // exit code, or -1 when it did not exit by itself
    Clock::time_point at;  // when waitpid saw it gone
    std::string out;
    std::string err;
};

// Runs the binary with EVENTLAB_REPORT_LAST_FRAME=1; kills it only if it hangs for a minute.
Exit run_gui(const std::vector<std::string>& args, const fs::path& dir) {
    const fs::path out = dir / "stdout";
    const fs::path err = dir / "stderr";
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("EVENTLAB_REPORT_LAST_FRAME", "1", 1);
        ::dup2(::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 1);
        ::dup2(::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 2);
        std::string binary = EVENTLAB_BINARY;
        std::vector<std::string> copies = args;
        std::vector<char*> argv{binary.data()};
        for (std::string& a : copies)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    Exit result;
    int status = 0;
    const auto give_up = Clock::now() + 60s;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (Clock::now() > give_up) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(1ms);
    }
    result.at = Clock::now();
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = eventlab::test::read_file(out);
    result.err = eventlab::test::read_file(err);
    return result;
}

}  // namespace

TEST_CASE("gui: quitting with senders running and a recording open exits 0 with a whole trace") {
    const eventlab::test::TempDir temp;
    const fs::path& dir = temp.path();
    const fs::path scenario = dir / "busy.json";
    std::ofstream(scenario) << kBusy;
    const fs::path trace = dir / "quit.jsonl";

    const Exit e = run_gui({"gui", "--scenario", scenario.string(), "--record", trace.string(),
                            "--frames", "90", "--size", "800x600"},
                           dir);
    INFO("stderr: " << e.err);
    REQUIRE(e.status == 0);

    std::smatch frame;
    REQUIRE(std::regex_search(e.err, frame, std::regex("last frame at steady_clock_us (\\d+)")));
    const Clock::time_point last_frame{std::chrono::microseconds(std::stoll(frame[1]))};
    const double latency_ms = std::chrono::duration<double, std::milli>(e.at - last_frame).count();
    MESSAGE("exit latency from the last frame to the process gone: " << latency_ms << " ms");
    CHECK(latency_ms >= 0.0);  // both ends on the same clock
    CHECK(latency_ms < 2000.0);

    std::smatch recorded;
    REQUIRE(std::regex_search(e.out, recorded, std::regex("recorded (\\d+) records to (.+)\n")));
    const std::uint64_t records = std::stoull(recorded[1]);
    CHECK(recorded[2] == trace.string());

    // Complete and closed: the last line is whole JSON, every record the recorder handed over
    // is in the file, and the loader has nothing to drop.
    const std::string text = eventlab::test::read_file(trace);
    REQUIRE_FALSE(text.empty());
    CHECK(text.back() == '\n');
    const std::size_t last_start = text.rfind('\n', text.size() - 2) + 1;
    CHECK(nlohmann::json::accept(text.substr(last_start, text.size() - 1 - last_start)));
    const eventlab::TraceLoad load = eventlab::load_trace(trace.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(load.warnings().empty());
    CHECK(load->records.size() == records);
    std::uint64_t periodic_emits = 0;
    std::uint64_t js_deliveries = 0;
    for (std::size_t i = 0; i < load->records.size(); ++i) {
        const eventlab::Record& r = load->records[i];
        REQUIRE(r.seq == i + 1);
        periodic_emits += r.type == eventlab::RecordType::Emit &&
                          r.source_kind() == eventlab::SourceKind::Periodic;
        js_deliveries += r.type == eventlab::RecordType::Deliver && r.side() == eventlab::Side::Js;
    }
    MESSAGE(records << " records: " << periodic_emits << " periodic emits, " << js_deliveries
                    << " JS deliveries");
    CHECK(periodic_emits > 10);  // the senders ran on their threads while recording
    CHECK(js_deliveries > 0);    // and the frames ran the webviews' queues
}

TEST_CASE("gui: --record refuses the scenario it opens and a path it cannot write - exit 2") {
    const eventlab::test::TempDir temp;
    const fs::path& dir = temp.path();
    const fs::path scenario = dir / "busy.json";
    std::ofstream(scenario) << kBusy;
    const Exit same = run_gui(
        {"--scenario", scenario.string(), "--record", scenario.string(), "--frames", "1"}, dir);
    CHECK(same.status == 2);
    CHECK(eventlab::test::read_file(scenario) == kBusy);
    // Under a regular file no directory can be made: the recording cannot start.
    const Exit unwritable =
        run_gui({"--record", (scenario / "t.jsonl").string(), "--frames", "1"}, dir);
    CHECK(unwritable.status == 2);
    CHECK(unwritable.err.find("eventlab: --record: cannot create") == 0);
}
