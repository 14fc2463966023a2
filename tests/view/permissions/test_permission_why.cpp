// The inspector's "why" for a refused invoke, without ImGui: found from either of its log rows,
// then laid out from what the core's permission check says (the capabilities of the window,
// the permissions that would allow it, a deny that blocks it, the JSON to write where).
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "core/app/caller.h"
#include "core/bus/mode_rules.h"
#include "core/scenario/scenario.h"
#include "test_files.h"
#include "view/permissions/permission_why.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file
using State = PermissionWhy::State;
using Edit = PermissionWhy::Edit;

namespace {

// tests/data/projects/NAME: the create-tauri-app fixtures.
std::string fixture_project(const std::string& name) {
    return EVENTLAB_ASSETS_DIR "/../tests/data/projects/" + name;
}

// The GUI's default workspace (windows main and settings) over a project, or none ("").
struct ProjectBench {
    Workbench bench;
    RefusalTracker tracker;

    explicit ProjectBench(const std::string& project) {
        if (!project.empty()) {
            auto loaded = load_project_for(project, Mode::Stable);
            REQUIRE_MESSAGE(loaded.ok(), loaded.error());
            bench.set_project({*loaded});
        }
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE(parse.ok());
        bench.open(std::move(*parse), "default", BusConfig{});
    }
    const Symbols& symbols() const { return bench.symbols(); }
    InvokeResult invoke(std::string_view in, std::string_view command) {
        return bench.session().invoke(in, command, nlohmann::json::object());
    }
    // The newest refusal's error row, as the panel finds it.
    std::uint64_t newest_refusal() {
        REQUIRE(tracker.update(bench.log(), symbols(), std::numeric_limits<std::size_t>::max()));
        return tracker.newest();
    }
    PermissionWhy why_of_newest() {
        const auto refusal = refusal_at(bench.log(), newest_refusal(), symbols());
        REQUIRE(refusal);
        return explain_refusal(*refusal, &bench.session());
    }
};

// A project with one window per label and these capability files (NAME -> JSON).
struct TempProject {
    test::TempDir dir;
    TempProject(const std::string& windows,
                const std::vector<std::pair<std::string, std::string>>& capabilities) {
        std::filesystem::create_directories(dir / "src-tauri/capabilities");
        dir.write("src-tauri/tauri.conf.json",
                  R"({"identifier": "com.example.why", "app": {"windows": )" + windows + "}}");
        for (const auto& [name, text] : capabilities)
            dir.write("src-tauri/capabilities/" + name, text);
    }
    std::string path() const { return dir.path().string(); }
};

}  // namespace

TEST_CASE("permission why: a refused setter - the permission to add to the window's capability") {
    ProjectBench f(fixture_project("vanilla-ts"));
    const InvokeResult result = f.invoke("main", "plugin:window|set_title");
    REQUIRE_FALSE(result.ok);
    const std::uint64_t error_row = f.newest_refusal();
    REQUIRE(error_row != kNoPosition);

    const auto refusal = refusal_at(f.bench.log(), error_row, f.symbols());
    REQUIRE(refusal);
    CHECK(refusal->command == "plugin:window|set_title");
    CHECK(refusal->webview == "main");
    CHECK(refusal->message == result.error);
    CHECK(refusal->recorded_advice ==
          R"(add "core:window:allow-set-title" to "permissions" of capability "default" in )"
          "src-tauri/capabilities/default.json");
    // Selecting the invoke row finds the same refusal.
    REQUIRE(refusal->invoke != kNoPosition);
    const auto from_invoke = refusal_at(f.bench.log(), refusal->invoke, f.symbols());
    REQUIRE(from_invoke);
    CHECK(from_invoke->error == error_row);
    CHECK(from_invoke->command == refusal->command);

    const PermissionWhy why = explain_refusal(*refusal, &f.bench.session());
    CHECK(why.state == State::Refused);
    CHECK(why.window == "main");
    CHECK(why.origin == "local");
    REQUIRE(why.capabilities.size() == 1);
    CHECK(why.capabilities[0].identifier == "default");
    CHECK(why.capabilities[0].file == "src-tauri/capabilities/default.json");
    CHECK(why.capabilities[0].windows == "main");
    REQUIRE_FALSE(why.permissions.empty());
    CHECK(why.permissions.front() == "core:window:allow-set-title");
    CHECK(why.denies.empty());
    CHECK(why.edit == Edit::Add);
    CHECK(why.file == "src-tauri/capabilities/default.json");
    CHECK(why.pointer == "/permissions");
    CHECK(why.json == R"("core:window:allow-set-title")");
    CHECK(why.windows_json.empty());
    CHECK(why.advice == refusal->recorded_advice);
}

