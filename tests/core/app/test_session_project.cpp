// A session simulating a Tauri project (`--project`): its windows at start, its app info, and
// every command checked against its capabilities (Session::invoke, core/acl) with Tauri's texts.
#include <string>

#include "acl/acl_fixture.h"
#include "bus_fixture.h"
#include "core/acl/rules.h"
#include "core/bus/mode_rules.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using eventlab::acl::test::fixture_project;
using eventlab::acl::test::TempProject;
using nlohmann::json;

namespace {

std::shared_ptr<const acl::Project> vanilla_ts(Mode mode = Mode::Stable) {
    auto loaded = load_project_for(fixture_project("vanilla-ts"), mode);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error());
    return *loaded;
}

// A session of that project, with no window of its own: the project opens them.
struct ProjectFixture : SessionFixture {
    explicit ProjectFixture(std::shared_ptr<const acl::Project> project, Mode mode = Mode::Stable)
        : SessionFixture(BusConfig{mode}, {}) {
        session.open_project(std::move(project));
    }
};

// What a page gets from an invoke: its value, or its error text prefixed with "error: ".
json answer(Session& session, std::string_view in, std::string_view command,
            const json& args = json::object()) {
    const InvokeResult r = session.invoke(in, command, args);
    return r.ok ? r.value : json("error: " + r.error);
}

class NullPage final : public PageLink {
  public:
    std::string url() const override { return "http://localhost:1420/"; }
    void queued() override {}
    void unregistered(EventId /*id*/, std::string_view /*event*/) override {}
    void destroyed() override {}
};

}  // namespace

TEST_CASE("project: its windows are open at start with their configured state") {
    ProjectFixture f(vanilla_ts());
    REQUIRE(f.session.bus().is_alive("main"));  // a window with no label is `main`
    CHECK(answer(f.session, "main", "plugin:window|title") == "tauri-app");
    CHECK(answer(f.session, "main", "plugin:window|inner_size") ==
          json{{"width", 800}, {"height", 600}});
    CHECK(answer(f.session, "main", "plugin:app|name") == "tauri-app");
    CHECK(answer(f.session, "main", "plugin:app|version") == "0.1.0");
    CHECK(answer(f.session, "main", "plugin:app|identifier") == "com.eventlab.tauri-app");
    CHECK(f.session.permissions_note() ==
          "project tauri-app: permissions of Tauri " + std::string(rules(Mode::Stable).acl_tauri));
}

TEST_CASE("project: a command its capability does not grant is refused with Tauri's text") {
    ProjectFixture f(vanilla_ts());
    CHECK(answer(f.session, "main", "plugin:window|set_title", {{"value", "Renamed"}}) ==
          "error: window.set_title not allowed. Permissions associated with this command: "
          "core:window:allow-set-title");
    CHECK(answer(f.session, "main", "plugin:window|title") == "tauri-app");  // nothing ran
    // The log says what to change, and where.
    const auto errors = f.sink->of("error");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0]["op"] == "permission");
    const std::string message = errors[0]["message"];
    CHECK(message.starts_with("window.set_title not allowed."));
    CHECK(
        message.ends_with("to allow it: add \"core:window:allow-set-title\" to \"permissions\" "
                          "of capability \"default\" in src-tauri/capabilities/default.json"));
    const auto invokes = f.sink->of("invoke");
    REQUIRE(invokes.size() == 2);
    CHECK(invokes[0]["ok"] == false);
}

