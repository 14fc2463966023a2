// The Route panel with 50 windows, driven headless: the windows no longer fit, so each is one
// line, the matrix has a column for every window, and a window filter narrows both.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <limits>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

struct ManyFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> route = ui::make_panel("Route");
    std::function<void()> draw = [this] { route->draw(ui); };

    ManyFixture() {
        std::string windows;
        std::string steps;
        for (int i = 1; i <= 50; ++i) {
            const std::string label = "w" + std::to_string(i);
            windows += (i > 1 ? ",\"" : "\"") + label + "\"";
            steps +=
                (i > 1 ? "," : "") + (R"({"op":"listen","in":")" + label) + R"(","event":"tick"})";
        }
        ScenarioParse parse =
            parse_scenario(R"({"windows":[)" + windows + R"(],"steps":[)" + steps + "]}", "<t>");
        REQUIRE_MESSAGE(parse.ok(), parse.error());
        bench.open(std::move(*parse), "many", BusConfig{});
        ui.probe = &probe;
        ui.layout.route = {{0, 0}, {900, 800}};
        REQUIRE(bench.session().bus().emit("tick", make_text("1"), Source::rust()).ok);
        bench.pump(std::numeric_limits<std::size_t>::max());
        imgui.frames(3, draw);
    }
    void redraw() {
        probe.items.clear();
        imgui.frame(draw);
    }
    bool has(const std::string& item) const { return probe.items.count(item) == 1; }
};

}  // namespace

TEST_CASE("route many: 50 receivers are one line each - the matrix has a column for every one") {
    ManyFixture f;
    f.redraw();
    CHECK(f.has("route/window-filter"));
    CHECK(f.has("route/node/w1"));
    // One line per window: no listener box is drawn, the node's hover has the why.
    CHECK_FALSE(f.has("route/listener/0"));
    CHECK(f.has("matrix/tick/w1"));
    CHECK_FALSE(f.has("matrix/tick/other"));  // nothing summed
    // Event, emits, 50 windows, Rust; the columns scrolled out of view are not drawn.
    const ImGuiTable* matrix = nullptr;
    for (int i = 0; i < ImGui::GetCurrentContext()->Tables.GetMapSize(); ++i) {
        const ImGuiTable* t = ImGui::GetCurrentContext()->Tables.TryGetMapData(i);
        if (t != nullptr && t->ColumnsCount == 53) matrix = t;
    }
    REQUIRE(matrix != nullptr);
    CHECK_FALSE(f.has("matrix/tick/w50"));
    ImGui::SetScrollX(matrix->InnerWindow, matrix->InnerWindow->ScrollMax.x);
    f.redraw();
    CHECK(f.has("matrix/tick/w50"));
    CHECK(f.has("matrix/tick/w1") == false);
}

TEST_CASE("route many: the window filter narrows the route and the matrix to those windows") {
    ManyFixture f;
    f.redraw();
    f.imgui.click(f.probe.items["route/window-filter"].center(), f.draw);
    ImGui::GetIO().AddInputCharactersUTF8("w50");
    f.imgui.frames(3, f.draw);
    f.redraw();
    CHECK(f.has("route/node/w50"));
    CHECK_FALSE(f.has("route/node/w1"));
    CHECK(f.has("route/node/rust"));
    // One window fits: its node is drawn whole again, with its listener's box.
    CHECK(f.has("route/listener/49"));
    CHECK(f.has("matrix/tick/w50"));
    CHECK_FALSE(f.has("matrix/tick/other"));
}

}  // namespace eventlab