TEST_CASE("permission why: granted to another window - add the caller to that capability") {
    ProjectBench f(fixture_project("vanilla-ts"));
    REQUIRE_FALSE(f.invoke("settings", "plugin:window|title").ok);
    const PermissionWhy why = f.why_of_newest();
    CHECK(why.state == State::Refused);
    CHECK(why.window == "settings");
    CHECK(why.capabilities.empty());  // default.json is for main only
    REQUIRE(why.granted_elsewhere.size() == 1);
    CHECK(why.granted_elsewhere[0].identifier == "default");
    CHECK(why.edit == Edit::Add);
    CHECK(why.json == R"("core:window:allow-title")");
    CHECK(why.windows_json == R"("windows": ["main", "settings"])");
}

TEST_CASE("permission why: a deny blocks it - the deny to take out and where it is") {
    TempProject p(R"([{"label": "main"}, {"label": "settings"}])",
                  {{"default.json", R"({"identifier": "default", "windows": ["main"],
                                       "permissions": ["core:default"]})"},
                   {"locked.json", R"({"identifier": "locked", "windows": ["*"],
                                      "permissions": ["core:window:deny-title"]})"}});
    ProjectBench f(p.path());
    REQUIRE_FALSE(f.invoke("main", "plugin:window|title").ok);
    const PermissionWhy why = f.why_of_newest();
    CHECK(why.state == State::Refused);
    CHECK(why.denies == std::vector<std::string>{"core:window:deny-title"});
    REQUIRE(why.denied_by.size() == 1);
    CHECK(why.denied_by[0].identifier == "locked");
    CHECK(why.denied_by[0].file == "src-tauri/capabilities/locked.json");
    REQUIRE(why.capabilities.size() == 2);  // both apply to main; the deny wins
    CHECK(why.edit == Edit::Remove);
    CHECK(why.file == "src-tauri/capabilities/locked.json");
    CHECK(why.json == R"("core:window:deny-title")");
}

