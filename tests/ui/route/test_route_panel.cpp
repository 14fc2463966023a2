// The Route panel driven headless: a node per window and the Rust backend, a box per listener,
// the matrix, and a click on a matrix cell (or a node) asking the log for those deliveries —
// which the Log panel, drawn alongside, then shows.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/log/log_panel.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

// The GUI's default workspace: main and settings each listen globally and with their own label
// as target; the Rust side has app.listen.
struct RouteFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> route = ui::make_panel("Route");
    ui::LogPanel log;
    std::function<void()> draw = [this] {
        ui.animating = false;
        route->draw(ui);
        log.draw(ui);
    };

    RouteFixture() {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE(parse.ok());
        bench.open(std::move(*parse), "default", BusConfig{});
        ui.probe = &probe;
        ui.layout.route = {{0, 0}, {900, 800}};
        ui.layout.log = {{900, 0}, {700, 800}};
        imgui.frames(2, draw);
    }

    EventBus& bus() { return bench.session().bus(); }
    void emit_to_main() {
        REQUIRE(bus()
                    .emit_to(EventTarget::any_label("main"), "test-event",
                             make_text("{\"data\":\"hi\"}"), Source::rust())
                    .ok);
        bench.pump(std::numeric_limits<std::size_t>::max());
    }
    bool has(const std::string& item) const { return probe.items.count(item) == 1; }
};

}  // namespace

TEST_CASE("route panel: a node per window and the Rust backend with a box per listener") {
    RouteFixture f;
    CHECK_FALSE(f.has("route/node/main"));  // no emit yet: nothing to route
    f.emit_to_main();
    f.imgui.frames(2, f.draw);
    CHECK(f.has("route/node/main"));
    CHECK(f.has("route/node/settings"));
    CHECK(f.has("route/node/rust"));
    for (int id = 0; id <= 4; ++id)
        CHECK(f.has("route/listener/" + std::to_string(id)));
    CHECK(f.ui.animating);  // a live emit's arrows move
}

TEST_CASE("route panel: clicking a matrix cell filters the log to those deliveries") {
    RouteFixture f;
    f.emit_to_main();
    f.imgui.frames(2, f.draw);
    REQUIRE(f.has("matrix/test-event/settings"));
    REQUIRE(f.has("matrix/test-event/rust"));
    // The click sets the request; the Log panel, drawn after the Route panel in the same
    // frame, takes it at once. Catch it on its own first with the route panel alone.
    const std::function<void()> route_only = [&f] { f.route->draw(f.ui); };
    f.imgui.frame(route_only);
    REQUIRE(f.imgui.click_item(f.probe, "matrix/test-event/settings", route_only));
    CHECK(f.ui.log_filter_request == "[test-event@js:settings]");

    f.imgui.frames(2, f.draw);
    CHECK(f.ui.log_filter_request.empty());
    CHECK(f.log.status().rows == 1);  // settings' global listener, the one delivery there

    REQUIRE(f.imgui.click_item(f.probe, "matrix/test-event/main", f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(f.log.status().rows == 2);  // both of main's listeners
    REQUIRE(f.imgui.click_item(f.probe, "matrix/test-event/rust", f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(f.log.status().rows == 0);  // app.listen is App: emit_to("main") never reaches it
}

TEST_CASE("route panel: clicking a node filters the log and the route follows the selected emit") {
    RouteFixture f;
    f.emit_to_main();
    REQUIRE(f.bus().emit("test-event", make_text("2"), Source::rust()).ok);
    f.bench.pump(std::numeric_limits<std::size_t>::max());
    f.imgui.frames(2, f.draw);
    REQUIRE(f.imgui.click_item(f.probe, "route/node/rust", f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(f.log.status().rows == 1);  // the plain emit reached app.listen; emit_to did not

    f.ui.selected_emit = 1;  // the emit_to: the Rust node has no delivery
    f.imgui.frames(2, f.draw);
    f.ui.log_filter_request.clear();
    REQUIRE(f.imgui.click_item(f.probe, "route/node/settings", f.draw));
    f.imgui.frames(2, f.draw);
    // The global listener got both emits, the {target: settings} one only the plain emit.
    CHECK(f.log.status().rows == 3);
}
