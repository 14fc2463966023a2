// The simulated-window panel's data, without ImGui: listener rows, the components list and the
// received feed, which a closed page or an unmounted component change together.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/app/session.h"
#include "core/record/record_log.h"
#include "view/windows/listener_table.h"
#include "view/windows/window_feed.h"

namespace eventlab {
namespace {

// A session with a log attached (as the Workbench has) and two windows.
struct ViewFixture {
    Session session{BusConfig{}};
    std::shared_ptr<RecordLog> log = std::make_shared<RecordLog>(1'000);

    ViewFixture() {
        session.recorder().add_sink(log);
        REQUIRE(session.bus().create_window("main", false).ok);
        REQUIRE(session.bus().create_window("settings", false).ok);
    }

    EventId listen(const std::string& in, const std::string& event,
                   std::optional<EventTarget> target = std::nullopt, bool once = false) {
        ListenRequest r;
        r.side = Side::Js;
        r.in = in;
        r.event = event;
        r.target = std::move(target);
        r.once = once;
        r.name = in + ":" + event;
        const OpResult result = session.listen(r);
        REQUIRE(result.ok);
        return result.id;
    }

    std::vector<ListenerRow> rows(const std::string& label) {
        return listener_rows(label, session.bus().listeners(), session.components(), session);
    }

    WindowFeed feed(const std::string& label) {
        WindowFeed f(session.recorder().symbols(), label);
        CHECK(f.update(*log, 1'000'000));
        return f;
    }
};

}  // namespace

TEST_CASE(
    "window view: listener rows are the JS listeners of that webview - with calls and payload") {
    ViewFixture fx;
    const EventId global = fx.listen("main", "test-event");
    const EventId targeted = fx.listen("main", "test-event", EventTarget::any_label("main"));
    fx.listen("settings", "test-event");
    ListenRequest rust;
    rust.side = Side::Rust;
    rust.event = "test-event";
    REQUIRE(fx.session.listen(rust).ok);

    REQUIRE(fx.session.bus()
                .emit_to(EventTarget::any_label("settings"), "test-event",
                         make_text(R"({"data":"x"})"), Source::rust())
                .ok);
    fx.session.bus().drain_all();

    const auto rows = fx.rows("main");
    REQUIRE(rows.size() == 2);  // not settings' listener, not the Rust one
    CHECK(rows[0].id == global);
    CHECK(rows[0].target == "Any");
    CHECK(rows[0].calls == 1);  // a global listener gets an emit aimed at another window
    REQUIRE(rows[0].last_payload.has_value());
    CHECK(*rows[0].last_payload == R"({"data":"x"})");
    CHECK(rows[1].id == targeted);
    CHECK(rows[1].target == "AnyLabel{main}");
    CHECK(rows[1].calls == 0);
    CHECK_FALSE(rows[1].last_payload.has_value());
    CHECK(rows[1].mark.empty());
    CHECK(rows[1].name == "main:test-event");
}

TEST_CASE("window view: a component unmounted without cleanup marks its listeners leaked") {
    ViewFixture fx;
    REQUIRE(fx.session.mount("main", "Feed", {{"test-event", std::nullopt, {}}}, false, false).ok);
    REQUIRE(fx.session.mount("main", "Clean", {{"test-event", std::nullopt, {}}}, true, false).ok);
    REQUIRE(fx.session.unmount("main", "Feed").ok);
    REQUIRE(fx.session.unmount("main", "Clean").ok);

    const auto rows = fx.rows("main");
    REQUIRE(rows.size() == 1);  // Clean's listener went with its cleanup
    CHECK(rows[0].leaked);
    CHECK(rows[0].mark == "leaked: handler of unmounted component Feed");

    const auto components =
        component_rows("main", fx.session.components(), fx.session.bus().listeners());
    REQUIRE(components.size() == 2);
    CHECK(components[0].name == "Clean");  // newest first
    CHECK(components[0].leaked == 0);
    CHECK_FALSE(components[0].mounted);
    CHECK(components[1].name == "Feed");
    CHECK(components[1].leaked == 1);
    CHECK(components[1].listeners == 1);
    CHECK(
        component_rows("settings", fx.session.components(), fx.session.bus().listeners()).empty());
}

TEST_CASE("window view: StrictMode without cleanup leaves a leaked listener beside the live one") {
    ViewFixture fx;
    REQUIRE(fx.session.mount("main", "Feed", {{"test-event", std::nullopt, {}}}, false, true).ok);
    const auto rows = fx.rows("main");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].leaked);
    CHECK_FALSE(rows[1].leaked);
}

TEST_CASE(
    "window view: a reused label shows the closed page's listeners as stale - feed restarts") {
    ViewFixture fx;
    const EventId old_id = fx.listen("main", "test-event");
    REQUIRE(fx.session.bus().emit("test-event", make_text("1"), Source::rust()).ok);
    fx.session.bus().drain_all();
    CHECK(fx.feed("main").size() == 1);

    REQUIRE(fx.session.bus().destroy_window("main").ok);
    REQUIRE(fx.session.bus().create_window("main").ok);
    const EventId new_id = fx.listen("main", "test-event");
    REQUIRE(fx.session.bus().emit("test-event", make_text("2"), Source::rust()).ok);
    fx.session.bus().drain_all();

    const auto rows = fx.rows("main");
    REQUIRE(rows.size() == 2);  // stable: nothing is purged on destroy
    CHECK(rows[0].id == old_id);
    CHECK(rows[0].stale);
    CHECK(rows[0].calls == 1);
    CHECK(rows[0].mark == std::string(kStaleMark));
    CHECK(rows[1].id == new_id);
    CHECK_FALSE(rows[1].stale);

    // Only what the new page received: its own delivery, and the stale listener's id, which
    // the emit still queues to the label but the new page has no callback for (recorded once
    // the page has run the emit's deliveries: newest).
    const WindowFeed feed = fx.feed("main");
    REQUIRE(feed.size() == 2);
    const auto e = feed.entry(*fx.log, fx.session.recorder().symbols(), 1);
    REQUIRE(e.has_value());
    CHECK(e->delivered);
    CHECK(e->listener == new_id);
    REQUIRE(e->payload);
    CHECK(*e->payload == "2");
    const auto skip = feed.entry(*fx.log, fx.session.recorder().symbols(), 0);
    REQUIRE(skip.has_value());
    CHECK_FALSE(skip->delivered);
    CHECK(skip->listener == old_id);
}

