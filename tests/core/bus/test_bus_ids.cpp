// Listener ids and payloads (docs/tauri-rules.md, "Listener ids and what unlisten removes").
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

TEST_CASE("bus: listener ids come from one counter from 0 shared by Rust and JS") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        CHECK(f.rust("e", EventTarget::app(), "r0") == 0);
        CHECK(f.js("main", "e", EventTarget::any(), "j1") == 1);
        CHECK(f.rust("f", EventTarget::any(), "r2") == 2);
        CHECK(f.js("main", "f", EventTarget::any(), "j3") == 3);
        f.bus.unlisten(2);
        CHECK(f.bus.js_unlisten("main", "e", 1).ok);
        // Removed ids are not reused.
        CHECK(f.js("main", "e", EventTarget::any(), "j4") == 4);
        CHECK(f.rust("e", EventTarget::app(), "r5") == 5);
    }
}

TEST_CASE("bus: a handler receives the id of the listener it belongs to") {
    BusFixture f;
    f.window("main");
    const EventId r = f.rust("e", EventTarget::app(), "rust");
    const EventId j = f.js("main", "e", EventTarget::any(), "js");
    CHECK(f.emit("e").ok);
    CHECK(f.emit("e").ok);
    f.bus.drain_all();
    const auto calls = f.calls();
    REQUIRE(calls.size() == 4);
    for (const Call& c : calls) {
        CHECK(c.id == (c.name == "rust" ? r : j));
    }
    CHECK(calls[0].emit != calls[1].emit);  // two emissions, same listener id
}

TEST_CASE("bus: Rust unlisten(id) never removes a JS listener - unknown ids do nothing") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const EventId js = f.js("main", "e", EventTarget::any(), "js");
        const EventId rust = f.rust("e", EventTarget::app(), "rust");
        f.bus.unlisten(js);
        f.bus.unlisten(999);
        // JS unlisten of a Rust id, of an unknown id, and with the wrong event name.
        CHECK(f.bus.js_unlisten("main", "e", rust).ok);
        CHECK(f.bus.js_unlisten("main", "e", 998).ok);
        CHECK(f.bus.js_unlisten("main", "not-e", js).ok);
        CHECK(f.bus.listeners().size() == 2);
        CHECK(f.sink->of("unlisten").empty());
        CHECK(f.sink->of("error").empty());
        CHECK(f.bus.counters().errors == 0);
        CHECK(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(sorted(f.take_names()) == std::vector<std::string>{"js", "rust"});
    }
}

TEST_CASE("bus: a Rust handler gets the payload as JSON text - null when there is none") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.rust("e", EventTarget::app(), "rust");
        f.js("main", "e", EventTarget::any(), "js");
        REQUIRE(f.bus.emit("e", make_text("\"hello\""), Source::rust()).ok);
        REQUIRE(f.bus.emit("e", nullptr, Source::rust()).ok);
        REQUIRE(f.bus.emit("e", make_text(R"({"data":"hi"})"), Source::rust()).ok);
        f.bus.drain_all();
        std::vector<std::string> rust;
        std::vector<std::string> js;
        for (const Call& c : f.calls())
            (c.side == Side::Rust ? rust : js).push_back(c.payload);
        const std::vector<std::string> want = {"\"hello\"", "null", R"({"data":"hi"})"};
        CHECK(rust == want);
        CHECK(js == want);
    }
}

TEST_CASE("bus: a JS emit without a payload delivers null to JS and Rust") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        f.rust("e", EventTarget::app(), "rust");
        f.js("other", "e", EventTarget::any(), "js");
        REQUIRE(f.bus.emit("e", nullptr, Source::js("main")).ok);
        REQUIRE(f.bus.emit_to(EventTarget::app(), "e", nullptr, Source::js("main")).ok);
        f.bus.drain_all();
        const auto calls = f.calls();
        REQUIRE(calls.size() == 4);
        for (const Call& c : calls)
            CHECK(c.payload == "null");
        for (const auto& e : f.sink->of("emit")) {
            CHECK(e["payload"] == nullptr);
            CHECK(e["from"] == "js:main");
        }
    }
}

