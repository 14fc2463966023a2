// Skip records (docs/formats.md, `skip`): one record per emit, webview and reason, listing every
// listener it stands for, so a trace grows with the emits, not with emits × stale listeners;
// the count of skipped listeners stays exact.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

// The listeners a skip line stands for, checked against its own `listener` and `count`.
std::vector<EventId> skip_ids(const nlohmann::json& skip) {
    auto ids = skip.at("listeners").get<std::vector<EventId>>();
    REQUIRE_FALSE(ids.empty());
    CHECK(skip.at("listener") == ids.front());
    CHECK(skip.at("count") == ids.size());
    return ids;
}

std::uint64_t skipped_listeners(const std::vector<nlohmann::json>& skips) {
    std::uint64_t sum = 0;
    for (const auto& skip : skips)
        sum += skip.at("count").get<std::uint64_t>();
    return sum;
}

}  // namespace

TEST_CASE(
    "bus: a page reloaded 100 times: one skip record per emit - every stale listener counted") {
    constexpr int kReloads = 100;
    constexpr int kEmits = 5;
    for (Mode mode : kModes) {
        if (rules(mode).destroy_purges_listeners) continue;  // nothing stale is left to skip
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        std::vector<EventId> stale;
        for (int page = 0; page < kReloads; ++page) {
            f.window("main");
            stale.push_back(f.js("main", "e", EventTarget::any(), "page"));
            REQUIRE(f.bus.destroy_window("main").ok);
        }
        f.window("main");
        f.js("main", "e", EventTarget::any(), "live page");
        for (int i = 0; i < kEmits; ++i)
            REQUIRE(f.emit("e").ok);
        f.bus.drain_all();

        CHECK(f.count("live page") == kEmits);
        const auto skips = f.sink->of("skip");
        REQUIRE(skips.size() == kEmits);  // was kEmits × kReloads: one per stale listener
        const auto emits = f.sink->of("emit");
        for (std::size_t i = 0; i < skips.size(); ++i) {
            CHECK(skips[i]["emit"] == emits.at(emits.size() - kEmits + i)["emit"]);
            CHECK(skips[i]["in"] == "main");
            CHECK(std::string(skips[i]["reason"]).starts_with("registered by an earlier page"));
            CHECK(skip_ids(skips[i]) == stale);
        }
        CHECK(skipped_listeners(skips) == std::uint64_t{kEmits} * kReloads);
        CHECK(f.bus.counters().skips == std::uint64_t{kEmits} * kReloads);
    }
}

TEST_CASE("bus: a window destroyed with deliveries queued: one skip record per queued emit") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const std::vector<EventId> ids = {f.js("main", "e", EventTarget::any(), "a"),
                                          f.js("main", "e", EventTarget::any(), "b"),
                                          f.js("main", "e", EventTarget::any(), "c")};
        REQUIRE(f.emit("e", "1").ok);
        REQUIRE(f.emit("e", "2").ok);
        REQUIRE(f.bus.destroy_window("main").ok);
        f.bus.drain_all();
        CHECK(f.names().empty());
        const auto skips = f.sink->of("skip");
        REQUIRE(skips.size() == 2);
        for (const auto& skip : skips) {
            CHECK(skip["reason"] == "its window was destroyed before the delivery ran");
            CHECK(skip_ids(skip) == ids);
        }
        CHECK(skips[0]["emit"] != skips[1]["emit"]);
        CHECK(f.bus.counters().skips == 6);
    }
}

TEST_CASE("bus: one emit skipping listeners for two reasons writes a skip record for each") {
    for (Mode mode : kModes) {
        if (rules(mode).destroy_purges_listeners || !rules(mode).js_unlisten_at_once) continue;
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const EventId stale = f.js("main", "e", EventTarget::any(), "old page");
        REQUIRE(f.bus.destroy_window("main").ok);
        f.window("main");
        const EventId gone = f.js("main", "e", EventTarget::any(), "unlistened");
        REQUIRE(f.emit("e").ok);
        REQUIRE(f.bus.js_unlisten("main", "e", gone).ok);  // after the emit was queued
        f.bus.drain_all();
        const auto skips = f.sink->of("skip");
        REQUIRE(skips.size() == 2);
        CHECK(skips[0]["emit"] == skips[1]["emit"]);
        std::vector<std::vector<EventId>> ids = {skip_ids(skips[0]), skip_ids(skips[1])};
        std::sort(ids.begin(), ids.end());
        CHECK(ids == std::vector<std::vector<EventId>>{{stale}, {gone}});
        CHECK(skips[0]["reason"] != skips[1]["reason"]);
        CHECK(skipped_listeners(skips) == f.bus.counters().skips);
    }
}
