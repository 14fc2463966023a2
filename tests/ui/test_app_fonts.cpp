// The app bakes CJK glyphs into its fonts only when something needs them (start-up is much
// faster without): a record with an ideograph in its payload, or a typed one.
#include <doctest/doctest.h>

#include "core/app/workbench.h"
#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui_harness.h"

namespace eventlab {
namespace {

struct Fixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::AppUi ui{bench, nullptr};
    Fixture() {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE(parse.ok());
        bench.open(std::move(*parse), "default", BusConfig{});
    }
    void frames(int n) {
        imgui.frames(n, [this] { ui.draw(); });
    }
};

TEST_CASE("app fonts: the default workspace needs no CJK glyphs - a CJK payload does") {
    Fixture f;
    f.frames(2);
    CHECK_FALSE(f.ui.wants_cjk_glyphs());
    f.bench.session().bus().emit("test-event", make_text(R"({"data":"你好"})"), Source::rust());
    f.frames(2);
    CHECK(f.ui.wants_cjk_glyphs());
}

TEST_CASE("app fonts: typing an ideograph asks for the CJK glyphs") {
    Fixture f;
    f.frames(1);
    ImGui::GetIO().AddInputCharacter(0x8A9E);  // 語
    f.frames(1);
    CHECK(f.ui.wants_cjk_glyphs());
}

}  // namespace
}  // namespace eventlab
