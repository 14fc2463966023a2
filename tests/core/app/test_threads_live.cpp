// A live session as the GUI runs it: periodic senders on their own threads, another thread
// emitting, the frame loop running the JS queues and reading the log, a trace file written by
// its writer thread. Counts must add up exactly; the TSan stage runs these to find races.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bus_fixture.h"
#include "core/record/record_log.h"
#include "hang_guard.h"
#include "test_files.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

namespace fs = std::filesystem;

// Generous: only there so a broken sender fails the test instead of hanging it.

PeriodicSpec every_ms(std::string id, std::string event) {
    PeriodicSpec spec;
    spec.id = std::move(id);
    spec.event = std::move(event);
    spec.interval_us = 1'000;
    spec.payload = nlohmann::json{{"n", "{n}"}};
    return spec;
}

std::uint64_t ticks_of(const Session& session) {
    std::uint64_t ticks = 0;
    for (const PeriodicInfo& p : session.periodic())
        ticks += p.ticks;
    return ticks;
}

// Emits `count` times from a thread of its own, as a Tauri command handler would.
std::thread emitter(Session& session, std::string event, int count) {
    return std::thread([&session, event = std::move(event), count] {
        for (int i = 0; i < count; ++i) {
            CHECK(session.bus().emit(event, make_text(std::to_string(i)), Source::rust()).ok);
        }
    });
}

// The frame loop: runs the JS queues and reads what was logged until `done` holds.
template <typename Done>
bool frame_loop(Session& session, const RecordLog& log, Done done) {
    const auto deadline = std::chrono::steady_clock::now() + kHangGuard;
    Record record;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        session.bus().drain_all();
        if (log.end() > 0) (void)log.get(log.end() - 1, record);
        (void)session.stats("rust tick");
        std::this_thread::yield();
    }
    return true;
}

ListenRequest listener(Side side, std::string in, std::string event, std::string name) {
    ListenRequest request;
    request.side = side;
    request.in = std::move(in);
    request.event = std::move(event);
    request.name = std::move(name);
    return request;
}

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("threads: live periodic senders and an emitting thread lose no delivery") {
    Session session(config(Mode::Stable));
    // As the GUI's log: guarded by the recorder's lock, read by this thread while others record.
    auto log = std::make_shared<RecordLog>(1 << 16, session.recorder());
    session.recorder().add_sink(log);
    REQUIRE(session.bus().create_window("main", false).ok);
    REQUIRE(session.listen(listener(Side::Rust, "", "tick", "rust tick")).ok);
    REQUIRE(session.listen(listener(Side::Js, "main", "tick", "js tick")).ok);
    REQUIRE(session.listen(listener(Side::Rust, "", "ping", "rust ping")).ok);

    session.go_live();
    REQUIRE(session.periodic_start(every_ms("a", "tick")).ok);
    REQUIRE(session.periodic_start(every_ms("b", "tick")).ok);
    constexpr int kPings = 2'000;
    std::atomic<bool> pinged{false};
    std::thread pinger([&] {
        emitter(session, "ping", kPings).join();
        pinged = true;
    });
    const bool settled =
        frame_loop(session, *log, [&] { return pinged && ticks_of(session) >= 40; });
    pinger.join();
    REQUIRE(session.periodic_stop("a").ok);
    REQUIRE(session.periodic_stop("b").ok);
    REQUIRE_MESSAGE(settled, "the periodic senders did not tick 40 times within a minute");
    session.bus().drain_all();

    std::uint64_t emits = 0;
    std::uint64_t last_seq = 0;
    bool in_order = true;
    log->scan(log->first(), log->end(), [&](std::uint64_t, const Record& r) {
        if (r.type == RecordType::Emit) ++emits;
        in_order = in_order && r.seq == last_seq + 1;
        last_seq = r.seq;
    });
    CHECK(log->dropped() == 0);
    CHECK(in_order);
    CHECK(session.stats("rust ping").calls == kPings);
    const std::uint64_t ticks = session.stats("rust tick").calls;
    CHECK(ticks >= 40);
    CHECK(emits == kPings + ticks);                  // every emit reached its Rust listener
    CHECK(session.stats("js tick").calls == ticks);  // and every tick its JS one, once
    CHECK(session.stats("rust tick").last_payload.has_value());
}

TEST_CASE("threads: a trace written while senders and threads emit loads back whole") {
    const test::TempDir tmp;
    const fs::path file = tmp / "trace.jsonl";
    std::uint64_t written = 0;
    std::uint64_t appended = 0;
    std::uint64_t calls = 0;  // handler calls the session counted, JS and Rust
    {
        Session session(config(Mode::Next));
        auto opened = TraceFileSink::open(file.string(), {}, 0);
        REQUIRE_MESSAGE(opened.ok(), opened.error());
        const std::shared_ptr<TraceFileSink> sink = *opened;
        session.recorder().add_sink(sink);
        REQUIRE(session.bus().create_window("main", false).ok);
        REQUIRE(session.listen(listener(Side::Rust, "", "tick", "rust tick")).ok);
        REQUIRE(session.listen(listener(Side::Js, "main", "ping", "js ping")).ok);

        session.go_live();
        REQUIRE(session.periodic_start(every_ms("clock", "tick")).ok);
        std::thread first = emitter(session, "ping", 1'000);
        std::thread second = emitter(session, "tick", 1'000);
        const auto deadline = std::chrono::steady_clock::now() + kHangGuard;
        while (ticks_of(session) < 20 && std::chrono::steady_clock::now() < deadline) {
            session.bus().drain_all();
            std::this_thread::yield();
        }
        first.join();
        second.join();
        CHECK(ticks_of(session) >= 20);
        REQUIRE(session.periodic_stop("clock").ok);
        session.bus().drain_all();
        session.recorder().remove_sink(sink.get());
        appended = session.recorder().appended();
        sink->close();
        written = sink->records_written();
        CHECK_FALSE(sink->failed());
        CHECK(session.stats("js ping").calls == 1'000);
        CHECK(session.stats("rust tick").calls >= 1'000 + 20);
        calls = session.stats("js ping").calls + session.stats("rust tick").calls;
    }
    CHECK(written == appended);

    const TraceLoad load = load_trace(file.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(load.warnings().empty());
    REQUIRE(load->records.size() == written);
    std::uint64_t deliveries = 0;
    for (std::size_t i = 0; i < load->records.size(); ++i) {
        const Record& r = load->records[i];
        CHECK(r.seq == i + 1);
        if (r.type == RecordType::Deliver) ++deliveries;
    }
    CHECK(deliveries == calls);  // the trace has every delivery the handlers saw
}

TEST_SUITE_END();
