// Tauri's core plugins through Session::invoke from simulated windows (core/app/plugins.h): the
// answers a page gets through the bridge, the same implementation.
#include <string>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

json ok(SessionFixture& f, std::string_view in, std::string_view command,
        const json& args = json::object()) {
    const InvokeResult r = f.session.invoke(in, command, args);
    const std::string why = std::string(command) + ": " + r.error;
    REQUIRE_MESSAGE(r.ok, why);
    return r.value;
}

std::string error(SessionFixture& f, std::string_view in, std::string_view command,
                  const json& args = json::object()) {
    const InvokeResult r = f.session.invoke(in, command, args);
    CHECK_FALSE(r.ok);
    return r.error;
}

}  // namespace

TEST_CASE("plugins: window getters answer with Tauri's JSON shapes") {
    SessionFixture f(BusConfig{}, {"main"});
    CHECK(ok(f, "main", "plugin:window|scale_factor") == 1.0);
    CHECK(ok(f, "main", "plugin:window|inner_size") == json{{"width", 800}, {"height", 600}});
    CHECK(ok(f, "main", "plugin:window|outer_size") == json{{"width", 800}, {"height", 600}});
    CHECK(ok(f, "main", "plugin:window|inner_position") == json{{"x", 560}, {"y", 220}});
    CHECK(ok(f, "main", "plugin:window|outer_position") == json{{"x", 560}, {"y", 220}});
    CHECK(ok(f, "main", "plugin:window|title") == "Tauri App");
    CHECK(ok(f, "main", "plugin:window|theme") == "light");
    for (const char* flag : {"is_focused", "is_visible", "is_resizable", "is_decorated",
                             "is_maximizable", "is_minimizable", "is_closable", "is_enabled"}) {
        CHECK_MESSAGE(ok(f, "main", std::string("plugin:window|") + flag) == true, flag);
    }
    for (const char* flag : {"is_fullscreen", "is_minimized", "is_maximized", "is_always_on_top"}) {
        CHECK_MESSAGE(ok(f, "main", std::string("plugin:window|") + flag) == false, flag);
    }
    const json monitor = ok(f, "main", "plugin:window|current_monitor");
    CHECK(monitor["name"] == "EventLab Virtual Monitor");
    CHECK(monitor["size"] == json{{"width", 1920}, {"height", 1080}});
    CHECK(monitor["position"] == json{{"x", 0}, {"y", 0}});
    CHECK(monitor["workArea"]["position"] == json{{"x", 0}, {"y", 0}});
    CHECK(monitor["scaleFactor"] == 1.0);
    CHECK(ok(f, "main", "plugin:window|primary_monitor") == monitor);
    CHECK(ok(f, "main", "plugin:window|available_monitors") == json::array({monitor}));
    CHECK(ok(f, "main", "plugin:window|monitor_from_point", {{"x", 5000}, {"y", 0}}).is_null());
    CHECK(ok(f, "main", "plugin:window|cursor_position") == json{{"x", 0.0}, {"y", 0.0}});
}

TEST_CASE("plugins: a label names another window - an unknown one is `window not found`") {
    SessionFixture f(BusConfig{}, {"main", "settings"});
    REQUIRE(ok(f, "settings", "plugin:window|set_title", {{"value", "Settings"}}).is_null());
    CHECK(ok(f, "main", "plugin:window|title", {{"label", "settings"}}) == "Settings");
    CHECK(ok(f, "main", "plugin:window|title", {{"label", ""}}) == "Tauri App");
    CHECK(error(f, "main", "plugin:window|title", {{"label", "nope"}}) == "window not found");
    CHECK(error(f, "main", "plugin:window|close", {{"label", "nope"}}) == "window not found");
    CHECK(error(f, "main", "plugin:webview|webview_size", {{"label", "nope"}}) ==
          "webview not found");
    CHECK(error(f, "main", "plugin:window|set_title", {{"label", "main"}}) ==
          "invalid args `value` for command `set_title`: command set_title missing required key "
          "value");
    CHECK(error(f, "main", "plugin:window|set_size", {{"value", {{"Huge", 1}}}}) ==
          "invalid args `value` for command `set_size`: unknown variant `Huge`, expected "
          "`Physical` or `Logical`");
    CHECK(error(f, "main", "plugin:window|title", {{"label", 5}}) ==
          "invalid args `label` for command `title`: invalid type: integer `5`, expected a string");
}

