// The permission check of each invoke, against the texts a debug build of Tauri gives
// (crates/tauri/src/ipc/authority.rs, resolve_access_message), and the advice that goes with a
// refusal: which permission to add to which capability file.
#include <doctest/doctest.h>

#include "acl_fixture.h"

using namespace eventlab::acl;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::acl::test;  // NOLINT(google-build-using-namespace): test file
using Verdict = AccessDecision::Verdict;

namespace {

Authority fixture_authority(std::string_view name, const AclRules& rules = newest_acl_rules()) {
    return Authority(load_fixture(name, ProjectOptions{.rules = &rules}));
}

// A project with these capability files (NAME.json -> text) and windows main and settings.
Authority with_capabilities(const std::vector<std::pair<std::string, std::string>>& files,
                            std::string_view manifests = {}) {
    TempProject t;
    t.config_with_app(R"({"windows": [{"label": "main"}, {"label": "settings"}]})");
    for (const auto& [name, text] : files)
        t.file("capabilities/" + name + ".json", text);
    if (!manifests.empty()) t.file("gen/schemas/acl-manifests.json", manifests);
    return Authority(t.loaded());
}

}  // namespace

TEST_CASE("acl authority: core:default allows the template's getters - not its setters") {
    const Authority a = fixture_authority("vanilla-ts");
    for (const char* allowed :
         {"plugin:window|title", "plugin:window|inner_size", "plugin:window|is_maximized",
          "plugin:event|listen", "plugin:event|emit_to", "plugin:app|version",
          "plugin:path|resolve_directory", "plugin:webview|get_all_webviews",
          "plugin:opener|open_url"}) {
        CAPTURE(allowed);
        const AccessDecision d = check(a, allowed);
        CHECK(d.verdict == Verdict::Allowed);
        CHECK_FALSE(d.grants.empty());
    }
    for (const char* refused :
         {"plugin:window|set_title", "plugin:window|destroy", "plugin:window|close",
          "plugin:app|exit", "plugin:opener|open_path"}) {
        CAPTURE(refused);
        CHECK(check(a, refused).verdict == Verdict::Refused);
    }
}

TEST_CASE("acl authority: a command no capability grants - Tauri's text with its permissions") {
    const Authority a = fixture_authority("vanilla-ts");
    CHECK(outcome(a, "plugin:window|set_title") ==
          "window.set_title not allowed. Permissions associated with this command: "
          "core:window:allow-set-title");
    CHECK(outcome(a, "plugin:opener|open_path") ==
          "opener.open_path not allowed. Permissions associated with this command: "
          "opener:allow-open-path");
    const AccessDecision d = check(a, "plugin:window|set_title");
    REQUIRE(d.refusal);
    CHECK(d.refusal->kind == RefusalKind::NotAllowed);
    CHECK(d.refusal->detail == NotAllowedDetail::PermissionsAssociated);
    CHECK(d.refusal->release_message == "Command plugin:window|set_title not allowed by ACL");
}

TEST_CASE("acl authority: 2.0.6 names the permissions by the command's plugin - not core:") {
    const Authority a = fixture_authority("vanilla-ts", *acl_rules("2.0.6"));
    CHECK(outcome(a, "plugin:window|set_title") ==
          "window.set_title not allowed. Permissions associated with this command: "
          "window:allow-set-title");
    const AccessDecision d = check(a, "plugin:window|set_title");
    REQUIRE(d.refusal);
    // The advice names a permission a capability accepts all the same.
    CHECK(d.refusal->advice.permissions.front() == "core:window:allow-set-title");
}

TEST_CASE("acl authority: an unknown plugin - and an unknown command of a known plugin") {
    const Authority a = fixture_authority("vanilla-ts");
    CHECK(outcome(a, "plugin:store|load") == "store.load not allowed. Plugin not found");
    CHECK(outcome(a, "plugin:window|fly") == "window.fly not allowed. Command not found");
    const AccessDecision unknown = check(a, "plugin:store|load");
    REQUIRE(unknown.refusal);
    CHECK(unknown.refusal->detail == NotAllowedDetail::PluginNotFound);
    CHECK(unknown.refusal->advice.permissions.empty());
    CHECK(unknown.refusal->advice.text() == R"(the app has no plugin "store")");
    const AccessDecision fly = check(a, "plugin:window|fly");
    REQUIRE(fly.refusal);
    CHECK(fly.refusal->detail == NotAllowedDetail::CommandNotFound);
}

