// The Permissions panel in the whole app, driven headless as a person uses it: a simulated
// window's invoke is refused under a create-tauri-app project, the person selects the refusal's
// row in the Log, and the panel comes to the front with the permission to add and the
// capability file to add it to.
#include <doctest/doctest.h>

#include <string>

#include "core/bus/mode_rules.h"
#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

// The GUI's default workspace (windows main and settings) over tests/data/projects/NAME, or
// over no project ("").
struct PermissionsFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::AppUi app{bench, nullptr};
    std::function<void()> draw = [this] { app.draw(); };

    explicit PermissionsFixture(const std::string& project) {
        if (!project.empty()) {
            auto loaded = load_project_for(EVENTLAB_ASSETS_DIR "/../tests/data/projects/" + project,
                                           Mode::Stable);
            REQUIRE_MESSAGE(loaded.ok(), loaded.error());
            bench.set_project({*loaded});
        }
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE_MESSAGE(parse.ok(), parse.error());
        bench.open(std::move(*parse), "default", BusConfig{});
        app.context().probe = &probe;
        imgui.frames(3, draw);
    }
    std::string text() { return imgui.drawn_text(draw); }
    // The seq of the newest record of `type` (the log shows the newest rows).
    std::uint64_t newest_seq(RecordType type) const {
        const RecordLog& log = bench.log();
        Record r;
        for (std::uint64_t at = log.end(); at-- > log.first();) {
            if (log.get(at, r) && r.type == type) return r.seq;
        }
        FAIL("no such record");
        return 0;
    }
};

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("permissions panel: a refusal selected in the log shows the permission to add") {
    PermissionsFixture f("vanilla-ts");
    REQUIRE(test::HeadlessImGui::in_front("Route"));  // Permissions is a tab behind it

    // What the window panel's invoke button does for a simulated window.
    const InvokeResult refused = f.bench.session().invoke("main", "plugin:window|set_title",
                                                          nlohmann::json{{"value", "Renamed"}});
    REQUIRE_FALSE(refused.ok);
    f.imgui.frames(3, f.draw);
    CHECK_FALSE(test::HeadlessImGui::in_front("Permissions"));  // only a selection brings it

    REQUIRE(f.imgui.click_item(
        f.probe, "log/row/" + std::to_string(f.newest_seq(RecordType::Error)), f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(test::HeadlessImGui::in_front("Permissions"));
    CHECK_FALSE(test::HeadlessImGui::in_front("Route"));
    const std::string text = f.text();
    CHECK(has(text, "Refused: plugin:window|set_title"));
    CHECK(has(text, "(selected in the log)"));
    CHECK(has(text, "from window \"main\""));
    CHECK(has(text, "default  src-tauri/capabilities/default.json"));  // the window's capability
    CHECK(has(text, "in src-tauri/capabilities/default.json, add to \"permissions\""));
    CHECK(has(text, "\"core:window:allow-set-title\""));
    CHECK(f.probe.items.count("permissions/json") == 1);

    // The invoke row of the same refusal explains the same.
    REQUIRE(f.imgui.click_item(
        f.probe, "log/row/" + std::to_string(f.newest_seq(RecordType::Invoke)), f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(has(f.text(), "\"core:window:allow-set-title\""));
}

TEST_CASE("permissions panel: without a project - every command allowed and how to check them") {
    PermissionsFixture f("");
    REQUIRE(f.bench.session()
                .invoke("main", "plugin:window|set_title", nlohmann::json{{"value", "Renamed"}})
                .ok);
    REQUIRE(f.imgui.pick_from_menu("View", "Permissions", f.draw));
    f.imgui.frames(2, f.draw);
    REQUIRE(test::HeadlessImGui::in_front("Permissions"));
    const std::string text = f.text();
    CHECK(has(text, "no project: every command allowed"));
    CHECK(has(text, "--project PATH"));
    CHECK(has(text, "No refused invoke yet"));
}

}  // namespace eventlab
