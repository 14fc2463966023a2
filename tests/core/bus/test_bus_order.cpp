// Handler order (docs/tauri-rules.md, "Handler order"): registration order by id, and a seeded
// random order that is deterministic for a seed and differs from registration for some seed.
#include <algorithm>
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

constexpr int kListeners = 10;

// Registers kListeners Rust and kListeners JS listeners of "e" (JS in two webviews), emits
// three times and returns who was called, in order: Rust calls, then each webview's JS calls.
std::vector<std::string> run_order(BusConfig cfg) {
    BusFixture f(cfg);
    f.window("main");
    f.window("other");
    for (int i = 0; i < kListeners; ++i) {
        f.rust("e", i % 2 == 0 ? EventTarget::app() : EventTarget::any(), "r" + std::to_string(i));
        f.js(i % 3 == 0 ? "other" : "main", "e", EventTarget::any(), "j" + std::to_string(i));
    }
    for (int n = 0; n < 3; ++n)
        REQUIRE(f.emit("e").ok);
    REQUIRE(f.bus.drain("main") > 0);
    REQUIRE(f.bus.drain("other") > 0);
    return f.names();
}

std::vector<std::string> registration_order() {
    std::vector<std::string> rust;
    std::vector<std::string> main;
    std::vector<std::string> other;
    for (int i = 0; i < kListeners; ++i) {
        rust.push_back("r" + std::to_string(i));
        (i % 3 == 0 ? other : main).push_back("j" + std::to_string(i));
    }
    std::vector<std::string> out;
    for (int n = 0; n < 3; ++n)
        out.insert(out.end(), rust.begin(), rust.end());
    for (const auto* side : {&main, &other}) {
        for (int n = 0; n < 3; ++n)
            out.insert(out.end(), side->begin(), side->end());
    }
    return out;
}

// The slice of one emission's Rust calls (n-th emit) or JS calls.
std::vector<std::string> slice(const std::vector<std::string>& v, std::size_t from,
                               std::size_t count) {
    return {v.begin() + static_cast<std::ptrdiff_t>(from),
            v.begin() + static_cast<std::ptrdiff_t>(from + count)};
}

}  // namespace

TEST_CASE("bus: registration order: Rust and JS handlers run by listener id") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        CHECK(run_order(config(mode)) == registration_order());
    }
}

TEST_CASE("bus: registration order keeps id order after unlisten and re-listen") {
    BusFixture f;
    f.window("main");
    const EventId a = f.rust("e", EventTarget::app(), "a");
    f.rust("e", EventTarget::any(), "b");
    f.js("main", "e", EventTarget::any(), "ja");
    f.rust("e", EventTarget::app(), "c");
    f.bus.unlisten(a);
    f.rust("e", EventTarget::app(), "a again");
    f.js("main", "e", EventTarget::any(), "jb");
    CHECK(f.emit("e").ok);
    f.bus.drain_all();
    CHECK(f.take_names() == std::vector<std::string>{"b", "c", "a again", "ja", "jb"});
}

TEST_CASE("bus: successive emits from one thread stay in order on both sides") {
    for (const Order order : {Order::Registration, Order::Random}) {
        BusFixture f(config(Mode::Stable, order, 3));
        f.window("main");
        f.rust("a", EventTarget::app(), "rust a");
        f.rust("b", EventTarget::app(), "rust b");
        f.js("main", "a", EventTarget::any(), "js a");
        f.js("main", "b", EventTarget::any(), "js b");
        for (int i = 0; i < 3; ++i) {
            CHECK(f.emit("a").ok);
            CHECK(f.emit("b").ok);
        }
        f.bus.drain_all();
        const std::vector<std::string> rust = {"rust a", "rust b"};
        const std::vector<std::string> js = {"js a", "js b"};
        std::vector<std::string> want;
        for (int i = 0; i < 3; ++i)
            want.insert(want.end(), rust.begin(), rust.end());
        for (int i = 0; i < 3; ++i)
            want.insert(want.end(), js.begin(), js.end());
        CHECK(f.take_names() == want);
    }
}

TEST_CASE("bus: random order with a seed is deterministic and calls every listener once") {
    for (Mode mode : kModes) {
        for (const std::uint64_t seed : {1ULL, 42ULL, 0xDEADBEEFULL}) {
            INFO("mode " << to_string(mode) << ", seed " << seed);
            const auto first = run_order(config(mode, Order::Random, seed));
            const auto second = run_order(config(mode, Order::Random, seed));
            CHECK(first == second);
            CHECK(sorted(first) == sorted(registration_order()));
            // Each emission still calls every listener exactly once.
            for (std::size_t n = 0; n < 3; ++n) {
                auto rust = slice(first, n * kListeners, kListeners);
                CHECK(sorted(rust) == sorted(slice(registration_order(), 0, kListeners)));
            }
        }
    }
}

TEST_CASE("bus: some seed gives a different order than registration for 8+ listeners") {
    const auto registration = registration_order();
    const std::size_t js_from = 3 * kListeners;
    bool rust_differs = false;
    bool js_differs = false;
    bool seeds_differ = false;
    const auto seed1 = run_order(config(Mode::Stable, Order::Random, 1));
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const auto got = run_order(config(Mode::Stable, Order::Random, seed));
        rust_differs |= slice(got, 0, kListeners) != slice(registration, 0, kListeners);
        js_differs |= slice(got, js_from, kListeners) != slice(registration, js_from, kListeners);
        seeds_differ |= got != seed1;
    }
    CHECK(rust_differs);
    CHECK(js_differs);
    CHECK(seeds_differ);
}