TEST_CASE(
    "acl authority: a permission of the default set lists the set too - sorted as Tauri does") {
    const Authority a = with_capabilities(
        {{"main",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["core:event:default"]})"}});
    CHECK(outcome(a, "plugin:window|title") ==
          "window.title not allowed. Permissions associated with this command: "
          "core:window:allow-title, core:window:default");
    const AccessDecision d = check(a, "plugin:window|title");
    REQUIRE(d.refusal);
    CHECK(d.refusal->advice.permissions ==
          std::vector<std::string>{"core:window:allow-title", "core:window:default"});
}

TEST_CASE("acl authority: granted to another window - the text names where it is allowed") {
    const Authority a = fixture_authority("vanilla-ts");
    CHECK(outcome(a, "plugin:window|title", "settings") ==
          "window.title not allowed on window \"settings\", webview \"settings\", URL: local\n\n"
          "allowed on: [windows: \"main\", URL: local]\n\n"
          "referenced by: capability: default, permission: allow-title");
    const AccessDecision d = check(a, "plugin:window|title", "settings");
    REQUIRE(d.refusal);
    CHECK(d.refusal->kind == RefusalKind::NotAllowedHere);
    REQUIRE(d.refusal->grants.size() == 1);
    CHECK(d.refusal->grants[0].capability == "default");
}

TEST_CASE("acl authority: the other-window text lists every grant - windows and webviews sorted") {
    const Authority a = with_capabilities(
        {{"a", R"({"identifier": "a", "windows": ["main", "aux-*"], "webviews": ["view"],
                   "permissions": ["core:window:allow-set-title"]})"},
         {"b", R"({"identifier": "b", "windows": ["tool"], "permissions": ["core:window:default",
                   "core:window:allow-set-title"]})"}});
    CHECK(
        outcome(a, "plugin:window|set_title", "settings") ==
        "window.set_title not allowed on window \"settings\", webview \"settings\", URL: local\n\n"
        "allowed on: [windows: \"aux-*\", \"main\", webviews: \"view\", URL: local], "
        "[windows: \"tool\", URL: local]\n\n"
        "referenced by: capability: a, permission: allow-set-title || capability: b, "
        "permission: allow-set-title");
    CHECK(outcome(a, "plugin:window|set_title", "aux-2") == "allowed");
    // A webview pattern alone grants it, whatever the window.
    CHECK(a.check({"plugin:window|set_title", "settings", "view", {}}).verdict == Verdict::Allowed);
}

TEST_CASE("acl authority: a deny beats an allow - in the same capability or another") {
    const Authority a =
        with_capabilities({{"main", R"({"identifier": "main", "windows": ["*"],
                      "permissions": ["core:default", "core:window:allow-close"]})"},
                           {"locked", R"({"identifier": "locked", "windows": ["settings"],
                        "permissions": ["core:window:deny-close"]})"}});
    // A deny applies whatever the window: Tauri does not look at windows for denies.
    for (const char* window : {"main", "settings"}) {
        CAPTURE(window);
        CHECK(outcome(a, "plugin:window|close", window) ==
              "window.close explicitly denied on origin local\n\n"
              "referenced by: capability: locked, permission: deny-close");
    }
    const AccessDecision d = check(a, "plugin:window|close");
    REQUIRE(d.refusal);
    CHECK(d.refusal->kind == RefusalKind::ExplicitlyDenied);
    CHECK(d.refusal->advice.remove == std::vector<std::string>{"core:window:deny-close"});
    CHECK(d.refusal->advice.text() ==
          R"(remove "core:window:deny-close" from "permissions" of capability "locked" in )"
          "src-tauri/capabilities/locked.json");
    CHECK(outcome(a, "plugin:window|title") == "allowed");
}

