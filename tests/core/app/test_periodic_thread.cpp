// Live periodic senders as the GUI runs them: stopping one must not wait out its interval, and a
// sender stopped from its own tick's handler ticks no more.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "bus_fixture.h"
#include "hang_guard.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using namespace std::chrono_literals;

namespace {}  // namespace

TEST_SUITE_BEGIN("threads");

TEST_CASE("periodic thread: stopping an hourly sender returns at once instead of after the hour") {
    Session session(BusConfig{});
    session.go_live();
    REQUIRE(session.periodic_start(tick_sender("hourly", kMaxIntervalUs)).ok);
    std::this_thread::sleep_for(10ms);  // let the thread start its hour-long sleep
    const auto before = std::chrono::steady_clock::now();
    REQUIRE(session.periodic_stop("hourly").ok);
    CHECK(std::chrono::steady_clock::now() - before < 5s);
    CHECK(session.periodic().empty());
}

TEST_CASE("periodic thread: a live sender stopped by its own tick's handler ticks once") {
    auto calls = std::make_shared<std::atomic<int>>(0);
    auto stopped = std::make_shared<std::atomic<bool>>(false);
    {
        Session session(BusConfig{});
        session.go_live();
        ListenRequest request;
        request.side = Side::Rust;
        request.event = "tick";
        request.actions = [&session, calls, stopped](const Event&) {
            if (calls->fetch_add(1) == 0) stopped->store(session.periodic_stop("self").ok);
        };
        REQUIRE(session.listen(request).ok);
        REQUIRE(session.periodic_start(tick_sender("self", 1'000)).ok);
        const auto give_up = std::chrono::steady_clock::now() + kHangGuard;
        while (calls->load() == 0 && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(1ms);
        std::this_thread::sleep_for(30ms);  // thirty more intervals, had it kept running
        CHECK(session.periodic().empty());
    }  // the session joins the retired thread here
    CHECK(stopped->load());
    CHECK(calls->load() == 1);
}

TEST_SUITE_END();
