// Loading a Tauri project as `--project PATH` does: any of the three paths a user may give, the
// config's windows with Tauri's defaults, and errors that name the file and the JSON pointer.
#include <doctest/doctest.h>

#include "acl_fixture.h"

using namespace eventlab::acl;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::acl::test;  // NOLINT(google-build-using-namespace): test file

TEST_CASE("acl project: the app folder - its src-tauri folder and its tauri.conf.json load alike") {
    const std::string app = fixture_project("vanilla-ts");
    for (const std::string& path : {app, app + "/src-tauri", app + "/src-tauri/tauri.conf.json"}) {
        CAPTURE(path);
        auto project = load_project(path);
        REQUIRE_MESSAGE(project.ok(), project.error());
        CHECK(project->identifier == "com.eventlab.tauri-app");
        CHECK(project->product_name == "tauri-app");
        CHECK(project->version == "0.1.0");
        CHECK(project->dev_url == "http://localhost:1420");
        CHECK(project->frontend_dist == "../dist");
        CHECK(project->config_file == app + "/src-tauri/tauri.conf.json");
        CHECK(project->dir == app);
        CHECK(project.warnings().empty());
    }
}

TEST_CASE("acl project: the template's one window is main - with Tauri's defaults for the rest") {
    const Project p = load_fixture("vanilla-ts");
    REQUIRE(p.windows.size() == 1);
    const WindowConfig& w = p.windows[0];
    CHECK(w.label == "main");  // the template names no label
    CHECK(w.title == "tauri-app");
    CHECK(w.width == 800);
    CHECK(w.height == 600);
    CHECK_FALSE(w.x.has_value());
    CHECK_FALSE(w.y.has_value());
    CHECK(w.visible);
    CHECK(w.resizable);
    CHECK(w.decorations);
    CHECK(w.focus);
    CHECK(w.create);
    CHECK_FALSE(w.maximized);
    CHECK_FALSE(w.fullscreen);
    CHECK_FALSE(w.always_on_top);
    CHECK_FALSE(w.center);
    CHECK_FALSE(w.theme.has_value());
    CHECK(w.url == "index.html");
    CHECK(p.window("main") == &p.windows[0]);
    CHECK(p.window("settings") == nullptr);
}

TEST_CASE("acl project: withGlobalTauri is read - the vanilla template sets it") {
    CHECK(load_fixture("vanilla").with_global_tauri);
    CHECK_FALSE(load_fixture("vanilla-ts").with_global_tauri);
}

TEST_CASE("acl project: an empty window object gets every default Tauri gives") {
    TempProject t;
    t.config_with_app(R"({"windows": [{}]})");
    const Project p = t.loaded();
    REQUIRE(p.windows.size() == 1);
    const WindowConfig& w = p.windows[0];
    CHECK(w.label == "main");
    CHECK(w.title == "Tauri App");
    CHECK(w.width == 800);
    CHECK(w.height == 600);
    CHECK(w.title_bar_style == "Visible");
    CHECK(w.shadow);
    CHECK(w.closable);
    CHECK(w.maximizable);
    CHECK(w.minimizable);
    CHECK(w.focusable);
    CHECK(w.drag_drop_enabled);
}

TEST_CASE("acl project: every window field the config sets is read - in either spelling") {
    TempProject t;
    t.config_with_app(R"({"windows": [
        {"label": "settings", "title": "Settings", "width": 400, "height": 300.5, "x": 10, "y": -20,
         "minWidth": 200, "maxHeight": 900, "visible": false, "resizable": false, "maximized": true,
         "fullscreen": true, "focus": false, "decorations": false, "theme": "Dark", "center": true,
         "alwaysOnTop": true, "always-on-bottom": true, "skip-taskbar": true,
         "titleBarStyle": "overlay", "url": "settings.html", "parent": "main", "devtools": true},
        {"label": "light", "theme": "light", "create": false}]})");
    const Project p = t.loaded();
    REQUIRE(p.windows.size() == 2);
    const WindowConfig& w = p.windows[0];
    CHECK(w.label == "settings");
    CHECK(w.title == "Settings");
    CHECK(w.width == 400);
    CHECK(w.height == 300.5);
    CHECK(w.x == 10);
    CHECK(w.y == -20);
    CHECK(w.min_width == 200);
    CHECK(w.max_height == 900);
    CHECK_FALSE(w.visible);
    CHECK_FALSE(w.resizable);
    CHECK(w.maximized);
    CHECK(w.fullscreen);
    CHECK_FALSE(w.focus);
    CHECK_FALSE(w.decorations);
    CHECK(w.theme == Theme::Dark);
    CHECK(w.center);
    CHECK(w.always_on_top);
    CHECK(w.always_on_bottom);
    CHECK(w.skip_taskbar);
    CHECK(w.title_bar_style == "Overlay");
    CHECK(w.url == "settings.html");
    CHECK(w.parent == "main");
    CHECK(w.devtools == true);
    CHECK(p.windows[1].theme == Theme::Light);
    CHECK_FALSE(p.windows[1].create);
}

