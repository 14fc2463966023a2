// The bridge over real sockets on loopback: the script over HTTP, who may connect, pages as
// windows, and hostile peers (oversized messages, junk, a page that stops reading, 200 pages).
#include <doctest/doctest.h>

#include <memory>
#include <thread>

#include "bridge_client.h"
#include "served.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

TEST_CASE("bridge server: serves the script and refuses a Host that is not loopback") {
    Served s;
    int status = 0;
    const std::string body = http_get(s.server.port(), "/eventlab-tauri.js",
                                      "127.0.0.1:" + std::to_string(s.server.port()), status);
    CHECK(status == 200);
    CHECK(body.find("__TAURI_INTERNALS__") != std::string::npos);
    http_get(s.server.port(), "/eventlab-tauri.js", "rebind.attacker.test:1430", status);
    CHECK(status == 403);
    http_get(s.server.port(), "/nothing-here", "localhost", status);
    CHECK(status == 404);
}

TEST_CASE("bridge server: an upgrade from another site's origin is refused with 403") {
    Served s;
    const std::string host = "127.0.0.1:" + std::to_string(s.server.port());
    int status = 0;
    http_get(s.server.port(), "/ipc", host, status, "http://evil.example");
    CHECK(status == 403);
    http_get(s.server.port(), "/ipc", "attacker.test:1430", status, "http://localhost:5173");
    CHECK(status == 403);
    http_get(s.server.port(), "/ipc", host, status, "http://localhost:5173");
    CHECK(status == 101);
    BridgeClient evil(s.server.port(), "http://evil.example");
    CHECK(evil.error == "declined");
    BridgeClient rebound(s.server.port(), "", "attacker.test:1430");
    CHECK(rebound.error == "declined");
    CHECK(s.server.pages().empty());
    BridgeClient vite(s.server.port(), "http://localhost:5173");
    CHECK(vite.ok());
}

TEST_CASE("bridge server: a page is a window and gets emit_to deliveries from another page") {
    Served s;
    BridgeClient main(s.server.port());
    BridgeClient settings(s.server.port());
    // The page's per-mode behaviour comes as flags from the mode's rules, not as its name.
    CHECK(main.hello("main") == json{{"t", "ready"},
                                     {"label", "main"},
                                     {"mode", "2.10"},
                                     {"flags", {{"jsUnlistenAtOnce", true}}},
                                     {"withGlobalTauri", false}});
    CHECK(settings.hello("settings")["t"] == "ready");
    CHECK(s.session.bus().is_alive("main"));
    const json listened = settings.invoke("plugin:event|listen", listen_args("test-event"));
    REQUIRE(listened["ok"] == true);
    const json sent =
        main.invoke("plugin:event|emit_to", {{"target", {{"kind", "AnyLabel"}, {"label", "main"}}},
                                             {"event", "test-event"},
                                             {"payload", {{"data", "hi"}}}});
    CHECK(sent["ok"] == true);
    const auto delivery = settings.next_of("emit");
    REQUIRE(delivery);
    CHECK(*delivery == json{{"t", "emit"},
                            {"event", "test-event"},
                            {"payload", {{"data", "hi"}}},
                            {"ids", {listened["value"]}}});
}

TEST_CASE("bridge server: a live label is refused and a closed page's label can be reused") {
    Served s;
    auto first = std::make_unique<BridgeClient>(s.server.port());
    REQUIRE(first->hello("main")["t"] == "ready");
    BridgeClient second(s.server.port());
    const json refused = second.hello("main");
    CHECK(refused["t"] == "refused");
    CHECK(refused["error"] == "a window with label `main` already exists");
    CHECK(second.close_code() == 1008);
    first.reset();  // the page goes away: its window is destroyed
    CHECK(s.eventually([&] { return !s.session.bus().is_alive("main"); }));
    BridgeClient third(s.server.port());
    CHECK(third.hello("main")["t"] == "ready");
}

TEST_CASE("bridge server: a label Tauri would refuse is refused and the session goes on") {
    Served s;
    BridgeClient bad(s.server.port());
    const json refused = bad.hello("no spaces allowed");
    CHECK(refused["t"] == "refused");
    CHECK(refused["error"].get<std::string>().find("no spaces allowed") != std::string::npos);
    CHECK(bad.close_code() == 1008);
    BridgeClient nameless(s.server.port());
    nameless.send({{"t", "hello"}});
    CHECK((*nameless.next())["t"] == "refused");
    BridgeClient good(s.server.port());
    CHECK(good.hello("main")["t"] == "ready");
    CHECK(s.session.bus().windows().size() == 1);
}

TEST_CASE("bridge server: junk messages get an error and the page goes on") {
    Served s;
    BridgeClient page(s.server.port());
    REQUIRE(page.hello("main")["t"] == "ready");
    page.send_text("{not json");
    auto error = page.next();
    REQUIRE(error);
    CHECK((*error)["t"] == "error");
    CHECK((*error)["message"].get<std::string>().find("not JSON") != std::string::npos);
    page.send({{"t", "teleport"}});
    CHECK((*page.next())["message"].get<std::string>().find("unknown message kind") !=
          std::string::npos);
    page.send({{"t", "invoke"}, {"id", -1}, {"cmd", "x"}});
    CHECK((*page.next())["t"] == "error");
    const json wrong = page.invoke("plugin:event|listen",
                                   {{"event", 5}, {"target", {{"kind", "Any"}}}, {"handler", 1}});
    CHECK(
        wrong["error"] ==
        "invalid args `event` for command `listen`: invalid type: integer `5`, expected a string");
    CHECK(page.invoke("plugin:event|listen", listen_args("fine"))["ok"] == true);
    CHECK(s.session.bus().counters().errors >= 3);
}

