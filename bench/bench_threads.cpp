// Cross-thread throughput: 4 producer threads emit 1M events in all while one thread (the
// GUI's role) runs the webview queues; every delivery must arrive exactly once. Beside
// Signals2 on 4 threads, and beside the same bus fed by one producer: producers that find the
// handlers lock held queue their emit and return, so four should not lose to one.
#include <atomic>
#include <boost/signals2.hpp>
#include <mutex>
#include <thread>

#include "bench.h"
#include "core/bus/bus.h"
#include "core/record/recorder.h"

namespace eventlab::bench {
namespace {

constexpr int kThreads = 4;
constexpr int kTotal = 1'000'000;

double bus_events_per_second(int threads) {
    VirtualClock clock;
    Recorder recorder(clock);
    EventBus bus(BusConfig{}, recorder);
    must(bus.create_window("main", false));
    std::atomic<std::uint64_t> rust_calls{0};
    std::uint64_t js_calls = 0;  // only the draining thread touches it
    must(bus.listen("tick", EventTarget::app(), [&](const Event&) { rust_calls.fetch_add(1); }));
    must(bus.js_listen("main", "tick", EventTarget::any(), [&](const Event&) { ++js_calls; }));
    const Text payload = make_text(R"({"data":"tick"})");
    std::atomic<int> running{threads};
    const auto start = Clock::now();
    std::vector<std::thread> producers;
    producers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
        producers.emplace_back([&] {
            for (int i = 0; i < kTotal / threads; ++i)
                must(bus.emit("tick", payload, Source::rust()));
            running.fetch_sub(1);
        });
    }
    // The drainer plays the GUI thread: it runs the queues, and when they are empty it gives the
    // CPU away instead of spinning on the bus lock against the producers.
    while (running.load() > 0) {
        if (bus.drain_all(4096) == 0) std::this_thread::yield();
    }
    for (auto& p : producers)
        p.join();
    bus.drain_all();
    // A queued Rust emit waits for a dispatch that ran a handler (Tauri's rule); the last
    // emits of the run may still wait: one more emit flushes them, as the next event would.
    if (bus.counters().pending_rust > 0) must(bus.emit("flush", payload, Source::rust()));
    const double s = seconds_since(start);
    if (rust_calls.load() != kTotal || js_calls != kTotal) {
        std::fprintf(stderr, "bench: threads lost deliveries: rust %llu js %llu of %d\n",
                     static_cast<unsigned long long>(rust_calls.load()),
                     static_cast<unsigned long long>(js_calls), kTotal);
    }
    return kTotal / s;
}

double signals2_events_per_second() {
    boost::signals2::signal<void(const std::string&)> signal;
    std::atomic<std::uint64_t> calls{0};
    signal.connect([&](const std::string&) { calls.fetch_add(1); });
    signal.connect([&](const std::string&) { calls.fetch_add(1); });
    const Text payload = make_text(R"({"data":"tick"})");
    const auto start = Clock::now();
    std::vector<std::thread> producers;
    producers.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        producers.emplace_back([&] {
            for (int i = 0; i < kTotal / kThreads; ++i)
                signal(*payload);
        });
    }
    for (auto& p : producers)
        p.join();
    return kTotal / seconds_since(start);
}

}  // namespace

void bench_threads(int trials) {
    const auto [bus, peer] = paired_medians(
        trials, [] { return bus_events_per_second(kThreads); }, signals2_events_per_second);
    figure("peer.boost_signals2.4_threads.events_per_s", peer, "events/s");
    compared("threads.4_producers_1_drainer.events_per_s", bus, "events/s",
             "peer.boost_signals2.4_threads.events_per_s", peer);
    const auto [four, one] = paired_medians(
        trials, [] { return bus_events_per_second(kThreads); },
        [] { return bus_events_per_second(1); });
    compared("threads.4_producers_1_drainer.events_per_s_vs_1_producer", four, "events/s",
             "threads.1_producer_1_drainer.events_per_s", one);
}

}  // namespace eventlab::bench
