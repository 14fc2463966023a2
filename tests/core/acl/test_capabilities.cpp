// Which capabilities a project has, as Tauri selects them (every file when the config lists
// none, else the listed ones), in which files, and what they reference.
#include <doctest/doctest.h>

#include "acl_fixture.h"

using namespace eventlab::acl;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::acl::test;  // NOLINT(google-build-using-namespace): test file

namespace {

std::vector<std::string> identifiers(const Project& p) {
    std::vector<std::string> out;
    for (const Capability& c : p.capabilities)
        out.push_back(c.identifier);
    return out;
}

constexpr std::string_view kMain = R"({"identifier": "main-cap", "windows": ["main"],
                                       "permissions": ["core:default"]})";
constexpr std::string_view kSettings = R"({"identifier": "settings-cap", "windows": ["settings"],
                                           "permissions": ["core:window:allow-set-title"]})";

}  // namespace

TEST_CASE("acl capabilities: the template's default.json with its file and permissions") {
    const Project p = load_fixture("vanilla-ts");
    REQUIRE(p.capabilities.size() == 1);
    const Capability& c = p.capabilities[0];
    CHECK(c.identifier == "default");
    CHECK(c.description == "Capability for the main window");
    CHECK(c.windows == std::vector<std::string>{"main"});
    CHECK(c.local);
    REQUIRE(c.permissions.size() == 2);
    CHECK(c.permissions[0].id.text() == "core:default");
    CHECK(c.permissions[1].id.text() == "opener:default");
    CHECK(c.source.file == "src-tauri/capabilities/default.json");
    CHECK(c.source.pointer.empty());
    CHECK_FALSE(c.source.in_config);
    CHECK_FALSE(p.capabilities_listed);
    CHECK(p.acl_manifests_file.has_value());
}

TEST_CASE("acl capabilities: every file counts when the config lists none - in identifier order") {
    TempProject t;
    t.config_with_app(R"({"windows": [{}]})");
    t.file("capabilities/z-main.json", kMain);
    t.file("capabilities/nested/settings.json", kSettings);
    t.file("capabilities/schemas/desktop-schema.json", R"({"not": "a capability"})");
    t.file("capabilities/notes.md", "not read");
    CHECK(identifiers(t.loaded()) == std::vector<std::string>{"main-cap", "settings-cap"});
}

TEST_CASE("acl capabilities: a config that lists capabilities gets those only - inline ones too") {
    TempProject t;
    t.file("capabilities/main.json", kMain);
    t.file("capabilities/settings.json", kSettings);
    t.config_with_app(R"({"security": {"capabilities": ["settings-cap",
        {"identifier": "inline", "windows": ["*"], "permissions": ["core:app:default"]}]}})");
    const Project p = t.loaded();
    CHECK(identifiers(p) == std::vector<std::string>{"inline", "settings-cap"});
    CHECK(p.capabilities_listed);
    const Capability& inline_cap = p.capabilities[0];
    CHECK(inline_cap.source.in_config);
    CHECK(inline_cap.source.file == "src-tauri/tauri.conf.json");
    CHECK(inline_cap.source.pointer == "/app/security/capabilities/1");
}

TEST_CASE("acl capabilities: a listed identifier no file defines is an error - as in Tauri") {
    TempProject t;
    t.file("capabilities/main.json", kMain);
    t.config_with_app(R"({"security": {"capabilities": ["main-cap", "missing"]}})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("tauri.conf.json") +
                           ": /app/security/capabilities/1: capability with identifier missing "
                           "not found");
}

TEST_CASE("acl capabilities: one identifier in two files is an error naming both") {
    TempProject t;
    t.config_with_app("{}");
    t.file("capabilities/a.json", kMain);
    t.file("capabilities/b.json", kMain);
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("capabilities/b.json") +
                           ": capability with identifier `main-cap` already exists (in " +
                           t.path("capabilities/a.json") + ")");
}

TEST_CASE("acl capabilities: a file may hold a list - or a named list - of capabilities") {
    TempProject t;
    t.config_with_app("{}");
    t.file("capabilities/list.json", "[" + std::string(kMain) + "]");
    t.file("capabilities/named.json", R"({"capabilities": [)" + std::string(kSettings) + "]}");
    const Project p = t.loaded();
    REQUIRE(identifiers(p) == std::vector<std::string>{"main-cap", "settings-cap"});
    CHECK(p.capabilities[0].source.pointer == "/0");
    CHECK(p.capabilities[1].source.pointer == "/capabilities/0");
}