TEST_CASE("plugins: setters change the state and emit Tauri's events to the window") {
    SessionFixture f(BusConfig{}, {"main", "other"});
    f.js("main", "tauri://resize", "resize", EventTarget::window("main"));
    f.js("main", "tauri://move", "move", EventTarget::webview_window("main"));
    f.js("main", "tauri://theme-changed", "theme", EventTarget::window("main"));
    f.js("other", "tauri://resize", "other resize", EventTarget::window("other"));
    f.js("other", "tauri://resize", "any resize");
    ok(f, "main", "plugin:window|set_size",
       {{"value", {{"Logical", {{"width", 1024}, {"height", 700}}}}}});
    f.session.bus().drain_all();
    CHECK(f.calls("resize") == 1);
    CHECK(json::parse(f.last_payload("resize")) == json{{"width", 1024}, {"height", 700}});
    CHECK(f.calls("other resize") == 0);  // emit_to_window: only that window's listeners
    CHECK(f.calls("any resize") == 1);    // and every Any listener
    // The same size again is no resize.
    ok(f, "main", "plugin:window|set_size",
       {{"value", {{"Physical", {{"width", 1024}, {"height", 700}}}}}});
    ok(f, "main", "plugin:window|maximize");
    f.session.bus().drain_all();
    CHECK(f.calls("resize") == 2);
    CHECK(f.calls("move") == 1);
    CHECK(ok(f, "main", "plugin:window|is_maximized") == true);
    CHECK(ok(f, "main", "plugin:window|inner_size") == json{{"width", 1920}, {"height", 1040}});
    ok(f, "main", "plugin:window|toggle_maximize");
    CHECK(ok(f, "main", "plugin:window|inner_size") == json{{"width", 1024}, {"height", 700}});
    ok(f, "main", "plugin:window|set_theme", {{"value", "dark"}});
    ok(f, "main", "plugin:window|set_theme", {{"value", nullptr}});
    f.session.bus().drain_all();
    CHECK(f.calls("theme") == 2);
    CHECK(f.last_payload("theme") == R"("light")");
    ok(f, "main", "plugin:window|set_resizable", {{"value", false}});
    CHECK(ok(f, "main", "plugin:window|is_resizable") == false);
    ok(f, "main", "plugin:window|hide");
    CHECK(ok(f, "main", "plugin:window|is_visible") == false);
}

TEST_CASE("plugins: webview commands and get_all_webviews with Tauri's snake_case keys") {
    SessionFixture f(BusConfig{}, {"main", "settings"});
    CHECK(ok(f, "main", "plugin:webview|get_all_webviews") ==
          json{{{"window_label", "main"}, {"label", "main"}},
               {{"window_label", "settings"}, {"label", "settings"}}});
    CHECK(ok(f, "main", "plugin:webview|webview_position") == json{{"x", 0}, {"y", 0}});
    CHECK(ok(f, "main", "plugin:webview|webview_size") == json{{"width", 800}, {"height", 600}});
    ok(f, "main", "plugin:webview|set_webview_size",
       {{"value", {{"Physical", {{"width", 300}, {"height", 200}}}}}});
    CHECK(ok(f, "main", "plugin:webview|webview_size") == json{{"width", 300}, {"height", 200}});
    CHECK(error(f, "main", "plugin:webview|reparent", {{"window", "settings"}}) ==
          "cannot reparent when using a WebviewWindow");
    ok(f, "main", "plugin:webview|create_webview_window",
       {{"options", {{"label", "popup"}, {"title", "Popup"}, {"width", 320}, {"height", 240}}}});
    CHECK(f.session.bus().is_alive("popup"));
    CHECK(ok(f, "main", "plugin:window|title", {{"label", "popup"}}) == "Popup");
    CHECK(ok(f, "popup", "plugin:window|is_focused") == true);
    CHECK(error(f, "main", "plugin:webview|create_webview_window",
                {{"options", {{"label", "popup"}}}}) ==
          "a window with label `popup` already exists");
    ok(f, "popup", "plugin:webview|webview_close");
    CHECK_FALSE(f.session.bus().is_alive("popup"));
}

