// A recording survives a crash: `eventlab run --trace` is killed with SIGKILL while a periodic
// sender fills the trace, and the core loader still reads every complete record, dropping at
// most the line the kill cut.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "cli_fixture.h"
#include "core/trace/trace.h"

using cli_test::TempDir;

namespace {

using namespace std::chrono_literals;

// A sender every virtual millisecond for a virtual day: far more than the test waits for.
const std::string kEndless = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "tick", "name": "main"},
    {"op": "listen", "in": "settings", "event": "tick", "name": "settings"},
    {"op": "listen", "in": "rust", "event": "tick", "name": "backend"},
    {"op": "periodic_start", "id": "flood", "event": "tick", "interval_ms": 1,
     "payload": {"data": "tick {n}", "pad": "................................................"}},
    {"op": "advance", "ms": 86400000}
  ]
})";

// Starts `eventlab ARGS` with its output thrown away; returns its pid.
pid_t spawn(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> argv;
        std::string binary = cli_test::kBinary.string();
        argv.push_back(binary.data());
        std::vector<std::string> copies = args;
        for (std::string& a : copies)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

std::uintmax_t size_of(const std::filesystem::path& path) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
}

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("crash: a trace cut by SIGKILL mid-recording loads every complete record") {
    TempDir dir;
    const auto scenario = dir.write("endless.json", kEndless);
    const auto trace = dir / "crash.jsonl";
    const pid_t pid = spawn({"run", scenario.string(), "--trace", trace.string(), "--quiet"});
    REQUIRE(pid > 0);

    // Kill it once the trace has grown well past the writer's first batches.
    const auto give_up = std::chrono::steady_clock::now() + 60s;  // only against a hang
    while (size_of(trace) < 8u << 20 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(2ms);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, WNOHANG) == 0);  // still running: the kill is mid-recording
    REQUIRE(::kill(pid, SIGKILL) == 0);
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));

    const std::string text = cli_test::read_file(trace);
    REQUIRE(text.size() >= 8u << 20);
    const auto complete_lines =
        static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    const bool cut = text.back() != '\n';
    MESSAGE(
        "killed at " << text.size() << " bytes, " << complete_lines << " complete lines"
                     << std::string(cut ? ", the last one cut" : ", ending at a line boundary"));

    const eventlab::TraceLoad load = eventlab::parse_trace(text, "crash.jsonl");
    REQUIRE_MESSAGE(load.ok(), load.error());
    const auto& records = load->records;
    CHECK(records.size() == complete_lines - 1);  // every complete line but the header
    for (std::size_t i = 0; i < records.size(); ++i)
        REQUIRE(records[i].seq == i + 1);
    if (cut) {
        REQUIRE(load.warnings().size() == 1);
        CHECK(load.warnings()[0].find("1 line dropped") != std::string::npos);
    } else {
        CHECK(load.warnings().empty());
    }
}

TEST_SUITE_END();
