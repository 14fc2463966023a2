// The window state model (core/app/window_state.h, window_states.h): Tauri's defaults, a state
// from a WindowConfig, the events a change makes, and one focused window at a time.
#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

std::vector<std::string> names(const std::vector<WindowEvent>& events) {
    std::vector<std::string> out;
    out.reserve(events.size());
    for (const auto& e : events)
        out.push_back(e.name + " " + e.payload);
    return out;
}

}  // namespace

TEST_CASE("window state: Tauri's WindowConfig defaults centred on the simulated monitor") {
    const NativeWindowState s;
    CHECK(s.title == "Tauri App");
    CHECK(s.size == PhysicalSize{800, 600});
    CHECK(s.position == PhysicalPosition{560, 220});
    CHECK((s.visible && s.focused && s.resizable && s.decorated && s.closable));
    CHECK_FALSE((s.maximized || s.minimized || s.fullscreen || s.always_on_top));
    CHECK(effective_theme(s) == Theme::Light);
    CHECK(to_json(simulated_monitor())["workArea"]["size"] ==
          json{{"width", 1920}, {"height", 1040}});
}

TEST_CASE("window state: from a WindowConfig: logical sizes - limits - maximized - theme") {
    const NativeWindowState s = window_state_from_config({{"label", "settings"},
                                                          {"title", "Settings"},
                                                          {"width", 400},
                                                          {"height", 300.4},
                                                          {"x", 10},
                                                          {"y", 20},
                                                          {"minWidth", 500},
                                                          {"theme", "Dark"},
                                                          {"visible", false}});
    CHECK(s.title == "Settings");
    CHECK(s.size == PhysicalSize{500, 300});  // clamped to minWidth, rounded
    CHECK(s.position == PhysicalPosition{10, 20});
    CHECK(s.theme == Theme::Dark);
    CHECK_FALSE(s.visible);
    CHECK_FALSE(s.focused);  // a hidden window does not take the focus
    const NativeWindowState max = window_state_from_config({{"maximized", true}});
    CHECK(max.size == PhysicalSize{1920, 1040});
    CHECK(max.restore_size == PhysicalSize{800, 600});
    CHECK(parse_theme("DARK") == Theme::Dark);
    CHECK(parse_theme("purple") == Theme::Light);
}

TEST_CASE("window state: a change makes Tauri's events with their payloads in order") {
    NativeWindowState before;
    NativeWindowState after = before;
    after.size = {1024, 768};
    after.position = {0, 0};
    after.theme = Theme::Dark;
    after.focused = false;
    CHECK(names(window_events(before, after)) ==
          std::vector<std::string>{R"(tauri://move {"x":0,"y":0})",
                                   R"(tauri://resize {"height":768,"width":1024})",
                                   "tauri://blur null", R"(tauri://theme-changed "dark")"});
    NativeWindowState scaled = before;
    scaled.scale_factor = 2.0;
    CHECK(names(window_events(before, scaled)) ==
          std::vector<std::string>{
              R"(tauri://scale-change {"scaleFactor":2.0,"size":{"height":600,"width":800}})"});
    CHECK(window_events(before, before).empty());
}

TEST_CASE("window states: the latest window has the focus - taking it blurs the other first") {
    SessionFixture f(BusConfig{}, {"main", "settings"});
    CHECK_FALSE(f.session.window_state("main")->focused);
    CHECK(f.session.window_state("settings")->focused);
    f.js("main", "tauri://focus", "main focus", EventTarget::window("main"));
    f.js("settings", "tauri://blur", "settings blur", EventTarget::window("settings"));
    f.js("settings", "tauri://focus", "settings focus", EventTarget::window("settings"));
    REQUIRE(f.session.update_window("main", [](NativeWindowState& s) { s.focused = true; }));
    std::vector<std::string> emitted;
    for (const auto& emit : f.sink->of("emit"))
        emitted.push_back(emit["event"].get<std::string>() + " " + emit["api"].get<std::string>());
    CHECK(emitted ==
          std::vector<std::string>{"tauri://blur emit_filter", "tauri://focus emit_filter"});
    f.session.bus().drain_all();
    CHECK(f.calls("main focus") == 1);
    CHECK(f.calls("settings blur") == 1);
    CHECK(f.calls("settings focus") == 0);
    CHECK_FALSE(f.session.window_state("settings")->focused);
    CHECK_FALSE(f.session.update_window("gone", [](NativeWindowState&) {}));
}

TEST_CASE("window states: a preset starts the window - a reused label starts afresh") {
    Session session(BusConfig{});
    EventBus& bus = session.bus();
    NativeWindowState configured;
    configured.title = "Configured";
    session.preset_window("main", configured);
    NativeWindowState once;
    once.title = "Once";
    session.preset_window("popup", once, true);
    REQUIRE(bus.create_window("main", false).ok);
    REQUIRE(bus.create_window("popup", false).ok);
    CHECK(session.window_state("main")->title == "Configured");
    CHECK(session.window_state("popup")->title == "Once");
    REQUIRE(session.update_window("main", [](NativeWindowState& s) { s.title = "Renamed"; }));
    REQUIRE(bus.destroy_window("main").ok);
    REQUIRE(bus.destroy_window("popup").ok);
    CHECK_FALSE(session.window_state("main"));
    REQUIRE(bus.create_window("main", false).ok);
    REQUIRE(bus.create_window("popup", false).ok);
    CHECK(session.window_state("main")->title == "Configured");
    CHECK(session.window_state("popup")->title == "Tauri App");
}