TEST_CASE("bus: all deliveries of one emit share one payload text (same pointer)") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        for (int i = 0; i < 3; ++i)
            f.rust("e", EventTarget::any(), "rust");
        f.js("main", "e", EventTarget::any(), "js");
        f.js("other", "e", EventTarget::any(), "js");
        f.js("other", "e", EventTarget::window("other"), "js");
        // One emit direct, one queued from a handler with a filter (the queued copy loses the
        // filter, not the payload).
        f.rust("start", EventTarget::app(), "start", [&](const Event& ev) {
            CHECK(f.bus
                      .emit_to(EventTarget::any_label("other"), "e", make_text("[2]"),
                               Source::rust(), ev.child_cause())
                      .ok);
        });
        const Text payload = make_text("[1]");
        REQUIRE(f.bus.emit("e", payload, Source::rust()).ok);
        CHECK(f.emit("start").ok);
        f.bus.drain_all();

        std::map<std::uint32_t, std::set<const std::string*>> by_emit;
        std::size_t deliveries = 0;
        for (const Call& c : f.calls()) {
            if (c.event != "e") continue;
            ++deliveries;
            by_emit[c.emit].insert(c.payload_ptr);
        }
        CHECK(deliveries == 12);  // each emit: 3 Rust + 3 JS
        REQUIRE(by_emit.size() == 2);
        for (const auto& [emit, ptrs] : by_emit)
            CHECK(ptrs.size() == 1);
        CHECK(*by_emit.begin()->second.begin() == payload.get());

        // The trace records share it too: every deliver points at its emit's payload.
        std::map<std::uint32_t, const std::string*> emitted;
        for (const Record& r : f.sink->records()) {
            if (r.type == RecordType::Emit) emitted[r.emit] = r.payload.get();
        }
        for (const Record& r : f.sink->records()) {
            if (r.type == RecordType::Deliver) CHECK(r.payload.get() == emitted.at(r.emit));
        }
    }
}

TEST_CASE(
    "bus: JS unlisten from another webview drops the id from every page's registry as Tauri "
    "does - for its event only") {
    // Tauri's Listeners::unlisten_js runs `retain(|h| h.id != id)` over the tables of every
    // webview, not only the caller's; the spec's "only that webview's listener" holds for the
    // ids a page got from its own listen calls, which is all a page normally has.
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        const EventId in_main = f.js("main", "e", EventTarget::any(), "main e");
        const EventId in_other = f.js("other", "e", EventTarget::any(), "other e");

        CHECK(f.bus.js_unlisten("other", "f", in_main).ok);  // another event: nothing happens
        CHECK(f.bus.listeners().size() == 2);
        CHECK(f.sink->of("unlisten").empty());

        CHECK(f.bus.js_unlisten("other", "e", in_main).ok);
        const auto all = f.bus.listeners();
        CHECK(f.find(all, in_main) == nullptr);
        CHECK(f.find(all, in_other) != nullptr);
        const auto unlistens = f.sink->of("unlisten");
        REQUIRE(unlistens.size() == 1);
        CHECK(unlistens[0]["listener"] == in_main);
        CHECK(unlistens[0]["reason"] == "unlisten");
        CHECK(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.names() == std::vector<std::string>{"other e"});
        CHECK(f.sink->of("skip").empty());  // gone before the emit: not even queued
        CHECK(f.bus.counters().errors == 0);
    }
}

TEST_CASE(
    "bus: JS handlers of one emit in a webview see one event - name - payload and emission - "
    "each with its own listener id") {
    // Tauri evals one {event, payload} object into the page and sets its `id` to each
    // listener's id before calling that listener.
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        const EventId first = f.js("main", "e", EventTarget::any(), "first");
        const EventId second = f.js("main", "e", EventTarget::webview_window("main"), "second");
        const EventId elsewhere = f.js("other", "e", EventTarget::any(), "elsewhere");
        REQUIRE(f.bus.emit("e", make_text(R"({"data":"hi","n":[1,2]})"), Source::js("other")).ok);
        CHECK(f.calls().empty());  // JS handlers wait for their page's loop
        f.bus.drain_all();

        const auto calls = f.calls();
        REQUIRE(calls.size() == 3);
        std::map<std::string, Call> by_name;
        for (const Call& c : calls) {
            by_name[c.name] = c;
            CHECK(c.side == Side::Js);
            CHECK(c.event == "e");
            CHECK(nlohmann::json::parse(c.payload) ==
                  nlohmann::json{{"data", "hi"}, {"n", {1, 2}}});
        }
        const Call& a = by_name.at("first");
        const Call& b = by_name.at("second");
        CHECK(a.id == first);
        CHECK(b.id == second);
        CHECK(by_name.at("elsewhere").id == elsewhere);
        CHECK(a.webview == "main");
        CHECK(b.webview == "main");
        CHECK(by_name.at("elsewhere").webview == "other");
        CHECK(a.emit == b.emit);
        CHECK(a.payload_ptr == b.payload_ptr);  // one payload, not a copy per handler
    }
}
