// Rust dispatch (docs/tauri-rules.md, "Rust handlers: one lock and the deferred queue"): the
// handlers lock queues listen / unlisten / emit made while a handler runs, and Rust `once`
// re-entrancy per mode.
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE(
    "bus: Rust listen/unlisten/emit inside a handler are queued - return at once - deferred") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        const EventId victim = f.rust("x", EventTarget::app(), "victim");
        f.rust("later", EventTarget::app(), "later");
        std::size_t pending_inside = 0;
        bool listen_pending_inside = false;
        OpResult listened;
        f.rust("start", EventTarget::app(), "start", [&](const Event&) {
            listened = f.bus.listen("later", EventTarget::app(), f.logger("new"));
            f.bus.unlisten(victim);
            CHECK(f.bus.emit("later", nullptr, Source::rust()).ok);
            pending_inside = f.bus.counters().pending_rust;
            const auto all = f.bus.listeners();
            const ListenerInfo* added = f.find(all, listened.id);
            listen_pending_inside = added != nullptr && added->pending;
            CHECK(f.count("later") == 0);  // the emit returned before any Rust handler ran
        });
        CHECK(f.emit("start").ok);
        CHECK(listened.ok);
        CHECK(pending_inside == 3);
        CHECK(listen_pending_inside);
        // After the dispatch the queue ran in order: listen, unlisten, emit.
        CHECK(f.take_names() == std::vector<std::string>{"start", "later", "new"});
        CHECK(f.bus.counters().pending_rust == 0);
        const auto listens = f.sink->of("listen");
        REQUIRE(listens.size() == 4);
        CHECK(listens[3]["deferred"] == true);
        const auto unlistens = f.sink->of("unlisten");
        REQUIRE(unlistens.size() == 1);
        CHECK(unlistens[0]["deferred"] == true);
        const auto emits = f.sink->of("emit");
        REQUIRE(emits.size() == 2);
        CHECK(emits[0]["deferred"] == false);
        CHECK(emits[1]["deferred"] == true);
        CHECK(f.emit("x").ok);
        CHECK(f.take_names().empty());  // the queued unlisten was applied
    }
}

TEST_CASE("bus: a Rust listener added during dispatch misses the current event - gets the next") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        bool added = false;
        f.rust("e", EventTarget::app(), "adder", [&](const Event&) {
            if (added) return;
            added = true;
            CHECK(f.bus.listen("e", EventTarget::app(), f.logger("added")).ok);
        });
        f.rust("e", EventTarget::app(), "other");
        CHECK(f.emit("e").ok);
        CHECK(f.take_names() == std::vector<std::string>{"adder", "other"});
        CHECK(f.emit("e").ok);
        CHECK(f.take_names() == std::vector<std::string>{"adder", "other", "added"});
    }
}

TEST_CASE("bus: a Rust listener removed during dispatch still gets the current event") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        EventId victim = 0;
        f.rust("e", EventTarget::app(), "remover", [&](const Event&) { f.bus.unlisten(victim); });
        victim = f.rust("e", EventTarget::app(), "victim");
        CHECK(f.emit("e").ok);
        CHECK(f.take_names() == std::vector<std::string>{"remover", "victim"});
        CHECK(f.emit("e").ok);
        CHECK(f.take_names() == std::vector<std::string>{"remover"});
    }
}

TEST_CASE("bus: an emit from inside a Rust handler reaches Rust handlers after the dispatch") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.rust("start", EventTarget::app(), "first", [&](const Event& e) {
            CHECK(f.bus.emit("inner", make_text("1"), Source::rust(), e.child_cause()).ok);
        });
        f.rust("start", EventTarget::app(), "second");
        f.rust("inner", EventTarget::app(), "inner");
        f.js("main", "inner", EventTarget::any(), "js inner");
        CHECK(f.emit("start").ok);
        CHECK(f.take_names() == std::vector<std::string>{"first", "second", "inner"});
        f.bus.drain_all();
        CHECK(f.take_names() == std::vector<std::string>{"js inner"});
    }
}

