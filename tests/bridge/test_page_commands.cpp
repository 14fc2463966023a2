// What a connected page's invoke does, without sockets (Session::invoke with the page as the
// caller, as the bridge's connection calls it): the event and window plugins' commands with
// Tauri's texts, deliveries handed to the page in queue order, 2.0's later unregister, and the
// Channel messages a command sends.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/app/session.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file
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
    Page(Session& s, const std::string& label) : session(s), link(std::make_shared<FakeLink>()) {
        caller.window = label;
        caller.webview = label;
        caller.deliver = [this](const Event& e) {
            deliveries.push_back(std::string(e.event) + "#" + std::to_string(e.id) + "=" +
                                 **e.payload);
        };
        caller.run_callback = [this](std::uint32_t id, const json& data) {
            callbacks.push_back(std::to_string(id) + ":" + data.dump());
        };
        REQUIRE(session.bus().create_window(label, true, {}, link).ok);
    }
    InvokeResult call(std::string_view command, const json& args = json::object()) {
        return session.invoke(caller, command, args);
    }
    std::uint32_t listen(const std::string& event, const json& target = {{"kind", "Any"}}) {
        const InvokeResult r =
            call("plugin:event|listen", {{"event", event}, {"target", target}, {"handler", 7}});
        REQUIRE_MESSAGE(r.ok, r.error);
        return r.value.get<std::uint32_t>();
    }
    void drain() { session.bus().drain_page(caller.window); }

    Session& session;
    std::shared_ptr<FakeLink> link;
    Caller caller;
    std::vector<std::string> deliveries;
    std::vector<std::string> callbacks;  // runCallback(id, data) in the page, in order
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
    // A plugin EventLab has, a command it does not: Tauri names the bare command.
    CHECK(main.call("plugin:window|set_badge_label", {{"label", "main"}}).error ==
          "Command set_badge_label not found");
    CHECK(main.call("plugin:store|load", {{"path", "x.json"}}).error == "plugin store not found");
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
    // Tauri's WebviewRef has no rename_all: snake_case keys.
    CHECK(main.call("plugin:webview|get_all_webviews").value ==
          json{{{"window_label", "main"}, {"label", "main"}},
               {{"window_label", "settings"}, {"label", "settings"}}});
    // A close held by the page's onCloseRequested listener waits for its destroy.
    settings.listen("tauri://close-requested", {{"kind", "Window"}, {"label", "settings"}});
    REQUIRE(main.call("plugin:window|close", {{"label", "settings"}}).ok);
    CHECK(settings.link->destroyed_count == 0);
    CHECK(session.bus().is_alive("settings"));
    REQUIRE(settings.call("plugin:window|destroy", {{"label", "settings"}}).ok);
    CHECK(settings.link->destroyed_count == 1);
    CHECK(main.call("plugin:window|get_all_windows").value == json{"main"});
    CHECK(main.call("plugin:window|destroy", {{"label", "gone"}}).error == "window not found");
    const auto windows = session.bus().windows();
    REQUIRE(!windows.empty());
    CHECK(windows[0].page_url == "http://localhost:5173/");
}

TEST_CASE("bridge page: close and destroy without a label are the caller's own window") {
    Session session(BusConfig{});
    Page main(session, "main");
    Page settings(session, "settings");
    REQUIRE(settings.call("plugin:window|destroy").ok);
    CHECK(settings.link->destroyed_count == 1);
    CHECK_FALSE(session.bus().is_alive("settings"));
    REQUIRE(main.call("plugin:window|close", {{"label", ""}}).ok);
    CHECK(main.link->destroyed_count == 1);
}

TEST_CASE("bridge page: a declared command's channel messages reach the page in order - then end") {
    Session session(BusConfig{});
    DeclaredCommand download;
    download.name = "download";
    download.params = {{"url", CommandParam::Type::String},
                       {"on_event", CommandParam::Type::Channel}};
    download.sends = {{"on_event", json{{"progress", 50}}},
                      {"on_event", json{{"progress", 100}, {"url", "$url"}}}};
    download.returns = "done";
    session.add_commands({download});
    Page main(session, "main");
    const InvokeResult r =
        main.call("download", {{"url", "https://x"}, {"onEvent", "__CHANNEL__:4242"}});
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.value == "done");
    CHECK(main.callbacks == std::vector<std::string>{
                                R"(4242:{"index":0,"message":{"progress":50}})",
                                R"(4242:{"index":1,"message":{"progress":100,"url":"https://x"}})",
                                R"(4242:{"end":true,"index":2})"});
    // Not a channel: Tauri's own text, and nothing is sent.
    main.callbacks.clear();
    CHECK(main.call("download", {{"url", "u"}, {"onEvent", "channel-7"}}).error ==
          "invalid channel value `channel-7`, expected a string in the `__CHANNEL__:ID` format");
    CHECK(main.call("download", {{"url", "u"}, {"onEvent", 7}}).error ==
          "invalid args `onEvent` for command `download`: invalid type: integer `7`, expected a "
          "string");
    CHECK(main.callbacks.empty());
}
