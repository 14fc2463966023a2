// Going away while periodic sender threads are emitting: a Session (or the Workbench around it)
// joins every sender before the bus goes, waiting for a tick that is still in a handler, and
// a recording attached at that moment ends with complete records only.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "bus_fixture.h"
#include "core/app/workbench.h"
#include "hang_guard.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using namespace std::chrono_literals;

namespace {

// What a handler on a sender's thread writes; it outlives the session it listens in.
struct Probe {
    std::mutex mutex;
    std::condition_variable entered;
    bool inside = false;
    std::atomic<bool> finished{false};
    std::atomic<std::uint64_t> calls{0};
};

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("shutdown: a session destroyed mid-tick waits for the handler and joins its senders") {
    auto probe = std::make_shared<Probe>();
    auto session = std::make_unique<Session>(BusConfig{});
    session->go_live();
    ListenRequest request;
    request.side = Side::Rust;
    request.event = "tick";
    request.actions = [probe](const Event&) {
        if (probe->calls.fetch_add(1) + 1 != 5) return;
        {
            std::lock_guard lock(probe->mutex);
            probe->inside = true;
        }
        probe->entered.notify_all();
        std::this_thread::sleep_for(50ms);  // still running when the session is destroyed
        probe->finished = true;
    };
    REQUIRE(session->listen(request).ok);
    for (const char* id : {"a", "b", "c"})
        REQUIRE(session->periodic_start(tick_sender(id, 1'000)).ok);
    {
        std::unique_lock lock(probe->mutex);
        REQUIRE(probe->entered.wait_for(lock, kHangGuard, [&] { return probe->inside; }));
    }
    session.reset();
    CHECK(probe->finished.load());  // the destructor waited for the tick in flight
    const std::uint64_t calls = probe->calls.load();
    std::this_thread::sleep_for(20ms);
    CHECK(probe->calls.load() == calls);  // and no sender ticks any more
}

TEST_CASE("shutdown: a workbench closed with senders running leaves a complete recording") {
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("eventlab-shutdown-" + std::to_string(::getpid()) + ".jsonl");
    ScenarioParse parse = parse_scenario(R"({
      "windows": ["main"],
      "steps": [
        {"op": "listen", "in": "main", "event": "tick", "name": "js"},
        {"op": "listen", "in": "rust", "event": "tick", "name": "rust"},
        {"op": "periodic_start", "id": "fast", "event": "tick", "interval_ms": 1, "payload": "{n}"},
        {"op": "periodic_start", "id": "slow", "event": "tick", "interval_ms": 3, "payload": "{n}"}
      ]
    })",
                                         "shutdown.json");
    REQUIRE(parse.ok());
    auto bench = std::make_unique<Workbench>();
    bench->open(std::move(*parse), "shutdown", BusConfig{});
    std::string error;
    auto sink = TraceFileSink::open(path.string(), {}, bench->session().clock().now_us(), error);
    REQUIRE_MESSAGE(sink, error);
    bench->session().recorder().add_sink(sink);

    const auto give_up = std::chrono::steady_clock::now() + kHangGuard;
    while (sink->records_written() < 200 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(1ms);
    REQUIRE(sink->records_written() >= 200);
    for (const PeriodicInfo& p : bench->session().periodic())
        CHECK(p.threaded);

    bench.reset();  // joins the senders while the recording is still attached
    sink->close();
    const TraceLoad load = load_trace(path.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(load.warnings().empty());
    CHECK(load->records.size() == sink->records_written());
    for (std::size_t i = 0; i < load->records.size(); ++i)
        REQUIRE(load->records[i].seq == i + 1);
    std::filesystem::remove(path);
}

TEST_SUITE_END();
