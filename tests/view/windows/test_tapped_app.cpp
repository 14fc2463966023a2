// A real app seen through its tap, in the panels' models: its windows are windows (marked
// observed), its JS listeners are in that window's listener rows and in the lifecycle, its
// deliveries are in the matrix; and none of it mixes with a simulated window of the same label,
// even where Tauri's listener ids equal the simulator's.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/app/session.h"
#include "core/record/record_log.h"
#include "view/route/route.h"
#include "view/windows/lifecycle.h"
#include "view/windows/listener_table.h"
#include "view/windows/window_feed.h"
#include "view/windows/window_grid.h"

namespace eventlab {
namespace {

using nlohmann::json;

// A session with a log (as the Workbench has), a simulated window `main` with one JS listener,
// and a tapped app whose window is also called `main`, with a listener of the same id.
struct TappedFixture {
    Session session{BusConfig{}};
    std::shared_ptr<RecordLog> log = std::make_shared<RecordLog>(1'000);
    EventId simulated = 0;

    TappedFixture() {
        session.recorder().add_sink(log);
        REQUIRE(session.bus().create_window("main", false).ok);
        ListenRequest r;
        r.side = Side::Js;
        r.in = "main";
        r.event = "simulated-event";
        const OpResult listened = session.listen(r);
        REQUIRE(listened.ok);
        simulated = listened.id;
    }

    void observe(const json& record) {
        const std::string error = session.observe(record);
        REQUIRE_MESSAGE(error.empty(), error);
    }
    // The app's window `label` with one listener of `event` (Tauri's id `id`), and one delivery.
    void tapped_window(const std::string& label, EventId id, const std::string& event) {
        observe({{"type", "window"},
                 {"action", "created"},
                 {"label", label},
                 {"url", "tauri://localhost/"}});
        observe({{"type", "listen"}, {"in", label}, {"listener", id}, {"event", event}});
        observe({{"type", "emit"},
                 {"in", label},
                 {"api", "emit"},
                 {"event", event},
                 {"payload", {{"n", 1}}}});
        observe({{"type", "deliver"},
                 {"in", label},
                 {"listener", id},
                 {"event", event},
                 {"payload", {{"n", 1}}}});
    }
};

std::vector<WindowInfo> observed_windows(const std::vector<WindowInfo>& windows) {
    std::vector<WindowInfo> out;
    std::copy_if(windows.begin(), windows.end(), std::back_inserter(out),
                 [](const WindowInfo& w) { return w.observed; });
    return out;
}

}  // namespace

TEST_CASE("tapped app: its window is a window of the session - marked observed beside ours") {
    TappedFixture fx;
    CHECK(observed_windows(fx.session.windows()).empty());  // no tap yet
    fx.tapped_window("main", fx.simulated, "app-event");

    const auto live = fx.session.live_windows();
    REQUIRE(live.size() == 2);
    CHECK_FALSE(live[0].observed);
    CHECK(live[1].observed);
    CHECK(live[1].label == "main");
    CHECK(live[1].page_url == "tauri://localhost/");
    CHECK(live[1].instance != live[0].instance);  // the panels tell them apart by instance
    CHECK_FALSE(fx.session.has_window("settings"));

    // The simulated bus knows nothing of it: a simulated emit_to cannot reach the real app.
    CHECK(fx.session.bus().live_windows().size() == 1);
}

TEST_CASE("tapped app: its listener is in its window's rows and not in the simulated namesake's") {
    TappedFixture fx;
    fx.tapped_window("main", fx.simulated, "app-event");
    const auto listeners = fx.session.listeners();

    const auto ours = listener_rows("main", listeners, {}, fx.session);
    REQUIRE(ours.size() == 1);
    CHECK(ours[0].event == "simulated-event");
    CHECK(ours[0].calls == 0);

    const auto tapped = listener_rows("main", listeners, {}, fx.session, true);
    REQUIRE(tapped.size() == 1);
    CHECK(tapped[0].id == fx.simulated);  // Tauri's own id, the same number as ours
    CHECK(tapped[0].event == "app-event");
    CHECK(tapped[0].calls == 1);
    CHECK(tapped[0].last_payload == std::optional<std::string>(R"({"n":1})"));

    // The page unlistens it: it leaves the rows.
    fx.observe(
        {{"type", "unlisten"}, {"in", "main"}, {"listener", fx.simulated}, {"event", "app-event"}});
    CHECK(listener_rows("main", fx.session.listeners(), {}, fx.session, true).empty());
}

TEST_CASE("tapped app: call counts move with deliveries without a new copy of the listeners") {
    TappedFixture fx;
    fx.tapped_window("main", fx.simulated, "app-event");
    const std::uint64_t version = fx.session.state_version();
    auto listeners = fx.session.listeners();
    fx.observe({{"type", "deliver"},
                {"in", "main"},
                {"listener", fx.simulated},
                {"event", "app-event"},
                {"payload", 2}});
    CHECK(fx.session.state_version() == version);  // deliveries move counts only
    fx.session.update_counts(listeners);
    const auto tapped = std::find_if(listeners.begin(), listeners.end(),
                                     [](const ListenerInfo& l) { return l.observed; });
    REQUIRE(tapped != listeners.end());
    CHECK(tapped->calls == 2);
    const auto ours = std::find_if(listeners.begin(), listeners.end(),
                                   [](const ListenerInfo& l) { return !l.observed; });
    REQUIRE(ours != listeners.end());
    CHECK(ours->calls == 0);  // the same id, another listener
}

TEST_CASE("tapped app: the windows overview and tiles say tapped and count its own listeners") {
    TappedFixture fx;
    fx.tapped_window("main", fx.simulated, "app-event");
    const auto summaries = window_summaries(fx.session.windows(), fx.session.listeners());
    REQUIRE(summaries.size() == 2);
    CHECK(summary_line(summaries[0]) == "main \u00b7 live \u00b7 1 listener \u00b7 0 calls");
    CHECK(summary_line(summaries[1]) ==
          "main \u00b7 tapped \u00b7 live \u00b7 1 listener \u00b7 1 call \u00b7 "
          "tauri://localhost/");

    // Destroyed in the app: closed in the overview, after the live ones.
    fx.observe({{"type", "window"}, {"action", "destroyed"}, {"label", "main"}});
    const auto after = window_summaries(fx.session.windows(), fx.session.listeners());
    REQUIRE(after.size() == 2);
    CHECK(after[1].observed);
    CHECK(after[1].state == WindowState::Closed);
    CHECK(fx.session.live_windows().size() == 1);
}

TEST_CASE("tapped app: the lifecycle lists its window apart - its listener live then removed") {
    TappedFixture fx;
    fx.tapped_window("main", fx.simulated, "app-event");
    LifecycleModel model;
    model.update(fx.session, *fx.log, 1);
    const auto& windows = model.windows();
    const auto tapped = std::find_if(windows.begin(), windows.end(),
                                     [](const LifecycleWindow& w) { return w.observed; });
    REQUIRE(tapped != windows.end());
    CHECK(tapped->label == "main");
    CHECK(tapped->alive);
    CHECK(tapped->counters.live == 1);
    REQUIRE(tapped->components.size() == 1);
    REQUIRE(tapped->components[0].listeners.size() == 1);
    const LifecycleListener& l = tapped->components[0].listeners[0];
    CHECK(l.observed);
    CHECK(l.event == "app-event");
    CHECK(l.calls == 1);  // its delivery, not counted for our listener of the same id
    const LifecycleWindow* ours = model.window("main");
    REQUIRE(ours != nullptr);
    CHECK_FALSE(ours->observed);
    REQUIRE(ours->components.size() == 1);
    CHECK(ours->components[0].listeners[0].calls == 0);

    fx.observe(
        {{"type", "unlisten"}, {"in", "main"}, {"listener", fx.simulated}, {"event", "app-event"}});
    model.update(fx.session, *fx.log, 1);
    const auto again = std::find_if(model.windows().begin(), model.windows().end(),
                                    [](const LifecycleWindow& w) { return w.observed; });
    REQUIRE(again != model.windows().end());
    CHECK(again->counters.live == 0);
    CHECK(again->counters.removed == 1);
    CHECK(model.window("main")->counters.live == 1);  // ours is still there
}

TEST_CASE("tapped app: its deliveries are a matrix column of their own - marked tapped") {
    TappedFixture fx;
    fx.tapped_window("main", fx.simulated, "app-event");
    REQUIRE(fx.session.emit("simulated-event", make_text("1"), Source::rust()).ok);
    fx.session.run_webview_queues(100);
    DeliveryMatrix matrix;
    REQUIRE(matrix.update(*fx.log, 1'000));
    const auto view = matrix.view(fx.session.recorder().symbols(), fx.session.live_windows());
    REQUIRE(view.columns.size() == 3);  // main, main (tapped), Rust backend
    CHECK(view.columns[0] == "main");
    CHECK_FALSE(view.observed[0]);
    CHECK(view.columns[1] == "main");
    CHECK(view.observed[1]);
    const auto row = [&](const std::string& event) {
        return static_cast<std::size_t>(std::find(view.events.begin(), view.events.end(), event) -
                                        view.events.begin());
    };
    CHECK(view.at(row("app-event"), 0) == 0);
    CHECK(view.at(row("app-event"), 1) == 1);
    CHECK(view.at(row("simulated-event"), 0) == 1);
    CHECK(view.at(row("simulated-event"), 1) == 0);
}

TEST_CASE("tapped app: its window's feed shows what its page received - not ours") {
    TappedFixture fx;
    WindowFeed tapped(fx.session.recorder().symbols(), "main", true);
    WindowFeed ours(fx.session.recorder().symbols(), "main");
    fx.tapped_window("main", fx.simulated, "app-event");
    REQUIRE(tapped.update(*fx.log, 1'000));
    REQUIRE(ours.update(*fx.log, 1'000));
    REQUIRE(tapped.size() == 1);
    CHECK(tapped.entry(*fx.log, fx.session.recorder().symbols(), 0)->event == "app-event");
    CHECK(ours.size() == 0);
}

}  // namespace eventlab
