// Threads (docs/tauri-rules.md, "Threads"): emits from many threads while another thread runs
// the JS queues lose nothing and deliver nothing twice; Rust handlers never run at once.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bus_fixture.h"
#include "hang_guard.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

struct Tally {
    std::mutex mutex;
    std::vector<std::uint32_t> emits;  // emission ids seen by one listener
    std::atomic<std::uint64_t> calls{0};
};

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("bus: N threads emitting concurrently lose nothing and deliver nothing twice") {
    constexpr std::size_t kThreads = 4;
    constexpr std::size_t kEmits = 20'000;
    constexpr std::size_t kRust = 2;  // K
    constexpr std::size_t kJs = 3;    // J: two in main, one in other
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode), /*record=*/false);
        f.window("main");
        f.window("other");

        Tally rust_first;
        Tally js_other;
        std::atomic<std::uint64_t> rust_calls{0};
        std::atomic<std::uint64_t> js_calls{0};
        std::atomic<int> inside_rust{0};
        std::atomic<std::uint64_t> overlaps{0};
        for (std::size_t k = 0; k < kRust; ++k) {
            const auto target = k == 0 ? EventTarget::app() : EventTarget::any();
            REQUIRE(f.bus
                        .listen("tick", target,
                                [&, k](const Event& e) {
                                    if (inside_rust.fetch_add(1) != 0) ++overlaps;
                                    ++rust_calls;
                                    if (k == 0) {
                                        std::lock_guard lock(rust_first.mutex);
                                        rust_first.emits.push_back(e.emit);
                                    }
                                    inside_rust.fetch_sub(1);
                                })
                        .ok);
        }
        const char* homes[kJs] = {"main", "main", "other"};
        for (std::size_t j = 0; j < kJs; ++j) {
            const bool record = j == kJs - 1;
            REQUIRE(f.bus
                        .js_listen(homes[j], "tick", EventTarget::any(),
                                   [&, record](const Event& e) {
                                       ++js_calls;
                                       if (record) {
                                           std::lock_guard lock(js_other.mutex);
                                           js_other.emits.push_back(e.emit);
                                       }
                                   })
                        .ok);
        }

        std::atomic<bool> done{false};
        std::thread drainer([&] {
            while (!done.load()) {
                if (f.bus.drain_all(64) == 0) std::this_thread::yield();
            }
        });
        std::vector<std::thread> emitters;
        for (std::size_t t = 0; t < kThreads; ++t) {
            emitters.emplace_back([&f, t] {
                const Text payload = make_text(std::to_string(t));
                const Source from = t % 2 == 0 ? Source::rust() : Source::periodic("p");
                for (std::size_t i = 0; i < kEmits; ++i)
                    CHECK(f.bus.emit("tick", payload, from).ok);
            });
        }
        for (auto& t : emitters)
            t.join();
        done = true;
        drainer.join();
        f.bus.drain_all();

        constexpr std::uint64_t kTotal = kThreads * kEmits;
        CHECK(rust_calls.load() == kTotal * kRust);
        CHECK(js_calls.load() == kTotal * kJs);
        CHECK(overlaps.load() == 0);
        const BusCounters c = f.bus.counters();
        CHECK(c.emits == kTotal);
        CHECK(c.pending_rust == 0);
        CHECK(c.queued_js == 0);
        CHECK(c.skips == 0);
        for (Tally* tally : {&rust_first, &js_other}) {
            auto ids = tally->emits;
            std::sort(ids.begin(), ids.end());
            CHECK(ids.size() == kTotal);
            CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());  // unique
        }
        CHECK(rust_first.emits.size() == js_other.emits.size());
        auto a = rust_first.emits;
        auto b = js_other.emits;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK(a == b);  // the same emissions reached both sides
    }
}