TEST_CASE("acl capabilities: TOML capability files are read - JSON5 ones refused by name") {
    TempProject t;
    t.config_with_app("{}");
    t.file("capabilities/main.toml", R"(identifier = "toml-cap"
windows = ["main"]
permissions = ["core:event:default", { identifier = "core:window:allow-set-title" }]
)");
    const Project p = t.loaded();
    REQUIRE(identifiers(p) == std::vector<std::string>{"toml-cap"});
    CHECK(p.capabilities[0].permissions.at(1).extended);

    t.file("capabilities/other.json5", "{identifier: 'x'}");
    auto refused = t.load();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().starts_with(t.path("capabilities/other.json5") +
                                      ": EventLab cannot read JSON5"));
}

TEST_CASE("acl capabilities: mistakes in a capability name its file and pointer") {
    TempProject t;
    t.config_with_app("{}");
    t.file("capabilities/bad.json", R"({"identifier": "bad", "windows": ["ma[in"],
                                        "permissions": []})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("capabilities/bad.json") +
                           ": /windows/0: Pattern syntax error near position 2: invalid range "
                           "pattern");

    t.file("capabilities/bad.json", R"({"identifier": "bad", "windows": ["main"]})");
    p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("capabilities/bad.json") +
                           R"(: a capability needs "permissions" (an array of permission )"
                           "identifiers or objects)");

    t.file("capabilities/bad.json", R"({"identifier": "bad", "permissions": ["Core::x-"]})");
    p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().starts_with(t.path("capabilities/bad.json") +
                                ": /permissions/0: invalid permission identifier"));
}

TEST_CASE("acl capabilities: an unknown permission is an error with Tauri's sentence") {
    TempProject t;
    t.config_with_app("{}");
    t.file("capabilities/main.json", R"({"identifier": "m", "windows": ["main"],
        "permissions": ["core:default", "core:resources:allow-clos"]})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error() == t.path("capabilities/main.json") +
                           ": /permissions/1: Permission core:resources:allow-clos not found, "
                           "expected one of core:resources:default, core:resources:allow-close, "
                           "core:resources:deny-close");
}

TEST_CASE("acl capabilities: a capability not listed is still checked - as tauri-build checks it") {
    TempProject t;
    t.file("capabilities/main.json", kMain);
    t.file("capabilities/old.json",
           R"({"identifier": "old", "permissions": ["core:window:nope"]})");
    t.config_with_app(R"({"security": {"capabilities": ["main-cap"]}})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().starts_with(t.path("capabilities/old.json") +
                                ": /permissions/0: Permission core:window:nope not found"));
}

TEST_CASE(
    "acl capabilities: without acl-manifests.json a plugin's permissions are left out - "
    "warned") {
    auto p = load_project(fixture_project("vanilla"));  // never built: no gen/ folder
    REQUIRE_MESSAGE(p.ok(), p.error());
    REQUIRE(p.warnings().size() == 1);
    CHECK(p.warnings()[0].starts_with(fixture_project("vanilla") +
                                      "/src-tauri/capabilities/default.json: /permissions/1: "
                                      "opener:default left out"));
    REQUIRE(p->capabilities.size() == 1);
    CHECK(p->capabilities[0].permissions.size() == 1);  // core:default stays
}

TEST_CASE("acl capabilities: with acl-manifests.json an unknown plugin is an error") {
    TempProject t;
    t.config_with_app("{}");
    t.file("gen/schemas/acl-manifests.json", "{}");
    t.file("capabilities/main.json",
           R"({"identifier": "m", "windows": ["main"], "permissions": ["store:default"]})");
    auto p = t.load();
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().starts_with(t.path("capabilities/main.json") +
                                ": /permissions/0: Permission store:default not found: no plugin "
                                "store among core, core:app,"));
}

TEST_CASE("acl capabilities: a capability for another platform is left out") {
    TempProject t;
    t.config_with_app("{}");
    t.file("capabilities/mobile.json", R"({"identifier": "mobile", "windows": ["main"],
        "platforms": ["android", "iOS"], "permissions": ["core:window:allow-set-title"]})");
    const Project linux = t.loaded();
    CHECK(linux.acl.allowed.count("plugin:window|set_title") == 0);
    const Project android = t.loaded(ProjectOptions{.platform = Platform::Android});
    CHECK(android.acl.allowed.count("plugin:window|set_title") == 1);
}
