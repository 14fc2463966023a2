// JS dispatch (docs/tauri-rules.md, "JS handlers: a queue per webview"): deliveries are queued per
// webview at emit time; unlisten is immediate in stable/next and a later queue item in 2.0; JS
// once.
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("bus: JS handlers run when their webview runs its queue - after the emit returned") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        f.js("main", "e", EventTarget::any(), "main a");
        f.js("main", "e", EventTarget::any(), "main b");
        f.js("other", "e", EventTarget::any(), "other");
        REQUIRE(f.emit("e").ok);
        REQUIRE(f.bus.emit("e", nullptr, Source::js("other")).ok);
        CHECK(f.names().empty());
        CHECK(f.bus.counters().queued_js == 4);  // one item per emit and webview
        CHECK(f.bus.drain("other") == 2);
        CHECK(f.take_names() == std::vector<std::string>{"other", "other"});
        CHECK(f.bus.drain("main", 1) == 1);
        CHECK(f.take_names() == std::vector<std::string>{"main a", "main b"});
        CHECK(f.bus.drain_all() == 1);
        CHECK(f.take_names() == std::vector<std::string>{"main a", "main b"});
        CHECK(f.bus.counters().queued_js == 0);
    }
}

TEST_CASE("bus: JS listeners registered after an emit do not get it (nothing is replayed)") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.rust("e", EventTarget::app(), "rust");
        REQUIRE(f.emit("e").ok);
        f.js("main", "e", EventTarget::any(), "late js");
        f.rust("e", EventTarget::any(), "late rust");
        f.bus.drain_all();
        CHECK(f.names() == std::vector<std::string>{"rust"});
    }
}

TEST_CASE("bus: JS unlisten inside a handler: immediate in stable/next - a later item in 2.0") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        EventId victim = 0;
        f.js("main", "e", EventTarget::any(), "remover",
             [&](const Event&) { CHECK(f.bus.js_unlisten("main", "e", victim).ok); });
        victim = f.js("main", "e", EventTarget::any(), "victim");
        REQUIRE(f.emit("e").ok);
        f.bus.drain_all();
        const auto skips = f.sink->of("skip");
        if (mode == Mode::Tauri20) {
            CHECK(f.take_names() == std::vector<std::string>{"remover", "victim"});
            CHECK(skips.empty());
        } else {
            CHECK(f.take_names() == std::vector<std::string>{"remover"});
            REQUIRE(skips.size() == 1);
            CHECK(skips[0]["listener"] == victim);
        }
        // Either way the listener is gone for later emits.
        REQUIRE(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.take_names() == std::vector<std::string>{"remover"});
        CHECK(f.sink->of("skip").size() == skips.size());
    }
}

TEST_CASE(
    "bus: a delivery queued before a JS unlisten: a skip in stable/next - still called in 2.0") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const EventId id = f.js("main", "e", EventTarget::any(), "js");
        REQUIRE(f.emit("e", "1").ok);
        CHECK(f.bus.js_unlisten("main", "e", id).ok);
        REQUIRE(f.emit("e", "2").ok);  // after the unlisten: never includes it
        f.bus.drain_all();
        const auto calls = f.calls();
        const auto skips = f.sink->of("skip");
        if (mode == Mode::Tauri20) {
            REQUIRE(calls.size() == 1);
            CHECK(calls[0].payload == "1");
            CHECK(skips.empty());
        } else {
            CHECK(calls.empty());
            REQUIRE(skips.size() == 1);
            CHECK(skips[0]["listener"] == id);
            CHECK(skips[0]["emit"] == f.sink->of("emit").at(0)["emit"]);
        }
        CHECK(f.bus.listeners().empty());
        const auto unlistens = f.sink->of("unlisten");
        REQUIRE(unlistens.size() == 1);
        CHECK(unlistens[0]["reason"] == "unlisten");
    }
}

TEST_CASE("bus: 2.0 JS once fires again for an emit already queued - stable/next call it once") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const EventId id = f.js("main", "e", EventTarget::any(), "once", {}, true);
        REQUIRE(f.emit("e", "1").ok);
        REQUIRE(f.emit("e", "2").ok);
        f.bus.drain_all();
        const std::size_t want = mode == Mode::Tauri20 ? 2 : 1;
        CHECK(f.count("once") == want);
        CHECK(f.sink->of("skip").size() == 2 - want);
        REQUIRE(f.emit("e", "3").ok);  // queued after the once ran: never includes it
        f.bus.drain_all();
        CHECK(f.count("once") == want);
        CHECK(f.find(f.bus.listeners(), id) == nullptr);
        const auto unlistens = f.sink->of("unlisten");
        REQUIRE(unlistens.size() == 1);
        CHECK(unlistens[0]["reason"] == "once");
    }
}

TEST_CASE("bus: JS once unlistens before its handler runs") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        EventId id = 0;
        bool registered_inside = true;
        id = f.js(
            "main", "e", EventTarget::any(), "once",
            [&](const Event&) { registered_inside = f.find(f.bus.listeners(), id) != nullptr; },
            true);
        REQUIRE(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.count("once") == 1);
        CHECK_FALSE(registered_inside);
    }
}

TEST_CASE("bus: JS emit from a handler is queued - its Rust side runs at once (no dispatch held)") {
    BusFixture f;
    f.window("main");
    f.rust("pong", EventTarget::app(), "rust pong");
    f.js("main", "pong", EventTarget::any(), "js pong");
    f.js("main", "ping", EventTarget::any(), "js ping", [&](const Event& e) {
        REQUIRE(f.bus.emit("pong", nullptr, Source::js("main"), e.child_cause()).ok);
        CHECK(f.count("rust pong") == 1);
        CHECK(f.count("js pong") == 0);
    });
    REQUIRE(f.emit("ping").ok);
    f.bus.drain_all();
    CHECK(f.names() == std::vector<std::string>{"js ping", "rust pong", "js pong"});
}

TEST_SUITE_END();
