// The emit loop bound (docs/tauri-rules.md, "What EventLab adds that Tauri does not have"): a
// handler that re-emits its own event is stopped after BusConfig::max_emit_depth levels (or
// max_chain_emits in all) with ONE error record, and the program keeps working.
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

bool starts_with(const nlohmann::json& s, std::string_view prefix) {
    return s.is_string() && s.get<std::string>().rfind(prefix, 0) == 0;
}

// After a loop was cut: one "emit loop stopped" error, and a fresh emit still delivers to both
// sides.
void check_stopped_once_and_still_working(BusFixture& f) {
    const auto errors = f.sink->of("error");
    REQUIRE(errors.size() == 1);
    CHECK(starts_with(errors[0]["message"], "emit loop stopped"));
    CHECK(errors[0]["panic"] == false);
    CHECK(starts_with(f.bus.last_error(), "emit loop stopped"));
    CHECK_FALSE(f.bus.poisoned());
    CHECK(f.bus.counters().pending_rust == 0);
    CHECK(f.bus.counters().queued_js == 0);

    f.rust("after", EventTarget::app(), "rust after");
    f.js("main", "after", EventTarget::any(), "js after");
    REQUIRE(f.emit("after").ok);
    f.bus.drain_all();
    CHECK(f.count("rust after") == 1);
    CHECK(f.count("js after") == 1);
}

BusConfig with_depth(Mode mode, std::uint32_t depth, std::uint32_t chain = 10'000) {
    BusConfig c = config(mode);
    c.max_emit_depth = depth;
    c.max_chain_emits = chain;
    return c;
}

}  // namespace

TEST_CASE("bus: a Rust handler re-emitting its own event stops after max_emit_depth levels") {
    for (Mode mode : kModes) {
        for (const std::uint32_t depth : {64U, 5U}) {
            INFO("mode " << to_string(mode) << ", max_emit_depth " << depth);
            BusFixture f(with_depth(mode, depth));
            f.window("main");
            f.rust("loop", EventTarget::app(), "loop", [&](const Event& e) {
                already_recorded(f.bus.emit("loop", nullptr, Source::rust(), e.child_cause()));
            });
            REQUIRE(f.emit("loop").ok);
            f.bus.drain_all();
            // The first call plus `depth` levels of re-emits (one more or less is not the point).
            CHECK(f.count("loop") >= depth);
            CHECK(f.count("loop") <= depth + 1);
            check_stopped_once_and_still_working(f);
        }
    }
}

TEST_CASE("bus: a JS handler re-emitting its own event stops after max_emit_depth levels") {
    for (Mode mode : kModes) {
        for (const std::uint32_t depth : {64U, 5U}) {
            INFO("mode " << to_string(mode) << ", max_emit_depth " << depth);
            BusFixture f(with_depth(mode, depth));
            f.window("main");
            f.js("main", "loop", EventTarget::any(), "loop", [&](const Event& e) {
                already_recorded(f.bus.emit("loop", nullptr, Source::js(std::string(e.webview)),
                                            e.child_cause()));
            });
            REQUIRE(f.emit("loop").ok);
            f.bus.drain_all();
            CHECK(f.count("loop") >= depth);
            CHECK(f.count("loop") <= depth + 1);
            check_stopped_once_and_still_working(f);
        }
    }
}

namespace {

// A handler on `boom` that emits `boom` twice per call, on the Rust or the JS side.
void add_exponential(BusFixture& f, Side side) {
    auto twice = [&f, side](const Event& e) {
        const Source from = side == Side::Rust ? Source::rust() : Source::js("main");
        already_recorded(f.bus.emit("boom", nullptr, from, e.child_cause()));
        already_recorded(f.bus.emit("boom", nullptr, from, e.child_cause()));
    };
    if (side == Side::Rust) {
        f.rust("boom", EventTarget::app(), "boom", twice);
    } else {
        f.js("main", "boom", EventTarget::any(), "boom", twice);
    }
}

}  // namespace

TEST_CASE("bus: a handler emitting its event twice per call terminates and is reported") {
    for (Mode mode : kModes) {
        for (const Side side : {Side::Rust, Side::Js}) {
            INFO("mode " << to_string(mode) << ", side " << to_string(side));
            BusFixture f(with_depth(mode, 64, 300));
            f.window("main");
            add_exponential(f, side);
            REQUIRE(f.emit("boom").ok);
            f.bus.drain_all();
            CHECK(f.count("boom") > 64);  // fanned out beyond one chain of levels
            const auto errors = f.sink->of("error");
            REQUIRE_FALSE(errors.empty());
            for (const auto& e : errors)
                CHECK(starts_with(e["message"], "emit loop stopped"));
            CHECK_FALSE(f.bus.poisoned());
            CHECK(f.bus.counters().pending_rust == 0);
            f.rust("after", EventTarget::app(), "rust after");
            f.js("main", "after", EventTarget::any(), "js after");
            REQUIRE(f.emit("after").ok);
            f.bus.drain_all();
            CHECK(f.count("rust after") == 1);
            CHECK(f.count("js after") == 1);
        }
    }
}

// Every emit made from the handlers of one first emit counts against one budget, however the
// handlers fan out.
TEST_CASE("bus: an exponential emit loop stops at max_chain_emits with ONE error record") {
    for (Mode mode : kModes) {
        for (const Side side : {Side::Rust, Side::Js}) {
            for (const std::uint32_t chain : {10'000U, 300U}) {
                INFO("mode " << to_string(mode) << ", side " << to_string(side)
                             << ", max_chain_emits " << chain);
                BusFixture f(with_depth(mode, 64, chain));
                f.window("main");
                add_exponential(f, side);
                REQUIRE(f.emit("boom").ok);
                f.bus.drain_all();
                CHECK(f.count("boom") > 64);
                CHECK(f.count("boom") <= chain + 1);
                CHECK(f.sink->of("error").size() == 1);
            }
        }
    }
}

TEST_CASE("bus: two separate loops each get their own error record") {
    BusFixture f(with_depth(Mode::Stable, 5));
    f.rust("loop", EventTarget::app(), "loop", [&](const Event& e) {
        already_recorded(f.bus.emit("loop", nullptr, Source::rust(), e.child_cause()));
    });
    REQUIRE(f.emit("loop").ok);
    REQUIRE(f.emit("loop").ok);
    const auto errors = f.sink->of("error");
    REQUIRE(errors.size() == 2);
    CHECK(starts_with(errors[1]["message"], "emit loop stopped"));
    CHECK(f.count("loop") >= 10);
    CHECK(f.count("loop") <= 12);
}
