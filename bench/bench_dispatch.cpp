// Dispatch cost per delivery: the bus (Rust side with recording off and on, JS side queue and
// drain) against a plain vector<std::function> loop (the floor) and Boost.Signals2.
#include <boost/signals2.hpp>
#include <memory>

#include "bench.h"
#include "core/bus/bus.h"
#include "core/record/record_log.h"
#include "core/record/recorder.h"

namespace eventlab::bench {
namespace {

constexpr int kListeners = 10;
constexpr int kEmits = 200'000;
constexpr std::uint64_t kDeliveries = std::uint64_t{kEmits} * kListeners;

// The handler every variant runs: count, and look at the payload so it is not optimized out.
struct Counter {
    std::uint64_t calls = 0;
    std::uint64_t bytes = 0;
};

double ns_per_delivery(double seconds) {
    return seconds * 1e9 / static_cast<double>(kDeliveries);
}

double rust_bus(bool recording, std::size_t log_records = kDefaultLogCapacity) {
    VirtualClock clock;
    Recorder recorder(clock);
    // The GUI's log, at its capacity unless asked otherwise.
    auto log = std::make_shared<RecordLog>(log_records, recorder);
    if (recording) recorder.add_sink(log);
    EventBus bus(BusConfig{}, recorder);
    Counter counter;
    for (int i = 0; i < kListeners; ++i) {
        must(bus.listen("test-event", EventTarget::app(), [&counter](const Event& e) {
            ++counter.calls;
            counter.bytes += (*e.payload)->size();
        }));
    }
    const Text payload = make_text(R"({"data":"tick"})");
    const Source from = Source::rust();
    if (recording) {
        // Steady state: the ring is full and every record replaces the oldest. (Filling it
        // the first time costs page faults, measured by the memory group instead.)
        while (log->dropped() == 0)
            must(bus.emit("test-event", payload, from));
        counter.calls = 0;
    }
    const auto start = Clock::now();
    for (int i = 0; i < kEmits; ++i)
        must(bus.emit("test-event", payload, from));
    const double s = seconds_since(start);
    if (counter.calls != kDeliveries) std::fprintf(stderr, "bench: lost deliveries!\n");
    return ns_per_delivery(s);
}

double js_bus() {
    VirtualClock clock;
    Recorder recorder(clock);
    EventBus bus(BusConfig{}, recorder);
    must(bus.create_window("main", false));
    Counter counter;
    for (int i = 0; i < kListeners; ++i) {
        must(bus.js_listen("main", "test-event", EventTarget::any(), [&counter](const Event& e) {
            ++counter.calls;
            counter.bytes += (*e.payload)->size();
        }));
    }
    const Text payload = make_text(R"({"data":"tick"})");
    const Source from = Source::rust();
    const auto start = Clock::now();
    for (int i = 0; i < kEmits; i += 100) {
        for (int k = 0; k < 100; ++k)
            must(bus.emit("test-event", payload, from));
        bus.drain_all();
    }
    const double s = seconds_since(start);
    if (counter.calls != kDeliveries) std::fprintf(stderr, "bench: lost JS deliveries!\n");
    return ns_per_delivery(s);
}

double vector_floor() {
    Counter counter;
    std::vector<std::function<void(const std::string&)>> handlers;
    handlers.reserve(kListeners);
    for (int i = 0; i < kListeners; ++i) {
        handlers.emplace_back([&counter](const std::string& payload) {
            ++counter.calls;
            counter.bytes += payload.size();
        });
    }
    const Text payload = make_text(R"({"data":"tick"})");
    const auto start = Clock::now();
    for (int i = 0; i < kEmits; ++i) {
        for (const auto& h : handlers)
            h(*payload);
    }
    const double s = seconds_since(start);
    if (counter.calls != kDeliveries) std::fprintf(stderr, "bench: floor miscounted\n");
    return ns_per_delivery(s);
}

double signals2() {
    Counter counter;
    boost::signals2::signal<void(const std::string&)> signal;
    for (int i = 0; i < kListeners; ++i) {
        signal.connect([&counter](const std::string& payload) {
            ++counter.calls;
            counter.bytes += payload.size();
        });
    }
    const Text payload = make_text(R"({"data":"tick"})");
    const auto start = Clock::now();
    for (int i = 0; i < kEmits; ++i)
        signal(*payload);
    const double s = seconds_since(start);
    if (counter.calls != kDeliveries) std::fprintf(stderr, "bench: signals2 miscounted\n");
    return ns_per_delivery(s);
}

}  // namespace

void bench_dispatch(int trials) {
    const double floor = median_of(trials, vector_floor);
    const auto [off, sig2] = paired_medians(
        trials, [] { return rust_bus(false); }, signals2);
    const auto [on, off_again] = paired_medians(
        trials, [] { return rust_bus(true); }, [] { return rust_bus(false); });
    // The same records into a ring that fits in the cache (10k records, 800 KB): whether the
    // size of the GUI's ring is what a record costs.
    const auto [small_ring, big_ring] = paired_medians(
        trials, [] { return rust_bus(true, 10'000); }, [] { return rust_bus(true); });
    const auto [js, sig2_again] = paired_medians(trials, js_bus, signals2);
    figure("peer.vector_function.ns_per_delivery", floor, "ns");
    figure("peer.boost_signals2.ns_per_delivery", sig2, "ns");
    compared("dispatch.rust.recording_off.ns_per_delivery", off, "ns",
             "peer.boost_signals2.ns_per_delivery", sig2);
    compared("dispatch.rust.recording_off.vs_vector_function", off, "ns",
             "peer.vector_function.ns_per_delivery", floor);
    compared("dispatch.rust.recording_memory.ns_per_delivery", on, "ns",
             "dispatch.rust.recording_off.ns_per_delivery", off_again);
    compared("dispatch.rust.recording_memory_10k_ring.ns_per_delivery", small_ring, "ns",
             "dispatch.rust.recording_memory.ns_per_delivery", big_ring);
    compared("dispatch.js.queue_and_drain.ns_per_delivery", js, "ns",
             "peer.boost_signals2.ns_per_delivery", sig2_again);
}

}  // namespace eventlab::bench
