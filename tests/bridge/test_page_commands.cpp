// What a connected page's invoke does, without sockets: the event and window plugins' commands
// with Tauri's texts, deliveries handed to the page in queue order, and 2.0's later unregister.
#include <doctest/doctest.h>

#include <mutex>
#include <string>
#include <vector>

#include "bridge/page_commands.h"

using namespace eventlab;          // NOLINT(google-build-using-namespace): test file
using namespace eventlab::bridge;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

// The page as the bus sees it, recording what it is told.
class FakeLink final : public PageLink {
  public:
    std::string url() const override { return "http://localhost:5173/"; }
    void queued() override { ++queued_count; }
    void unregistered(EventId id, std::string_view event) override {
        unregistered_ids.push_back(std::string(event) + "#" + std::to_string(id));
    }
    void destroyed() override { ++destroyed_count; }

    int queued_count = 0;
    int destroyed_count = 0;
    std::vector<std::string> unregistered_ids;
};

struct Page {
    Page(Session& session, const std::string& label)
        : link(std::make_shared<FakeLink>()), context{session, label, [this](const Event& e) {
                                                          deliveries.push_back(
                                                              std::string(e.event) + "#" +
                                                              std::to_string(e.id) + "=" +
                                                              **e.payload);
                                                      }} {
        REQUIRE(session.bus().create_window(label, true, {}, link).ok);
    }
    InvokeResult call(std::string_view command, const json& args = json::object()) {
        return run_page_command(context, command, args);
    }
    std::uint32_t listen(const std::string& event, const json& target = {{"kind", "Any"}}) {
        const InvokeResult r =
            call("plugin:event|listen", {{"event", event}, {"target", target}, {"handler", 7}});
        REQUIRE_MESSAGE(r.ok, r.error);
        return r.value.get<std::uint32_t>();
    }
    void drain() { context.session.bus().drain_page(context.label); }

    std::shared_ptr<FakeLink> link;
    PageContext context;
    std::vector<std::string> deliveries;
};

}  // namespace

TEST_CASE("bridge page: emit_to main reaches a global listener in settings and main's own") {
    Session session(BusConfig{Mode::Stable});
    Page main(session, "main");
    Page settings(session, "settings");
    const auto global = settings.listen("test-event");
    const auto own = main.listen("test-event", {{"kind", "WebviewWindow"}, {"label", "main"}});
    const auto other = settings.listen("test-event", {{"kind", "AnyLabel"}, {"label", "settings"}});
    const InvokeResult r =
        main.call("plugin:event|emit_to", {{"target", {{"kind", "AnyLabel"}, {"label", "main"}}},
                                           {"event", "test-event"},
                                           {"payload", {{"data", "hi"}}}});
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(settings.link->queued_count >= 1);
    // Nothing reaches a page until its owner drains its queue: drain_all leaves it alone.
    CHECK(session.bus().drain_all() == 0);
    CHECK(settings.deliveries.empty());
    settings.drain();
    main.drain();
    CHECK(settings.deliveries ==
          std::vector<std::string>{"test-event#" + std::to_string(global) + "={\"data\":\"hi\"}"});
    CHECK(main.deliveries ==
          std::vector<std::string>{"test-event#" + std::to_string(own) + "={\"data\":\"hi\"}"});
    (void)other;
}

TEST_CASE("bridge page: emit without a payload delivers null") {
    Session session(BusConfig{});
    Page main(session, "main");
    main.listen("ping");
    REQUIRE(main.call("plugin:event|emit", {{"event", "ping"}}).ok);
    main.drain();
    REQUIRE(main.deliveries.size() == 1);
    CHECK(main.deliveries[0].ends_with("=null"));
}