TEST_CASE("acl authority: a capability can allow what the default refuses") {
    const Authority before = fixture_authority("vanilla-ts");
    CHECK(check(before, "plugin:window|set_title").verdict == Verdict::Refused);
    const Authority after = with_capabilities(
        {{"default",
          R"({"identifier": "default", "windows": ["main"], "permissions": ["core:default"]})"},
         {"titles", R"({"identifier": "titles", "windows": ["main"],
                        "permissions": ["core:window:allow-set-title"]})"}});
    CHECK(outcome(after, "plugin:window|set_title") == "allowed");
    CHECK(outcome(after, "plugin:window|set_size") ==
          "window.set_size not allowed. Permissions associated with this command: "
          "core:window:allow-set-size");
}

TEST_CASE("acl authority: sets within sets resolve to their permissions - across plugins") {
    // A plugin whose default holds a set, which holds another set and a core permission.
    constexpr std::string_view kManifests = R"({"demo": {
        "default_permission": {"identifier": "default", "description": "d",
                               "permissions": ["outer"]},
        "permissions": {
            "allow-ping": {"identifier": "allow-ping", "commands": {"allow": ["ping"], "deny": []}},
            "allow-pong": {"identifier": "allow-pong", "commands": {"allow": ["pong"], "deny": []}},
            "deny-pong": {"identifier": "deny-pong", "commands": {"allow": [], "deny": ["pong"]}}},
        "permission_sets": {
            "outer": {"identifier": "outer", "description": "o",
                      "permissions": ["inner", "core:window:allow-set-title"]},
            "inner": {"identifier": "inner", "description": "i", "permissions": ["allow-ping"]}},
        "global_scope_schema": null}})";
    const Authority a = with_capabilities(
        {{"main",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["demo:default"]})"}},
        kManifests);
    CHECK(outcome(a, "plugin:demo|ping") == "allowed");
    CHECK(outcome(a, "plugin:window|set_title") == "allowed");  // reached through demo's set
    // Tauri lists the sets too; its own search stays inside the plugin.
    CHECK(outcome(a, "plugin:demo|pong") ==
          "demo.pong not allowed. Permissions associated with this command: demo:allow-pong");

    const Authority nested =
        with_capabilities({{"main", R"({"identifier": "main", "windows": ["main"],
                      "permissions": ["core:event:default"]})"}},
                          kManifests);
    CHECK(outcome(nested, "plugin:demo|ping") ==
          "demo.ping not allowed. Permissions associated with this command: demo:allow-ping, "
          "demo:default, demo:inner, demo:outer");
}

TEST_CASE("acl authority: a capability's windows it does not match get nothing from it") {
    const Authority a = with_capabilities(
        {{"main",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default"]})"},
         {"none", R"({"identifier": "none", "permissions": ["core:window:allow-set-title"]})"}});
    CHECK(outcome(a, "plugin:window|title", "settings").starts_with("window.title not allowed on"));
    // A capability with no windows and no webviews applies nowhere.
    CHECK(
        outcome(a, "plugin:window|set_title")
            .starts_with(
                "window.set_title not allowed on window \"main\", webview \"main\", URL: local\n\n"
                "allowed on: [URL: local]"));
}

TEST_CASE("acl authority: app commands go unchecked - unless the app has permissions of its own") {
    const Authority a = fixture_authority("vanilla-ts");
    CHECK(check(a, "greet").verdict == Verdict::Unchecked);
    CHECK(check(a, "plugin:__TAURI_CHANNEL__|fetch").verdict == Verdict::Unchecked);

    constexpr std::string_view kAppManifest = R"({"__app-acl__": {
        "default_permission": null,
        "permissions": {
            "allow-greet": {"identifier": "allow-greet", "commands": {"allow": ["greet"], "deny": []}}},
        "permission_sets": {}, "global_scope_schema": null}})";
    const Authority checked = with_capabilities(
        {{"main",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["allow-greet"]})"}},
        kAppManifest);
    CHECK(outcome(checked, "greet") == "allowed");
    CHECK(outcome(checked, "greet", "settings") ==
          "greet not allowed on window \"settings\", webview \"settings\", URL: local\n\n"
          "allowed on: [windows: \"main\", URL: local]\n\n"
          "referenced by: capability: main, permission: allow-greet");
    CHECK(outcome(checked, "save") == "save not allowed. Command not found");
}

TEST_CASE("acl authority: without a project everything is allowed - unchecked") {
    const Authority none;
    CHECK_FALSE(none.has_project());
    for (const char* command :
         {"plugin:window|destroy", "plugin:window|set_title", "plugin:store|load", "greet"}) {
        CAPTURE(command);
        const AccessDecision d = check(none, command);
        CHECK(d.allowed());
        CHECK(d.verdict == Verdict::Unchecked);
    }
}