TEST_CASE("permission why: no capability for the window and no default.json - the file to make") {
    TempProject p(R"([{"label": "main"}, {"label": "settings"}])",
                  {{"main.json", R"({"identifier": "main", "windows": ["main"],
                                    "permissions": ["core:default"]})"}});
    ProjectBench f(p.path());
    REQUIRE_FALSE(f.invoke("settings", "plugin:window|set_title").ok);
    const PermissionWhy why = f.why_of_newest();
    CHECK(why.edit == Edit::Create);
    CHECK(why.file == "src-tauri/capabilities/default.json");
    const auto file = nlohmann::json::parse(why.json);
    CHECK(file["windows"] == nlohmann::json{"settings"});
    CHECK(file["permissions"] == nlohmann::json{"core:window:allow-set-title"});
}

TEST_CASE("permission why: an unknown plugin - no permission to add and why not") {
    ProjectBench f(fixture_project("vanilla-ts"));
    REQUIRE_FALSE(f.invoke("main", "plugin:nosuch|run").ok);
    const PermissionWhy why = f.why_of_newest();
    CHECK(why.state == State::Refused);
    CHECK(why.permissions.empty());
    CHECK(why.edit == Edit::None);
    CHECK(why.unknown.find("no plugin \"nosuch\"") != std::string::npos);
}

// A page connected from another site (through the bridge, a PageLink) under `label`.
class RemotePage final : public PageLink {
  public:
    std::string url() const override { return "https://example.com/app/"; }
    void queued() override {}
    void unregistered(EventId /*id*/, std::string_view /*event*/) override {}
    void destroyed() override {}
};

// `default` for every local page, `site` for pages of https://example.com.
TempProject local_and_site() {
    return TempProject(R"([{"label": "main"}])",
                       {{"default.json", R"({"identifier": "default", "windows": ["*"],
                                            "permissions": ["core:default"]})"},
                        {"site.json", R"({"identifier": "site", "windows": ["*"],
                                         "remote": {"urls": ["https://example.com/*"]},
                                         "permissions": ["core:window:allow-title"]})"}});
}

Caller remote_caller(const std::string& label) {
    Caller page = Caller::simulated(label);
    page.page_url = "https://example.com/app/";
    return page;
}

TEST_CASE("permission why: a remote page's refusal - its connected page says where it runs") {
    const TempProject p = local_and_site();
    ProjectBench f(p.path());
    REQUIRE(f.bench.session().open_page("site", std::make_shared<RemotePage>()).ok);
    // Granted nowhere: Tauri's text does not name the page.
    const InvokeResult result =
        f.bench.session().invoke(remote_caller("site"), "plugin:window|set_title", {});
    REQUIRE_FALSE(result.ok);
    const PermissionWhy why = f.why_of_newest();
    CHECK(why.state == State::Refused);
    CHECK(why.origin == "https://example.com/app/");
    // Asked as a local page, "default" would apply instead.
    REQUIRE(why.capabilities.size() == 1);
    CHECK(why.capabilities[0].identifier == "site");
    CHECK(why.file == "src-tauri/capabilities/site.json");
    REQUIRE_FALSE(why.permissions.empty());
    CHECK(why.permissions.front() == "core:window:allow-set-title");
}

TEST_CASE("permission why: a remote page's refusal - the URL Tauri's text names") {
    const TempProject p = local_and_site();
    ProjectBench f(p.path());
    // Granted to local pages only: the text names the page's URL (no page is connected here).
    const InvokeResult result =
        f.bench.session().invoke(remote_caller("main"), "plugin:window|is_maximized", {});
    REQUIRE_FALSE(result.ok);
    REQUIRE_MESSAGE(result.error.find("URL: https://example.com/app/") != std::string::npos,
                    result.error);
    const PermissionWhy why = f.why_of_newest();
    CHECK(why.origin == "https://example.com/app/");
    REQUIRE(why.capabilities.size() == 1);
    CHECK(why.capabilities[0].identifier == "site");
}

TEST_CASE("permission why: other rows are no refusal - an answered invoke or a failed one") {
    ProjectBench f(fixture_project("vanilla-ts"));
    const std::uint64_t before = f.bench.log().end();
    REQUIRE(f.invoke("main", "plugin:window|title").ok);
    REQUIRE_FALSE(f.invoke("gone", "plugin:window|title").ok);  // no such window: not a refusal
    for (std::uint64_t at = before; at < f.bench.log().end(); ++at)
        CHECK_FALSE(refusal_at(f.bench.log(), at, f.symbols()));
    CHECK(f.newest_refusal() == kNoPosition);
    CHECK(f.tracker.count() == 0);
}

TEST_CASE("permission why: without a project nothing is refused - and the note says so") {
    ProjectBench f("");
    REQUIRE(f.bench.session()
                .invoke("main", "plugin:window|set_title", nlohmann::json{{"value", "Renamed"}})
                .ok);
    CHECK(f.newest_refusal() == kNoPosition);
    LoggedRefusal asked;
    asked.command = "plugin:window|set_title";
    asked.webview = "main";
    const PermissionWhy why = explain_refusal(asked, &f.bench.session());
    CHECK(why.state == State::NoProject);
    CHECK(why.note == "no project: every command allowed");
}

TEST_CASE("permission why: a viewed trace - what its records say and nothing asked") {
    ProjectBench f(fixture_project("vanilla-ts"));
    REQUIRE_FALSE(f.invoke("main", "plugin:window|set_title").ok);
    const auto refusal = refusal_at(f.bench.log(), f.newest_refusal(), f.symbols());
    REQUIRE(refusal);
    const PermissionWhy why = explain_refusal(*refusal, nullptr);
    CHECK(why.state == State::Recorded);
    CHECK(why.command == "plugin:window|set_title");
    CHECK(why.recorded_advice.starts_with(R"(add "core:window:allow-set-title")"));
    CHECK(why.capabilities.empty());
}
