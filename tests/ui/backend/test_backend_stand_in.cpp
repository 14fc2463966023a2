// The Backend panel's JavaScript tab (--backend): there only while a stand-in runs, and listing
// the commands it answered. Driven headless, by clicks only.
#include <doctest/doctest.h>

#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

struct StandInFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> panel = ui::make_panel("Backend (Rust)");
    std::function<void()> draw = [this] { panel->draw(ui); };

    StandInFixture() {
        bench.open(Scenario{}, "test", BusConfig{});
        ui.probe = &probe;
        ui.layout.backend = {{0, 0}, {1000, 900}};
    }
    bool shown(const std::string& item) const { return probe.items.count(item) != 0; }
};

}  // namespace

TEST_CASE("backend panel: no JavaScript tab without a stand-in") {
    StandInFixture f;
    f.imgui.frames(2, f.draw);
    CHECK(f.shown("backend/tab/emit"));
    CHECK_FALSE(f.shown("backend/tab/stand-in"));
}

TEST_CASE("backend panel: the JavaScript tab lists the commands the stand-in answered") {
    StandInFixture f;
    f.ui.stand_in = [] {
        ui::StandInView view;
        view.file = "backend.mjs";
        view.state = "running";
        view.answered = {{"greet", 2, 0}, {"download", 0, 1}};
        return view;
    };
    f.imgui.frames(2, f.draw);
    REQUIRE(f.shown("backend/tab/stand-in"));
    CHECK_FALSE(f.shown("backend/stand-in/greet"));  // the Emit tab is the one open
    REQUIRE(f.imgui.click_item(f.probe, "backend/tab/stand-in", f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(f.shown("backend/stand-in/greet"));
    CHECK(f.shown("backend/stand-in/download"));
}