TEST_CASE(
    "bus: queued Rust work runs FIFO after the dispatch (listen - unlisten - emit in order)") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        const EventId old = f.rust("two", EventTarget::app(), "old two");
        f.rust("one", EventTarget::app(), "one");
        f.rust("start", EventTarget::app(), "start", [&](const Event& e) {
            CHECK(f.bus.emit("one", nullptr, Source::rust(), e.child_cause()).ok);
            f.bus.unlisten(old);
            CHECK(f.bus.listen("two", EventTarget::app(), f.logger("new two")).ok);
            CHECK(f.bus.emit("two", nullptr, Source::rust(), e.child_cause()).ok);
        });
        CHECK(f.emit("start").ok);
        CHECK(f.take_names() == std::vector<std::string>{"start", "one", "new two"});
    }
}

TEST_CASE(
    "bus: a queued emit_to/emit_filter reaches ALL Rust listeners (#15759) - JS keeps filter") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        const std::vector<EventTarget> targets = {
            EventTarget::any(),           EventTarget::app(),
            EventTarget::window("main"),  EventTarget::window("other"),
            EventTarget::webview("main"), EventTarget::webview_window("main"),
            EventTarget::any_label("x"),
        };
        for (const auto& t : targets) {
            f.rust("g", t, "rust " + describe(t));
            f.js("other", "g", t, "js " + describe(t));
        }
        f.rust("start", EventTarget::app(), "start", [&](const Event& e) {
            CHECK(f.bus
                      .emit_to(EventTarget::window("main"), "g", nullptr, Source::rust(),
                               e.child_cause())
                      .ok);
            CHECK(f.bus
                      .emit_filter({EventTarget::app()}, "g", nullptr, Source::rust(),
                                   e.child_cause())
                      .ok);
        });
        CHECK(f.emit("start").ok);
        std::vector<std::string> all_rust;
        for (const auto& t : targets)
            all_rust.push_back("rust " + describe(t));
        auto names = f.take_names();
        REQUIRE(names.size() == 1 + 2 * targets.size());
        CHECK(names[0] == "start");
        CHECK(std::vector<std::string>(names.begin() + 1, names.begin() + 1 + targets.size()) ==
              all_rust);
        CHECK(std::vector<std::string>(names.begin() + 1 + targets.size(), names.end()) ==
              all_rust);
        const auto emits = f.sink->of("emit");
        REQUIRE(emits.size() == 3);
        CHECK(emits[1]["deferred"] == true);
        CHECK(emits[2]["deferred"] == true);

        // The JS side was queued at call time with each call's filter.
        f.bus.drain_all();
        CHECK(f.take_names() ==
              std::vector<std::string>{"js Any", "js Window{main}", "js Any", "js App"});
    }
}

TEST_CASE("bus: Rust work from another thread during a dispatch is queued and runs after it") {
    BusFixture f;
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    bool released_in_time = false;
    f.rust("block", EventTarget::app(), "block", [&](const Event&) {
        entered.set_value();
        // Safety net only: if the other thread's calls blocked, the test fails instead of hanging.
        released_in_time = released.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    });
    f.rust("x", EventTarget::app(), "x");
    std::thread t([&] { CHECK(f.emit("block").ok); });
    entered.get_future().wait();
    // The handlers lock is held by `block`: these return at once, queued.
    CHECK(f.emit("x").ok);
    const OpResult listened = f.bus.listen("x", EventTarget::app(), f.logger("x2"));
    CHECK(listened.ok);
    CHECK(f.count("x") == 0);
    CHECK(f.bus.counters().pending_rust == 2);
    release.set_value();
    t.join();
    CHECK(released_in_time);
    // FIFO: the emit ran before the listen was applied, so x2 missed it.
    CHECK(f.take_names() == std::vector<std::string>{"block", "x"});
    CHECK(f.bus.counters().pending_rust == 0);
    CHECK(f.emit("x").ok);
    CHECK(f.take_names() == std::vector<std::string>{"x", "x2"});
}

