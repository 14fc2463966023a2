// Sizes nobody plans for: 10000 simulated windows, a million listeners on one event. Each emit
// must still deliver exactly once per listener, and the memory a listener costs stays small.
#include <malloc.h>

// Sanitizers replace malloc, and glibc's mallinfo2() then counts nothing: ask their allocator.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define EVENTLAB_SANITIZER_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define EVENTLAB_SANITIZER_HEAP 1
#endif
#endif
#ifdef EVENTLAB_SANITIZER_HEAP
#include <cstddef>
// GCC 12 ships no sanitizer/allocator_interface.h; both runtimes export this function.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

#include <atomic>
#include <cstdint>
#include <string>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

// Heap bytes in use (the allocator's count, so memory freed by an earlier test and reused is no
// saving that hides a cost): glibc's, or under ASan and TSan the bytes their allocator handed out
// (without its redzones).
std::uint64_t heap_bytes() {
#ifdef EVENTLAB_SANITIZER_HEAP
    return __sanitizer_get_current_allocated_bytes();
#else
    const struct mallinfo2 info = ::mallinfo2();
    return info.uordblks + info.hblkhd;
#endif
}

}  // namespace

TEST_CASE("hostile: one emit to 1000000 Rust listeners delivers exactly 1000000") {
    constexpr std::uint32_t kListeners = 1'000'000;
    BusFixture f(config(Mode::Stable), false);
    std::atomic<std::uint64_t> calls{0};
    const std::uint64_t before = heap_bytes();
    for (std::uint32_t i = 0; i < kListeners; ++i) {
        const OpResult r = f.bus.listen("flood", EventTarget::app(), [&calls](const Event&) {
            calls.fetch_add(1, std::memory_order_relaxed);
        });
        REQUIRE(r.ok);
    }
    const std::uint64_t per_listener = (heap_bytes() - before) / kListeners;
    MESSAGE("heap per Rust listener: " << per_listener << " bytes");
    CHECK(per_listener > 0);  // a count that sees nothing (mallinfo2 under ASan) proves nothing
    CHECK(per_listener < 512);

    REQUIRE(f.emit("flood").ok);
    CHECK(calls.load() == kListeners);
    CHECK(f.bus.counters().rust_deliveries == kListeners);
    REQUIRE(f.emit("flood").ok);
    CHECK(calls.load() == 2 * kListeners);
}

TEST_CASE("hostile: one emit to 1000000 JS listeners in one window delivers exactly 1000000") {
    constexpr std::uint32_t kListeners = 1'000'000;
    BusFixture f(config(Mode::Stable), false);
    f.window("main");
    std::atomic<std::uint64_t> calls{0};
    const std::uint64_t before = heap_bytes();
    for (std::uint32_t i = 0; i < kListeners; ++i) {
        const OpResult r = f.bus.js_listen(
            "main", "flood", EventTarget::any(),
            [&calls](const Event&) { calls.fetch_add(1, std::memory_order_relaxed); });
        REQUIRE(r.ok);
    }
    const std::uint64_t per_listener = (heap_bytes() - before) / kListeners;
    MESSAGE("heap per JS listener: " << per_listener << " bytes");
    CHECK(per_listener > 0);  // a count that sees nothing (mallinfo2 under ASan) proves nothing
    CHECK(per_listener < 512);

    REQUIRE(f.emit("flood").ok);
    CHECK(calls.load() == 0);       // queued to the webview: JS runs on its own loop
    CHECK(f.bus.drain_all() == 1);  // one eval for the whole delivery
    CHECK(calls.load() == kListeners);
    CHECK(f.bus.counters().js_deliveries == kListeners);
}

TEST_CASE("hostile: 10000 windows each get their event - a targeted emit reaches one") {
    constexpr int kWindows = 10'000;
    BusFixture f(config(Mode::Stable), false);
    std::atomic<std::uint64_t> created{0};
    CHECK(f.bus
              .listen("tauri://window-created", EventTarget::app(),
                      [&created](const Event&) { created.fetch_add(1); })
              .ok);
    for (int i = 0; i < kWindows; ++i) {
        const std::string label = "w" + std::to_string(i);
        REQUIRE(f.bus.create_window(label).ok);
        f.js(label, "e", EventTarget::webview_window(label), "in " + label);
    }
    CHECK(created.load() == kWindows);
    CHECK(f.bus.windows().size() == kWindows);

    REQUIRE(f.emit("e").ok);
    CHECK(f.bus.drain_all() == kWindows);
    CHECK(f.calls().size() == kWindows);

    REQUIRE(f.bus.emit_to(EventTarget::any_label("w5000"), "e", nullptr, Source::rust()).ok);
    f.bus.drain_all();
    REQUIRE(f.calls().size() == kWindows + 1);
    CHECK(f.calls().back().webview == "w5000");

    for (int i = 0; i < kWindows; ++i)
        REQUIRE(f.bus.close_window("w" + std::to_string(i)).ok);
    for (const WindowInfo& w : f.bus.windows())
        CHECK_FALSE(w.alive);
    // stable keeps a closed page's listeners (stale); none of them runs again.
    CHECK(f.bus.listener_count() == kWindows + 1);
    REQUIRE(f.emit("e").ok);
    f.bus.drain_all();
    CHECK(f.calls().size() == kWindows + 1);
}