TEST_CASE("bridge page: bad names missing keys and unknown commands reject with Tauri's text") {
    Session session(BusConfig{});
    Page main(session, "main");
    CHECK(main.call("plugin:event|listen",
                    {{"event", "bad name"}, {"target", {{"kind", "Any"}}}, {"handler", 1}})
              .error ==
          "invalid args `event` for command `listen`: Event name must include only alphanumeric "
          "characters, `-`, `/`, `:` and `_`.");
    CHECK(main.call("plugin:event|emit", {{"event", "a b"}}).error ==
          "invalid args `event` for command `emit`: Event name must include only alphanumeric "
          "characters, `-`, `/`, `:` and `_`.");
    CHECK(main.call("plugin:event|listen", {{"event", "x"}, {"handler", 1}}).error ==
          "invalid args `target` for command `listen`: command listen missing required key "
          "target");
    CHECK(main.call("plugin:event|unlisten", {{"event", "x"}, {"eventId", "seven"}}).error ==
          "invalid args `eventId` for command `unlisten`: invalid type: string \"seven\", "
          "expected u32");
    CHECK(main.call("nope").error == "Command nope not found");
    CHECK(main.call("plugin:window|maximize", {{"label", "main"}}).error ==
          "Command plugin:window|maximize not found");
    CHECK(main.call("send_to_specific_window", {{"data", "x"}}).error ==
          "invalid args `windowLabel` for command `send_to_specific_window`: command "
          "send_to_specific_window missing required key windowLabel");
}

TEST_CASE("bridge page: 2.0 tells the page to unregister after the deliveries already queued") {
    Session session(BusConfig{Mode::Tauri20});
    Page main(session, "main");
    Page other(session, "other");
    const auto id = main.listen("tick");
    REQUIRE(other.call("plugin:event|emit", {{"event", "tick"}, {"payload", 1}}).ok);
    REQUIRE(main.call("plugin:event|unlisten", {{"event", "tick"}, {"eventId", id}}).ok);
    CHECK(main.link->unregistered_ids.empty());  // not yet: the page's queue runs first
    main.drain();
    CHECK(main.deliveries.size() == 1);  // the queued delivery still reaches the callback
    CHECK(main.link->unregistered_ids == std::vector<std::string>{"tick#" + std::to_string(id)});
}

TEST_CASE("bridge page: stable drops the callback at once and skips what was queued") {
    Session session(BusConfig{Mode::Stable});
    Page main(session, "main");
    Page other(session, "other");
    const auto id = main.listen("tick");
    REQUIRE(other.call("plugin:event|emit", {{"event", "tick"}, {"payload", 1}}).ok);
    REQUIRE(main.call("plugin:event|unlisten", {{"event", "tick"}, {"eventId", id}}).ok);
    main.drain();
    CHECK(main.deliveries.empty());
    CHECK(main.link->unregistered_ids.empty());
    CHECK(session.bus().counters().skips == 1);
}

TEST_CASE("bridge page: window plugin lists closes and destroys and the page is told") {
    Session session(BusConfig{});
    Page main(session, "main");
    Page settings(session, "settings");
    CHECK(main.call("plugin:window|get_all_windows").value == json{"main", "settings"});
    CHECK(main.call("plugin:webview|get_all_webviews").value ==
          json{{{"windowLabel", "main"}, {"label", "main"}},
               {{"windowLabel", "settings"}, {"label", "settings"}}});
    // A close held by the page's onCloseRequested listener waits for its destroy.
    settings.listen("tauri://close-requested", {{"kind", "Window"}, {"label", "settings"}});
    REQUIRE(main.call("plugin:window|close", {{"label", "settings"}}).ok);
    CHECK(settings.link->destroyed_count == 0);
    CHECK(session.bus().is_alive("settings"));
    REQUIRE(settings.call("plugin:window|destroy", {{"label", "settings"}}).ok);
    CHECK(settings.link->destroyed_count == 1);
    CHECK(main.call("plugin:window|get_all_windows").value == json{"main"});
    CHECK(main.call("plugin:window|destroy", {{"label", "gone"}}).error ==
          "no open window `gone` to destroy");
    const auto windows = session.bus().windows();
    REQUIRE(!windows.empty());
    CHECK(windows[0].page_url == "http://localhost:5173/");
}
