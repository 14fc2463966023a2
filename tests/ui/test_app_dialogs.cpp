// The dialogs of the whole AppUi frame, driven headless: Escape backs out of each of them as
// Cancel does, leaving the session as it was.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

struct DialogFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::AppUi app{bench, nullptr};
    std::function<void()> draw = [this] { app.draw(); };

    DialogFixture() {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE_MESSAGE(parse.ok(), parse.error());
        bench.open(std::move(*parse), "default", BusConfig{});
        app.context().probe = &probe;
        imgui.frames(2, draw);
    }

    // Whether the dialog that notes `item` was drawn in the last two frames.
    bool showing(const std::string& item) {
        probe.items.clear();
        imgui.frames(2, draw);
        return probe.items.count(item) == 1;
    }

    std::size_t windows() const {
        std::size_t n = 0;
        for (const WindowInfo& w : bench.session().bus().windows())
            n += w.alive ? 1 : 0;
        return n;
    }
};

}  // namespace

TEST_CASE("app dialogs: Escape closes New window without opening one") {
    DialogFixture f;
    const std::size_t before = f.windows();
    f.imgui.press_key(ImGuiKey_N, true, f.draw);
    REQUIRE(f.showing("new-window/create"));
    ImGui::GetIO().AddInputCharactersUTF8("extra");  // the label field has the keyboard
    f.imgui.frame(f.draw);
    f.imgui.press_key(ImGuiKey_Escape, false, f.draw);
    CHECK_FALSE(f.showing("new-window/create"));
    CHECK(f.windows() == before);
    CHECK_FALSE(f.bench.session().bus().is_alive("extra"));
}

TEST_CASE("app dialogs: Escape closes Reset session? and keeps the session") {
    DialogFixture f;
    Session* const session = &f.bench.session();
    const std::uint64_t generation = f.bench.generation();
    f.imgui.press_key(ImGuiKey_R, true, f.draw);
    REQUIRE(f.showing("reset/confirm"));
    f.imgui.press_key(ImGuiKey_Escape, false, f.draw);
    CHECK_FALSE(f.showing("reset/confirm"));
    CHECK(&f.bench.session() == session);
    CHECK(f.bench.generation() == generation);
}

}  // namespace eventlab