TEST_CASE("bus: concurrent emits from handlers of other threads keep Rust handlers serialized") {
    // Handlers that emit while other threads emit too: every queued emit still runs exactly once.
    constexpr std::size_t kThreads = 4;
    constexpr std::size_t kEmits = 2'000;
    BusFixture f(config(Mode::Stable), /*record=*/false);
    std::atomic<std::uint64_t> outer{0};
    std::atomic<std::uint64_t> inner{0};
    std::atomic<int> inside{0};
    std::atomic<std::uint64_t> overlaps{0};
    REQUIRE(f.bus
                .listen("outer", EventTarget::app(),
                        [&](const Event& e) {
                            if (inside.fetch_add(1) != 0) ++overlaps;
                            ++outer;
                            CHECK(f.bus.emit("inner", nullptr, Source::rust(), e.child_cause()).ok);
                            inside.fetch_sub(1);
                        })
                .ok);
    REQUIRE(f.bus
                .listen("inner", EventTarget::app(),
                        [&](const Event&) {
                            if (inside.fetch_add(1) != 0) ++overlaps;
                            ++inner;
                            inside.fetch_sub(1);
                        })
                .ok);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < kThreads; ++t) {
        threads.emplace_back([&f] {
            for (std::size_t i = 0; i < kEmits; ++i)
                CHECK(f.bus.emit("outer", nullptr, Source::rust()).ok);
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK(outer.load() == kThreads * kEmits);
    CHECK(inner.load() == kThreads * kEmits);
    CHECK(overlaps.load() == 0);
    CHECK(f.bus.counters().pending_rust == 0);
}

namespace {

// Counts emits that were queued (deferred) behind another thread's dispatch, per event.
class DeferredEmits final : public RecordSink {
  public:
    void write(const Record& r, const Symbols& symbols) override {
        if (r.type != RecordType::Emit || !r.has(flag::kDeferred)) return;
        ++(symbols.view(r.event) == "x" ? x : other);
    }
    std::atomic<std::size_t> x{0};
    std::atomic<std::size_t> other{0};
};

}  // namespace

TEST_CASE(
    "bus: queued Rust work waits while dispatches invoke no handler - then a dispatch that "
    "does runs it") {
    // Work is queued only while a dispatch holds the handlers lock, and a dispatch that invokes
    // no handler has no handler to hold it open from. So thread A runs such dispatches back to
    // back, each a long walk over listeners emit_to(App) never matches, and this thread emits x
    // until one emit lands inside one of them (its `deferred` record says so, synchronously).
    BusFixture f(config(Mode::Stable), /*record=*/false);
    auto deferred = std::make_shared<DeferredEmits>();
    f.recorder.add_sink(deferred);
    for (int i = 0; i < 20'000; ++i)
        REQUIRE(f.bus.listen("quiet", EventTarget::window("w"), [](const Event&) {}).ok);
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> quiet_dispatches{0};
    std::thread a([&] {
        while (!stop.load()) {
            CHECK(f.bus.emit_to(EventTarget::app(), "quiet", nullptr, Source::rust()).ok);
            ++quiet_dispatches;
        }
    });
    const auto give_up = std::chrono::steady_clock::now() + test::kHangGuard;
    while (deferred->x == 0 && std::chrono::steady_clock::now() < give_up)
        CHECK(f.bus.emit("x", nullptr, Source::rust()).ok);
    // A's dispatches after the queued emit invoke no handler either: the queue must outlive them.
    const std::uint64_t seen = quiet_dispatches.load();
    while (quiet_dispatches.load() < seen + 3 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::yield();
    stop = true;
    a.join();
    REQUIRE(deferred->x.load() == 1);
    CHECK(deferred->other.load() == 0);  // this thread never dispatches: A is never queued

    // No dispatch invoked a handler, so the queued emit is still waiting.
    CHECK(f.bus.counters().pending_rust == 1);
    // A listener added now (no dispatch running) is applied at once, ahead of the waiting queue.
    std::atomic<std::size_t> x_calls{0};
    REQUIRE(f.bus.listen("x", EventTarget::app(), [&](const Event&) { ++x_calls; }).ok);
    // Another dispatch that invokes no handler leaves the queue waiting.
    REQUIRE(f.bus.emit_to(EventTarget::app(), "quiet", nullptr, Source::rust()).ok);
    CHECK(f.bus.counters().pending_rust == 1);
    CHECK(x_calls.load() == 0);
    // A dispatch that invokes a handler runs the whole queue: the waiting emit of x reaches x.
    REQUIRE(f.bus.listen("trigger", EventTarget::app(), [](const Event&) {}).ok);
    REQUIRE(f.bus.emit("trigger", nullptr, Source::rust()).ok);
    CHECK(f.bus.counters().pending_rust == 0);
    CHECK(x_calls.load() == 1);
}

TEST_CASE(
    "bus: Rust handlers run on the thread that emits - JS handlers on the thread that drains") {
    BusFixture f(config(Mode::Stable), /*record=*/false);
    f.window("main");
    std::mutex mutex;
    std::map<std::string, std::thread::id> rust_ran_on;  // payload -> handler thread
    std::map<std::string, std::thread::id> js_ran_on;
    REQUIRE(f.bus
                .listen("e", EventTarget::app(),
                        [&](const Event& e) {
                            std::lock_guard lock(mutex);
                            rust_ran_on[**e.payload] = std::this_thread::get_id();
                        })
                .ok);
    // An emit from inside a handler runs after that dispatch, still on the emitting thread.
    REQUIRE(f.bus
                .listen("outer", EventTarget::app(),
                        [&](const Event& e) {
                            CHECK(f.bus
                                      .emit("e", make_text("[" + **e.payload + "]"), Source::rust(),
                                            e.child_cause())
                                      .ok);
                        })
                .ok);
    REQUIRE(f.bus
                .js_listen("main", "e", EventTarget::any(),
                           [&](const Event& e) {
                               std::lock_guard lock(mutex);
                               js_ran_on[**e.payload] = std::this_thread::get_id();
                           })
                .ok);

    // One emitter at a time: an emit made while another thread dispatches is queued and runs on
    // the dispatching thread, as in Tauri (that is the queue's rule, not this one's).
    std::map<std::string, std::thread::id> emitted_on;
    for (int t = 0; t < 3; ++t) {
        const std::string payload = "\"t" + std::to_string(t) + "\"";
        std::thread emitter([&f, payload] {
            CHECK(f.bus.emit("e", make_text(payload), Source::periodic("p")).ok);
            CHECK(f.bus.emit("outer", make_text(payload), Source::rust()).ok);
        });
        emitted_on[payload] = emitter.get_id();
        emitted_on["[" + payload + "]"] = emitter.get_id();
        emitter.join();
    }
    CHECK(f.bus.emit("e", make_text("\"here\""), Source::rust()).ok);
    emitted_on["\"here\""] = std::this_thread::get_id();

    std::thread::id drained_on;
    std::thread loop([&] {
        drained_on = std::this_thread::get_id();
        f.bus.drain_all();
    });
    loop.join();

    std::lock_guard lock(mutex);
    CHECK(rust_ran_on.size() == emitted_on.size());
    CHECK(js_ran_on.size() == emitted_on.size());
    for (const auto& entry : emitted_on) {  // no structured binding: INFO has to capture it
        const std::string& payload = entry.first;
        const std::thread::id thread = entry.second;
        INFO("payload " << payload);
        REQUIRE(rust_ran_on.count(payload) == 1);
        CHECK(rust_ran_on.at(payload) == thread);
        REQUIRE(js_ran_on.count(payload) == 1);
        CHECK(js_ran_on.at(payload) == drained_on);
    }
}

TEST_CASE("bus: a page runs its JS on one thread at a time - two threads draining it take turns") {
    // A webview's JavaScript is single-threaded. Two threads (the frame loop and, say, a test's
    // own loop) draining the same webview must not run two of its handlers at once, and every
    // listener's call count must come out exact.
    BusFixture f(config(Mode::Stable), /*record=*/true);
    f.window("main");
    std::atomic<int> inside{0};
    std::atomic<std::uint64_t> overlaps{0};
    std::atomic<std::uint64_t> calls{0};
    std::vector<EventId> ids;
    for (int k = 0; k < 3; ++k) {
        const OpResult r = f.bus.js_listen("main", "tick", EventTarget::any(), [&](const Event&) {
            if (inside.fetch_add(1) != 0) ++overlaps;
            ++calls;
            std::this_thread::yield();  // widen the window another drainer would overlap in
            inside.fetch_sub(1);
        });
        REQUIRE(r.ok);
        ids.push_back(r.id);
    }
    constexpr int kEmits = 5'000;
    std::atomic<bool> done{false};
    std::thread emitter([&] {
        for (int i = 0; i < kEmits; ++i)
            CHECK(f.bus.emit("tick", nullptr, Source::rust()).ok);
        done = true;
    });
    auto drainer = [&] {
        while (!done.load())
            f.bus.drain("main");
        f.bus.drain("main");
    };
    std::thread other(drainer);
    drainer();
    emitter.join();
    other.join();
    f.bus.drain("main");

    CHECK(overlaps.load() == 0);
    CHECK(calls.load() == 3u * kEmits);
    std::uint64_t counted = 0;
    for (const ListenerInfo& l : f.bus.listeners())
        counted += l.calls;
    CHECK(counted == 3u * kEmits);  // the bus's own per-listener counts, written without atomics
}

TEST_SUITE_END();
