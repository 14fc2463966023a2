// Going away while periodic sender threads are emitting: a Session joins every sender before the
// bus goes, waiting for a tick that is still in a handler (tests/view/test_workbench.cpp: the
// same for the inspector's Workbench, with a recording attached).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "bus_fixture.h"
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

TEST_SUITE_END();