TEST_CASE("project: asking why gives the refusal invoke gave - and the grants of what runs") {
    ProjectFixture f(vanilla_ts());
    const Caller main = Caller::simulated("main");
    const acl::AccessDecision refused = f.session.access(main, "plugin:window|set_title");
    REQUIRE(refused.refusal);
    CHECK(refused.refusal->message ==
          answer(f.session, "main", "plugin:window|set_title").get<std::string>().substr(7));
    CHECK(refused.refusal->advice.file == "src-tauri/capabilities/default.json");
    const acl::AccessDecision allowed = f.session.access(main, "plugin:window|title");
    CHECK(allowed.verdict == acl::AccessDecision::Verdict::Allowed);
    REQUIRE_FALSE(allowed.grants.empty());
    CHECK(allowed.grants[0].capability == "default");
    // Asking records nothing: only the invoke above is in the log.
    CHECK(f.sink->of("error").size() == 1);
}

TEST_CASE("project: what its capability grants runs - and only in the windows it names") {
    ProjectFixture f(vanilla_ts());
    CHECK(answer(f.session, "main", "plugin:window|is_maximized") == false);
    CHECK(answer(f.session, "main", "plugin:event|emit", {{"event", "hi"}, {"payload", 1}})
              .is_null());
    CHECK(f.sink->of("error").empty());
    REQUIRE(f.session.bus().create_window("settings", false).ok);
    const std::string refused = answer(f.session, "settings", "plugin:window|title");
    CHECK(refused.starts_with("error: window.title not allowed on window \"settings\""));
    // App commands are not checked (the app has no permissions of its own).
    CHECK(answer(f.session, "settings", "send_test_event_from_backend", {{"data", "x"}}).is_null());
}

TEST_CASE("project: a capability of the project can allow what core:default refuses") {
    TempProject p;
    p.config_with_app(R"({"windows": [{"label": "main", "title": "One"}]})")
        .file("capabilities/default.json",
              R"({"identifier": "default", "windows": ["main"],
                  "permissions": ["core:default", "core:window:allow-set-title"]})");
    auto loaded = load_project_for(p.dir(), Mode::Stable);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error());
    ProjectFixture f(*loaded);
    CHECK(answer(f.session, "main", "plugin:window|set_title", {{"value", "Two"}}).is_null());
    CHECK(answer(f.session, "main", "plugin:window|title") == "Two");
}

TEST_CASE("project: without one every command is allowed - and the note says so") {
    SessionFixture f(BusConfig{}, {"main"});
    CHECK(f.session.project() == nullptr);
    CHECK(f.session.permissions_note() == "no project: every command allowed");
    CHECK(answer(f.session, "main", "plugin:window|set_title", {{"value", "x"}}).is_null());
}

TEST_CASE("project: the mode's Tauri release decides the permissions and their texts") {
    for (const Mode mode : kAllModes) {
        CAPTURE(rules(mode).name);
        const auto project = vanilla_ts(mode);
        CHECK(project->rules->tauri == rules(mode).acl_tauri);
        ProjectFixture f(project, mode);
        const acl::AclRules* acl_rules = acl::acl_rules(rules(mode).acl_tauri);
        REQUIRE(acl_rules != nullptr);
        const std::string permission = acl_rules->associated_by_manifest_key
                                           ? "core:window:allow-set-title"
                                           : "window:allow-set-title";
        CHECK(answer(f.session, "main", "plugin:window|set_title", {{"value", "x"}}) ==
              "error: window.set_title not allowed. Permissions associated with this command: " +
                  permission);
    }
}

TEST_CASE("project: a page with a configured window's label becomes that window's webview") {
    ProjectFixture f(vanilla_ts());
    CHECK(f.session.open_page("main", std::make_shared<NullPage>()).ok);
    CHECK(f.session.bus().windows().size() == 1);  // the same window, not a second one
    CHECK(answer(f.session, "main", "plugin:window|title") == "tauri-app");
    const OpResult again = f.session.open_page("main", std::make_shared<NullPage>());
    CHECK_FALSE(again.ok);
    CHECK(again.error == "a window with label `main` already exists");
    // Another label is a new window, announced as any new window is.
    CHECK(f.session.open_page("settings", std::make_shared<NullPage>()).ok);
    CHECK(f.session.bus().is_alive("settings"));
}