TEST_CASE("bridge server: a message over --max-message closes that page with 1009") {
    bridge::BridgeOptions options;
    options.max_message = 4096;
    Served s(options);
    BridgeClient big(s.server.port());
    BridgeClient other(s.server.port());
    REQUIRE(big.hello("big")["t"] == "ready");
    REQUIRE(other.hello("other")["t"] == "ready");
    big.send({{"t", "invoke"},
              {"id", 1},
              {"cmd", "plugin:event|emit"},
              {"args", {{"event", "x"}, {"payload", std::string(8192, 'a')}}}});
    CHECK(big.close_code() == 1009);
    CHECK(s.eventually([&] { return !s.session.bus().is_alive("big"); }));
    CHECK(other.invoke("plugin:window|get_all_windows", json::object())["value"] == json{"other"});
}

TEST_CASE(
    "bridge server: a page that stops reading is cut off and the others keep getting events") {
    bridge::BridgeOptions options;
    options.max_send_queue = 1u << 20;
    Served s(options);
    BridgeClient stuck(s.server.port());
    BridgeClient reader(s.server.port());
    BridgeClient sender(s.server.port());
    REQUIRE(stuck.hello("stuck")["t"] == "ready");
    REQUIRE(reader.hello("reader")["t"] == "ready");
    REQUIRE(sender.hello("sender")["t"] == "ready");
    REQUIRE(stuck.invoke("plugin:event|listen", listen_args("big"))["ok"] == true);
    REQUIRE(reader.invoke("plugin:event|listen", listen_args("big"))["ok"] == true);
    const std::string chunk(256 * 1024, 'x');
    int received = 0;
    constexpr int kEmits = 64;  // 16 MiB: more than the kernel's socket buffers hold
    for (int i = 0; i < kEmits; ++i) {
        REQUIRE(sender.invoke("plugin:event|emit", {{"event", "big"}, {"payload", chunk}})["ok"] ==
                true);
        if (reader.next_of("emit")) ++received;
    }
    CHECK(received == kEmits);
    CHECK(s.eventually([&] { return !s.session.bus().is_alive("stuck"); }));
    CHECK(s.session.bus().last_error().find("page `stuck`") != std::string::npos);
    CHECK(s.session.bus().last_error().find("stopped reading") != std::string::npos);
}

TEST_CASE("bridge server: 200 pages at once each get one delivery of a global emit") {
    Served s;
    constexpr int kPages = 200;
    std::vector<std::unique_ptr<BridgeClient>> pages;
    for (int i = 0; i < kPages; ++i) {
        pages.push_back(std::make_unique<BridgeClient>(s.server.port()));
        REQUIRE(pages.back()->hello("page-" + std::to_string(i))["t"] == "ready");
        REQUIRE(pages.back()->invoke("plugin:event|listen", listen_args("all"))["ok"] == true);
    }
    CHECK(s.server.pages().size() == kPages);
    REQUIRE(pages[0]->invoke("plugin:event|emit", {{"event", "all"}, {"payload", 1}})["ok"] ==
            true);
    int got = 0;
    for (auto& page : pages) {
        if (auto m = page->next_of("emit"); m && (*m)["payload"] == 1) ++got;
    }
    CHECK(got == kPages);
    // One leaves in the middle of the next fan-out; the rest still get theirs.
    pages[100].reset();
    REQUIRE(pages[0]->invoke("plugin:event|emit", {{"event", "all"}, {"payload", 2}})["ok"] ==
            true);
    got = 0;
    for (auto& page : pages) {
        if (page && page->next_of("emit")) ++got;
    }
    CHECK(got == kPages - 1);
}

TEST_CASE("bridge server: a window closed from the backend tells its page and closes the socket") {
    Served s;
    BridgeClient page(s.server.port());
    REQUIRE(page.hello("main")["t"] == "ready");
    REQUIRE(s.session.bus().close_window("main").ok);
    CHECK(page.next_of("destroyed"));
    CHECK(page.close_code() == 1000);
}

TEST_CASE("bridge server: the inspector's unlisten of a page's listener asks the page to do it") {
    Served s;
    BridgeClient main(s.server.port());
    REQUIRE(main.hello("main")["t"] == "ready");
    const json listened = main.invoke("plugin:event|listen", listen_args("tick"));
    REQUIRE(listened["ok"] == true);
    const auto id = listened["value"].get<EventId>();
    const std::size_t before = s.session.bus().listener_count();

    // The window panel's ×: the callback lives in the page, so the page is asked.
    CHECK(s.session.unlisten(id).ok);
    const auto asked = main.next_of("unlisten");
    REQUIRE(asked);
    CHECK(*asked == json{{"t", "unlisten"}, {"event", "tick"}, {"id", id}});
    CHECK(s.session.bus().listener_count() == before);  // only the page's unlisten removes it
    REQUIRE(main.invoke("plugin:event|unlisten", {{"event", "tick"}, {"eventId", id}})["ok"] ==
            true);
    CHECK(s.session.bus().listener_count() == before - 1);
}

TEST_CASE("bridge server: unlisten of a listener whose page left says no page can do it") {
    Served s;
    json listened;
    {
        BridgeClient old(s.server.port());
        REQUIRE(old.hello("old")["t"] == "ready");
        listened = old.invoke("plugin:event|listen", listen_args("tick"));
        REQUIRE(listened["ok"] == true);
    }
    REQUIRE(s.eventually([&] { return !s.session.bus().is_alive("old"); }));
    const auto id = listened["value"].get<EventId>();
    REQUIRE(s.session.bus().listener_count() == 1);  // stale, as in Tauri
    const OpResult r = s.session.unlisten(id);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("no page can unlisten it") != std::string::npos);
}
