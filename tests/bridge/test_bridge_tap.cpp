// A tap (tauri-plugin-eventlab in a real app) over a real socket: it says hello as a tap, its
// observed records land in the session's log marked observed, what it must not send is refused,
// and its pending checks are judged when it leaves.
#include <doctest/doctest.h>

#include <memory>

#include "../core/bus_fixture.h"  // CaptureSink
#include "bridge_client.h"
#include "served.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

json observed(json record) {
    record["t"] = "observed";
    return record;
}

}  // namespace

TEST_CASE("bridge tap: a tap's records are recorded as observed and no page is made of it") {
    Served s;
    auto lines = std::make_shared<CaptureSink>();
    s.session.recorder().add_sink(lines);
    BridgeClient tap(s.server.port());
    tap.send({{"t", "hello"}, {"peer", "tap"}, {"tauri", "2.12.7"}});
    CHECK(tap.next() == json{{"t", "ready"}, {"peer", "tap"}, {"mode", "2.10"}});
    tap.send(observed({{"type", "window"}, {"action", "created"}, {"label", "main"}}));
    tap.send(observed({{"type", "listen"}, {"in", "main"}, {"listener", 3}, {"event", "x"}}));
    tap.send(observed({{"type", "emit"}, {"in", "main"}, {"api", "emit"}, {"event", "x"}}));
    REQUIRE(Served::eventually([&] { return lines->all().size() == 3; }));
    for (const auto& line : lines->all())
        CHECK(line["observed"] == true);
    CHECK_FALSE(s.session.bus().is_alive("main"));  // the real app's window, not a simulated one
    // The status bar names the tapped app; it does not count it as a page.
    CHECK(bridge::describe_peers(s.server.pages()) == "0 pages · tapped app: tauri 2.12.7");

    // What a tap must not send is refused with why; the session goes on.
    tap.send({{"t", "invoke"}, {"id", 1}, {"cmd", "plugin:event|emit"}, {"args", json::object()}});
    const auto refused = tap.next_of("error");
    REQUIRE(refused);
    CHECK((*refused)["message"].get<std::string>().find("a tap sends") != std::string::npos);
    tap.send(observed({{"type", "listen"}, {"in", "main"}}));
    const auto unusable = tap.next_of("error");
    REQUIRE(unusable);
    CHECK((*unusable)["message"].get<std::string>().starts_with("unusable observed record"));
}

TEST_CASE("bridge tap: a predicted delivery still missing when the tap leaves is flagged") {
    Served s;
    auto lines = std::make_shared<CaptureSink>();
    s.session.recorder().add_sink(lines);
    {
        BridgeClient tap(s.server.port());
        tap.send({{"t", "hello"}, {"peer", "tap"}, {"tauri", "2.12.7"}});
        REQUIRE(tap.next());
        tap.send(observed({{"type", "listen"}, {"in", "main"}, {"listener", 0}, {"event", "x"}}));
        tap.send(observed({{"type", "emit"}, {"in", "main"}, {"api", "emit"}, {"event", "x"}}));
        REQUIRE(Served::eventually([&] { return lines->all().size() == 2; }));
    }
    const auto flagged = [&] {
        for (const auto& line : lines->all()) {
            if (line["type"] == "expect" && line["ok"] == false) return true;
        }
        return false;
    };
    CHECK(Served::eventually(flagged));
    CHECK(s.session.tap_counts()->missing == 1);
}