TEST_CASE("bus: Rust once runs once and is removed - in every mode") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        const EventId id = f.rust("e", EventTarget::app(), "once", {}, true);
        CHECK(f.emit("e").ok);
        CHECK(f.emit("e").ok);
        CHECK(f.count("once") == 1);
        CHECK(f.find(f.bus.listeners(), id) == nullptr);
        const auto unlistens = f.sink->of("unlisten");
        REQUIRE(unlistens.size() == 1);
        CHECK(unlistens[0]["reason"] == "once");
        CHECK(f.sink->of("error").empty());
    }
}

TEST_CASE("bus: 2.0/stable Rust once re-emitting its event panics and poisons the handlers lock") {
    for (Mode mode : {Mode::Tauri20, Mode::Stable}) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.rust(
            "e", EventTarget::app(), "once",
            [&](const Event& ev) {
                CHECK(f.bus.emit("e", nullptr, Source::rust(), ev.child_cause()).ok);
            },
            true);
        const EventId after = f.rust("e", EventTarget::app(), "after");
        f.js("main", "e", EventTarget::any(), "js");
        CHECK(f.emit("e").ok);
        CHECK(f.count("once") == 1);
        CHECK(f.count("after") == 1);
        const auto errors = f.sink->of("error");
        REQUIRE_FALSE(errors.empty());
        // Tauri's text first; the bus may add what the panic means.
        CHECK(errors[0]["message"].get<std::string>().rfind(
                  "attempted to call handler more than once", 0) == 0);
        CHECK(errors[0]["panic"] == true);
        CHECK(f.bus.poisoned());

        // From now on every Rust listen / unlisten / emit is queued forever.
        const std::size_t before = f.bus.counters().pending_rust;
        CHECK(f.bus.listen("e", EventTarget::app(), f.logger("late")).ok);
        CHECK(f.bus.counters().pending_rust == before + 1);
        f.bus.unlisten(after);
        CHECK(f.bus.counters().pending_rust == before + 2);
        CHECK(f.emit("e").ok);
        CHECK(f.bus.counters().pending_rust == before + 3);
        CHECK(f.bus.emit("e", nullptr, Source::js("main")).ok);
        CHECK(f.bus.counters().pending_rust == before + 4);
        CHECK(f.count("after") == 1);
        CHECK(f.count("late") == 0);
        CHECK(f.sink->of("emit").back()["deferred"] == true);

        // JS listeners keep working: both emits of the first dispatch and the two later ones.
        f.js("main", "e", EventTarget::any(), "js late");
        CHECK(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.count("js") == 5);
        CHECK(f.count("js late") == 1);
        CHECK(f.count("after") == 1);
        CHECK(f.count("late") == 0);
    }
}

TEST_CASE("bus: next Rust once is unlistened before it runs: re-emit calls it once - no panic") {
    BusFixture f(config(Mode::Next));
    const EventId once = f.rust(
        "e", EventTarget::app(), "once",
        [&](const Event& ev) {
            CHECK(f.bus.emit("e", nullptr, Source::rust(), ev.child_cause()).ok);
        },
        true);
    f.rust("e", EventTarget::app(), "after");
    CHECK(f.emit("e").ok);
    CHECK(f.take_names() == std::vector<std::string>{"once", "after", "after"});
    CHECK(f.sink->of("error").empty());
    CHECK_FALSE(f.bus.poisoned());
    CHECK(f.find(f.bus.listeners(), once) == nullptr);
    CHECK(f.bus.counters().pending_rust == 0);
    CHECK(f.emit("e").ok);
    CHECK(f.take_names() == std::vector<std::string>{"after"});
}

TEST_SUITE_END();