TEST_CASE("acl authority: remote pages - a capability for their URL and local ones apart") {
    const Authority a = with_capabilities(
        {{"main",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default"]})"},
         {"web", R"({"identifier": "web", "windows": ["main"], "local": false,
                     "remote": {"urls": ["https://*.example.com"]},
                     "permissions": ["core:window:allow-set-title"]})"}});
    const auto remote = [&](std::string_view command, std::string url) {
        return a.check({command, "main", "main", Origin::remote(std::move(url))});
    };
    CHECK(remote("plugin:window|set_title", "https://app.example.com/page").verdict ==
          Verdict::Allowed);
    CHECK(outcome(a, "plugin:window|set_title") ==
          "window.set_title not allowed on window \"main\", webview \"main\", URL: local\n\n"
          "allowed on: [windows: \"main\", URL: https://*.example.com]\n\n"
          "referenced by: capability: web, permission: allow-set-title");
    const AccessDecision other = remote("plugin:window|set_title", "https://evil.test/");
    REQUIRE(other.refusal);
    CHECK(
        other.refusal->message.starts_with("window.set_title not allowed on window \"main\", "
                                           "webview \"main\", URL: https://evil.test/"));
    // 2.12.7 checks a remote page's app commands even without an app manifest.
    CHECK(remote("greet", "https://app.example.com/").verdict == Verdict::Refused);
}

TEST_CASE("acl authority: the advice names the capability file of the window") {
    const Authority a = fixture_authority("vanilla-ts");
    const AccessDecision main = check(a, "plugin:window|set_title");
    REQUIRE(main.refusal);
    const Advice& advice = main.refusal->advice;
    CHECK(advice.capability == "default");
    CHECK(advice.file == "src-tauri/capabilities/default.json");
    CHECK(advice.pointer == "/permissions");
    CHECK_FALSE(advice.add_window);
    CHECK(advice.text() == R"(add "core:window:allow-set-title" to "permissions" of capability )"
                           R"("default" in src-tauri/capabilities/default.json)");

    // A window default.json does not match: the same file, and the window to add.
    const AccessDecision settings = check(a, "plugin:window|set_title", "settings");
    REQUIRE(settings.refusal);
    CHECK(settings.refusal->advice.add_window);
    CHECK(settings.refusal->advice.text() ==
          R"(add "core:window:allow-set-title" to "permissions" of capability "default" in )"
          R"(src-tauri/capabilities/default.json, and "settings" to its "windows")");
}

TEST_CASE("acl authority: the advice picks a capability whose windows match - else a new file") {
    const Authority a = with_capabilities(
        {{"main",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default"]})"},
         {"tools",
          R"({"identifier": "tools", "windows": ["set*"], "permissions": ["core:app:default"]})"}});
    const AccessDecision settings = check(a, "plugin:window|set_title", "settings");
    REQUIRE(settings.refusal);
    CHECK(settings.refusal->advice.capability == "tools");
    CHECK(settings.refusal->advice.file == "src-tauri/capabilities/tools.json");

    const AccessDecision other = check(a, "plugin:window|set_title", "other");
    REQUIRE(other.refusal);
    CHECK(other.refusal->advice.capability.empty());
    CHECK(other.refusal->advice.text() ==
          "create src-tauri/capabilities/default.json with a capability whose \"windows\" hold "
          "\"other\" and whose \"permissions\" hold \"core:window:allow-set-title\"");
}

TEST_CASE(
    "acl authority: the capabilities of a caller - by window or webview and kind of page and OS") {
    const Authority a = with_capabilities(
        {{"main",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default"]})"},
         {"tools",
          R"({"identifier": "tools", "windows": ["set*"], "webviews": ["panel"],
              "permissions": ["core:app:default"]})"},
         {"web", R"({"identifier": "web", "windows": ["*"], "local": false,
                     "remote": {"urls": ["https://*.example.com"]},
                     "permissions": ["core:window:allow-set-title"]})"},
         {"mac", R"({"identifier": "mac", "windows": ["*"], "platforms": ["macOS"],
                     "permissions": ["core:window:default"]})"}});
    REQUIRE(a.project() != nullptr);
    const auto ids = [&](const AccessRequest& request) {
        std::vector<std::string> out;
        for (const Capability* c : capabilities_for(*a.project(), request))
            out.push_back(c->identifier);
        return out;
    };
    CHECK(ids({"", "main", "main", {}}) == std::vector<std::string>{"main"});
    CHECK(ids({"", "settings", "settings", {}}) == std::vector<std::string>{"tools"});
    CHECK(ids({"", "other", "panel", {}}) == std::vector<std::string>{"tools"});  // by webview
    CHECK(ids({"", "other", "other", {}}).empty());
    CHECK(ids({"", "main", "main", Origin::remote("https://app.example.com/")}) ==
          std::vector<std::string>{"web"});
}