TEST_CASE("acl project: a wrong type names the config file and the JSON pointer") {
    TempProject t;
    t.config_with_app(R"({"windows": [{"label": "main"}, {"label": "b", "width": "800"}]})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() ==
          t.path("tauri.conf.json") + R"(: /app/windows/1/width: expected a number; got "800")");

    t.config_with_app(R"({"withGlobalTauri": "yes"})");
    p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() ==
          t.path("tauri.conf.json") + R"(: /app/withGlobalTauri: expected a boolean; got "yes")");
}

TEST_CASE("acl project: the identifier is required - as in Tauri") {
    TempProject t;
    t.file("tauri.conf.json", R"({"productName": "x"})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("tauri.conf.json") +
                           R"(: the config needs "identifier" (a string such as com.example.app))");
}

TEST_CASE("acl project: two windows with one label and a label Tauri rejects are errors") {
    TempProject t;
    t.config_with_app(R"({"windows": [{}, {"title": "again"}]})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("tauri.conf.json") +
                           R"(: /app/windows/1: a window with label "main" already exists )"
                           "(/app/windows/0)");

    t.config_with_app(R"({"windows": [{"label": "my window"}]})");
    p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().starts_with(t.path("tauri.conf.json") + ": /app/windows/0/label: Window label "
                                                            "must include only alphanumeric"));
}

TEST_CASE("acl project: unknown fields are warnings with their pointer - the project still loads") {
    TempProject t;
    t.config_with_app(R"({"windows": [{"titel": "typo"}], "withGlobalTauri": true})");
    auto p = t.load();
    REQUIRE_MESSAGE(p.ok(), p.error());
    CHECK(p->with_global_tauri);
    REQUIRE(p.warnings().size() == 1);
    CHECK(p.warnings()[0] ==
          t.path("tauri.conf.json") + ": /app/windows/0/titel: unknown field, ignored");
}

TEST_CASE("acl project: a version can name package.json - as Tauri allows") {
    TempProject t;
    t.file("../package.json", R"({"name": "app", "version": "1.4.2-beta.1"})");
    t.file("tauri.conf.json", R"({"identifier": "com.example.v", "version": "../package.json"})");
    CHECK(t.loaded().version == "1.4.2-beta.1");

    t.file("tauri.conf.json", R"({"identifier": "com.example.v", "version": "1.2"})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("tauri.conf.json") +
                           ": /version: `tauri.conf.json > version` must be a semver string");

    t.file("../package.json", R"({"name": "app"})");
    t.file("tauri.conf.json", R"({"identifier": "com.example.v", "version": "../package.json"})");
    p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().ends_with("JSON must contain a `version` field"));
}

TEST_CASE("acl project: a path that holds no Tauri project says what to give") {
    TempProject t;
    std::filesystem::remove_all(t.tauri_dir());
    auto p = load_project(t.dir());
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().starts_with(t.dir() + ": no src-tauri/tauri.conf.json"));

    p = load_project(t.dir() + "/nowhere");
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.dir() + "/nowhere: no such file or folder");
}

TEST_CASE("acl project: a JSON syntax error names the file - line and column") {
    TempProject t;
    t.file("tauri.conf.json", "{\n  \"identifier\": \"x\",\n}");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().starts_with(t.path("tauri.conf.json") + ":3:1: "));
}

TEST_CASE("acl project: Tauri.toml is read - with its kebab-case names") {
    TempProject t;
    t.file("Tauri.toml", R"(identifier = "com.example.toml"
product-name = "toml-app"

[app]
with-global-tauri = true

[[app.windows]]
label = "main"
title = "From TOML"
always-on-top = true
width = 640
)");
    const Project p = t.loaded();
    CHECK(p.config_file == t.path("Tauri.toml"));
    CHECK(p.identifier == "com.example.toml");
    CHECK(p.product_name == "toml-app");
    CHECK(p.with_global_tauri);
    REQUIRE(p.windows.size() == 1);
    CHECK(p.windows[0].title == "From TOML");
    CHECK(p.windows[0].always_on_top);
    CHECK(p.windows[0].width == 640);

    t.file("Tauri.toml", "identifier = \"x\"\n[app\n");
    auto broken = t.load();
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().starts_with(t.path("Tauri.toml") + ":2:"));
}

TEST_CASE("acl project: tauri.conf.json5 is refused - naming the file") {
    TempProject t;
    t.file("tauri.conf.json5", "{identifier: 'com.example.json5'}");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().starts_with(t.path("tauri.conf.json5") + ": EventLab cannot read JSON5"));
}

TEST_CASE("acl project: tauri.linux.conf.json is merged over the config - as Tauri merges it") {
    TempProject t;
    t.config_with_app(R"({"windows": [{"title": "all"}], "withGlobalTauri": false})");
    t.file("tauri.linux.conf.json", R"({"app": {"withGlobalTauri": true}})");
    t.file("tauri.macos.conf.json", R"({"identifier": "com.example.mac"})");
    const Project linux = t.loaded();
    CHECK(linux.with_global_tauri);
    CHECK(linux.identifier == "com.example.test");
    CHECK(linux.platform_config_file == t.path("tauri.linux.conf.json"));
    CHECK(linux.windows.at(0).title == "all");  // untouched by the patch

    const Project mac = t.loaded(ProjectOptions{.platform = Platform::MacOS});
    CHECK(mac.identifier == "com.example.mac");
    CHECK_FALSE(mac.with_global_tauri);
}