TEST_CASE("window view: a page reloaded 4 times shows one skip entry per emit naming every id") {
    ViewFixture fx;
    std::vector<EventId> stale;
    for (int reload = 0; reload < 4; ++reload) {
        stale.push_back(fx.listen("main", "test-event"));
        REQUIRE(fx.session.bus().destroy_window("main").ok);
        REQUIRE(fx.session.bus().create_window("main").ok);
    }
    const EventId live = fx.listen("main", "test-event");
    REQUIRE(fx.session.bus().emit("test-event", make_text("1"), Source::rust()).ok);
    fx.session.bus().drain_all();

    const WindowFeed feed = fx.feed("main");
    REQUIRE(feed.size() == 2);  // the delivery, and one skip for the four stale ids
    const Symbols& symbols = fx.session.recorder().symbols();
    const auto delivered = feed.entry(*fx.log, symbols, 1);
    REQUIRE(delivered.has_value());
    CHECK(delivered->listener == live);
    CHECK(feed_listener_ids(*delivered) == "#" + std::to_string(live));
    const auto skip = feed.entry(*fx.log, symbols, 0);
    REQUIRE(skip.has_value());
    CHECK_FALSE(skip->delivered);
    CHECK(skip->listener == stale.front());
    CHECK(skip->skipped == stale);
    CHECK(skip->why.find("registered by an earlier page") == 0);
    CHECK(feed_listener_ids(*skip, 2) == "#" + std::to_string(stale[0]) + ", #" +
                                             std::to_string(stale[1]) + ", \u2026 (4 listeners)");
    CHECK(fx.session.bus().counters().skips == stale.size());
}

TEST_CASE("window view: the feed lists deliveries and skips - newest first - with the reason") {
    ViewFixture fx;
    const EventId global = fx.listen("settings", "test-event");
    const EventId targeted =
        fx.listen("settings", "test-event", EventTarget::any_label("settings"));
    EventBus& bus = fx.session.bus();
    REQUIRE(bus.emit("test-event", make_text(R"("first")"), Source::js("main")).ok);
    REQUIRE(bus.emit_to(EventTarget::any_label("main"), "test-event", make_text(R"("second")"),
                        Source::js("main"))
                .ok);
    bus.drain_all();
    // Unlisten while a delivery is queued: the page drops it (a skip).
    REQUIRE(bus.emit("test-event", make_text(R"("third")"), Source::rust()).ok);
    REQUIRE(fx.session.unlisten(targeted).ok);
    bus.drain_all();

    const WindowFeed feed = fx.feed("settings");
    const Symbols& symbols = fx.session.recorder().symbols();
    REQUIRE(feed.size() == 5);
    std::vector<FeedEntry> entries;
    for (std::size_t i = 0; i < feed.size(); ++i)
        entries.push_back(*feed.entry(*fx.log, symbols, i));

    CHECK_FALSE(entries[0].delivered);  // "third" to the unlistened one, newest
    CHECK(entries[0].listener == targeted);
    CHECK(entries[0].why.find("unlistened") != std::string::npos);
    CHECK(entries[1].delivered);
    CHECK(*entries[1].payload == R"("third")");
    CHECK(entries[2].listener == global);  // the global listener got the emit aimed at main
    CHECK(*entries[2].payload == R"("second")");
    CHECK(entries[2].why.find("global listener") != std::string::npos);
    CHECK(entries[3].listener == targeted);
    CHECK(entries[3].why.find("no target") != std::string::npos);
    CHECK(entries[4].listener == global);
    CHECK(entries[4].event == "test-event");
    CHECK(entries[4].listener_name == "settings:test-event");
    CHECK_FALSE(feed.entry(*fx.log, symbols, 5).has_value());
    CHECK(fx.feed("main").size() == 0);
}

TEST_CASE("window view: the feed catches up a bounded number of records per update") {
    ViewFixture fx;
    fx.listen("main", "test-event");
    for (int i = 0; i < 20; ++i) {
        REQUIRE(
            fx.session.bus().emit("test-event", make_text(std::to_string(i)), Source::rust()).ok);
    }
    fx.session.bus().drain_all();
    WindowFeed feed(fx.session.recorder().symbols(), "main");
    int updates = 0;
    while (!feed.update(*fx.log, 5))
        ++updates;
    CHECK(updates >= 8);
    CHECK(feed.size() == 20);
    CHECK(*feed.entry(*fx.log, fx.session.recorder().symbols(), 0)->payload == "19");

    // The ring drops the oldest records: the feed keeps what is left, and no more.
    fx.log->clear();
    feed.update(*fx.log, 1'000);
    CHECK(feed.size() == 0);
}

}  // namespace eventlab