TEST_CASE("plugins: app commands from AppInfo - path commands in the app's sandbox") {
    SessionFixture f(BusConfig{}, {"main"});
    AppInfo app;
    app.name = "notes";
    app.version = "1.2.3";
    app.identifier = "com.example.notes";
    app.sandbox_root = "/sandboxes";
    f.session.set_app(app);
    CHECK(ok(f, "main", "plugin:app|name") == "notes");
    CHECK(ok(f, "main", "plugin:app|version") == "1.2.3");
    CHECK(ok(f, "main", "plugin:app|identifier") == "com.example.notes");
    CHECK(ok(f, "main", "plugin:app|tauri_version") == "2.12.7");
    CHECK(ok(f, "main", "plugin:app|supports_multiple_windows") == true);
    CHECK(ok(f, "main", "plugin:app|bundle_type").is_null());
    CHECK(ok(f, "main", "plugin:path|resolve_directory", {{"directory", 14}}) ==
          "/sandboxes/com.example.notes/home/.local/share/com.example.notes");
    CHECK(ok(f, "main", "plugin:path|resolve_directory", {{"directory", 12}, {"path", "x"}}) ==
          "/sandboxes/com.example.notes/tmp/x");
    CHECK(error(f, "main", "plugin:path|resolve_directory", {{"directory", 99}})
              .starts_with("invalid args `directory` for command `resolve_directory`: invalid "
                           "value: 99, expected "
                           "one of: 1, 2, 3"));
    CHECK(ok(f, "main", "plugin:path|join", {{"paths", {"a", "b"}}}) == "a/b");
    CHECK(ok(f, "main", "plugin:path|basename", {{"path", "/a/b.txt"}, {"ext", ".txt"}}) == "b");
    CHECK(error(f, "main", "plugin:path|dirname", {{"path", "/"}}) ==
          "path does not have a parent");
    CHECK(error(f, "main", "plugin:path|extname", {{"path", "/a/b"}}) ==
          "path does not have an extension");
    CHECK(ok(f, "main", "plugin:path|is_absolute", {{"path", "/a"}}) == true);
    // set_app_theme: every window takes it, and each says so.
    f.js("main", "tauri://theme-changed", "theme", EventTarget::window("main"));
    ok(f, "main", "plugin:app|set_app_theme", {{"theme", "dark"}});
    f.session.bus().drain_all();
    CHECK(f.last_payload("theme") == R"("dark")");
}

TEST_CASE("plugins: invoke records say what a plugin command did - event commands are the bus's") {
    SessionFixture f(BusConfig{}, {"main"});
    ok(f, "main", "plugin:window|title");
    ok(f, "main", "plugin:event|emit", {{"event", "x"}, {"payload", 1}});
    const auto invokes = f.sink->of("invoke");
    REQUIRE(invokes.size() == 1);
    CHECK(invokes[0]["command"] == "plugin:window|title");
    CHECK(invokes[0]["result"] == "Tauri App");
    CHECK(f.sink->of("emit").size() == 1);
}

TEST_CASE("plugins: a scenario may stand in for another plugin by declaring its commands") {
    SessionFixture f(BusConfig{}, {"main"});
    DeclaredCommand load;
    load.name = "plugin:store|load";
    load.returns = 7;
    f.session.add_commands({load});
    CHECK(ok(f, "main", "plugin:store|load") == 7);
    CHECK(error(f, "main", "plugin:opener|open_url") == "plugin opener not found");
    // The core plugins are EventLab's own.
    DeclaredCommand title;
    title.name = "plugin:window|title";
    title.returns = "declared";
    f.session.add_commands({title});
    CHECK(ok(f, "main", "plugin:window|title") == "Tauri App");
}

TEST_CASE("plugins: a scenario's invoke step from a simulated window answers as a page's does") {
    const ScenarioRun run = run_scenario_text(R"({
      "windows": ["main", "settings"],
      "steps": [
        {"op": "invoke", "in": "main", "command": "plugin:window|inner_size", "name": "size"},
        {"op": "invoke", "in": "main", "command": "plugin:window|set_title",
         "args": {"label": "settings", "value": "Prefs"}},
        {"op": "invoke", "in": "main", "command": "plugin:window|title",
         "args": {"label": "settings"}, "name": "title"},
        {"op": "invoke", "in": "main", "command": "plugin:window|title",
         "args": {"label": "nobody"}, "name": "missing"},
        {"op": "expect", "payload": {"size": {"width": 800, "height": 600}, "title": "Prefs",
                                     "missing": "window not found"}}
      ]
    })");
    for (const ExpectOutcome& o : run.report.outcomes)
        CHECK_MESSAGE(o.ok, o.path << ": " << o.message);
    REQUIRE(run.report.outcomes.size() == 1);
}
