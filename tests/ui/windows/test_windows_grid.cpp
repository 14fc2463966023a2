// The windows area at 8, 50 and 200 windows, driven headless: past four windows the panels become
// tiles of a grid with a one-line summary each, and the Windows overview lists every window,
// filtered and sorted as a person asks.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <functional>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

// `count` windows w1..wN; window wK has K listeners when `growing`, else 2.
std::string scenario(int count, bool growing = false) {
    std::string windows;
    std::string steps;
    for (int i = 1; i <= count; ++i) {
        const std::string label = "w" + std::to_string(i);
        windows += (i > 1 ? "," : "") + ("\"" + label + "\"");
        const int listeners = growing ? i : 2;
        for (int l = 0; l < listeners; ++l) {
            if (!steps.empty()) steps += ",";
            steps += R"({"op":"listen","in":")" + label + R"(","event":"tick-)" +
                     std::to_string(l) + "\"}";
        }
    }
    return R"({"windows":[)" + windows + R"(],"steps":[)" + steps + "]}";
}

struct GridFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> panel = ui::make_panel("Windows");
    std::function<void()> draw = [this] { panel->draw(ui); };

    explicit GridFixture(int count, float width = 560.0F, bool growing = false) {
        ScenarioParse parsed = parse_scenario(scenario(count, growing), "<test>");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error());
        bench.open(std::move(*parsed), "test", BusConfig{});
        ui.probe = &probe;
        ui.layout.windows = {{0.0F, 0.0F}, {width, 1000.0F}};
        imgui.frames(3, draw);
    }

    // What the last frame drew, not what any frame ever drew.
    void redraw() {
        probe.items.clear();
        imgui.frame(draw);
    }
    bool drawn(const std::string& item) const { return probe.items.count(item) > 0; }
    ui::ItemProbe::Rect at(const std::string& item) {
        INFO("item: " << item);
        REQUIRE(drawn(item));
        return probe.items[item];
    }
    void click(const std::string& item) {
        INFO("item: " << item);
        REQUIRE(imgui.click_item(probe, item, draw));
        redraw();
    }
    int drawn_with_prefix(const std::string& prefix) const {
        int n = 0;
        for (const auto& [name, rect] : probe.items)
            n += name.rfind(prefix, 0) == 0 ? 1 : 0;
        return n;
    }
};

}  // namespace

TEST_CASE("windows grid: four windows keep a panel each - no tiles") {
    GridFixture fx(4);
    fx.redraw();
    for (int i = 1; i <= 4; ++i)
        CHECK(fx.drawn("win/w" + std::to_string(i) + "/close"));
    CHECK(fx.drawn_with_prefix("tile/") == 0);
    CHECK(ImGui::FindWindowByName("Windows overview") == nullptr);
}

TEST_CASE("windows grid: eight windows are eight one-line tiles - each opens to its panel") {
    GridFixture fx(8);
    fx.redraw();
    for (int i = 1; i <= 8; ++i) {
        const std::string label = "w" + std::to_string(i);
        CHECK(fx.drawn("tile/" + label));
        CHECK_FALSE(fx.drawn("win/" + label + "/close"));  // collapsed: a summary only
        // One line each, one under the other (560 pixels hold one column).
        CHECK(fx.at("tile/" + label).max.y - fx.at("tile/" + label).min.y <
              ImGui::GetFrameHeight() + 1.0F);
    }
    CHECK(fx.at("tile/w1").max.y <= fx.at("tile/w2").min.y);
    CHECK(fx.at("tile/w1").min.x == doctest::Approx(fx.at("tile/w2").min.x));

    fx.click("tile/w3/toggle");
    CHECK(fx.drawn("win/w3/close"));
    CHECK(fx.drawn("win/w3/listen"));
    CHECK_FALSE(fx.drawn("win/w4/close"));
    // The open tile pushes the next one down by a whole panel, out of view or far below.
    CHECK((!fx.drawn("tile/w4") || fx.at("tile/w4").min.y - fx.at("tile/w3").max.y > 200.0F));
    CHECK(fx.at("win/w3/close").min.y - fx.at("tile/w3").max.y < 100.0F);  // under its summary

    fx.click("tile/w3/toggle");
    CHECK_FALSE(fx.drawn("win/w3/close"));
}

TEST_CASE("windows grid: a wide area holds several columns of tiles") {
    GridFixture fx(8, 1400.0F);
    fx.redraw();
    // Side by side: same row, growing x.
    CHECK(fx.at("tile/w1").min.y == doctest::Approx(fx.at("tile/w2").min.y));
    CHECK(fx.at("tile/w2").min.x > fx.at("tile/w1").max.x - 1.0F);
    CHECK(fx.at("tile/w2").min.x - fx.at("tile/w1").min.x > 300.0F);
}

TEST_CASE("windows grid: a window closed from its tile leaves the grid - the overview keeps it") {
    GridFixture fx(8);
    fx.click("tile/w2/toggle");
    fx.click("win/w2/close");
    fx.imgui.frames(2, fx.draw);
    fx.redraw();
    CHECK_FALSE(fx.drawn("tile/w2"));
    CHECK(fx.drawn("tile/w1"));
    CHECK(fx.drawn("overview/w2"));  // listed as closed, below the live ones
    CHECK(fx.at("overview/w2").min.y > fx.at("overview/w8").min.y);
}

TEST_CASE("windows grid: of 200 windows only the tiles and rows on screen are drawn") {
    GridFixture fx(200);
    fx.redraw();
    const int tiles = fx.drawn_with_prefix("tile/") / 2;  // summary and toggle each
    CHECK(tiles > 5);
    CHECK(tiles < 60);
    const int rows = fx.drawn_with_prefix("overview/w");
    CHECK(rows > 5);
    CHECK(rows < 60);
    CHECK_FALSE(fx.drawn("tile/w150"));
}

TEST_CASE("windows grid: a click on an overview row opens and shows that window's tile") {
    GridFixture fx(200);
    fx.redraw();
    REQUIRE_FALSE(fx.drawn("overview/w150"));
    // Type w150 in the overview's filter field, as a person would.
    fx.imgui.click(fx.at("overview/filter").center(), fx.draw);
    ImGui::GetIO().AddInputCharactersUTF8("w150");
    fx.imgui.frames(2, fx.draw);
    fx.redraw();
    CHECK(fx.drawn("overview/w150"));
    CHECK(fx.drawn_with_prefix("overview/w") == 1);

    fx.click("overview/w150");
    fx.imgui.frames(2, fx.draw);
    fx.redraw();
    CHECK(fx.drawn("tile/w150"));
    CHECK(fx.drawn("win/w150/close"));  // opened
}

TEST_CASE("windows grid: overview headers sort by listeners - descending then ascending") {
    GridFixture fx(8, 560.0F, true);  // wK has K listeners
    fx.redraw();
    CHECK(fx.at("overview/w1").min.y < fx.at("overview/w8").min.y);  // creation order
    fx.click("overview/header/listeners");
    CHECK(fx.at("overview/w8").min.y < fx.at("overview/w7").min.y);
    CHECK(fx.at("overview/w7").min.y < fx.at("overview/w1").min.y);
    fx.click("overview/header/listeners");
    CHECK(fx.at("overview/w1").min.y < fx.at("overview/w8").min.y);
    CHECK(fx.at("overview/w2").min.y < fx.at("overview/w3").min.y);
}

TEST_CASE("windows grid: next and previous window requests step through the tiles") {
    GridFixture fx(8);
    fx.ui.requests.focus_window_step = 1;
    fx.redraw();
    fx.redraw();
    CHECK(fx.drawn("win/w1/close"));
    fx.ui.requests.focus_window_step = 1;
    fx.redraw();
    fx.redraw();
    CHECK(fx.drawn("win/w2/close"));
    fx.ui.requests.focus_window_step = -1;
    fx.ui.requests.focus_window_step = -1;
    fx.redraw();
    fx.ui.requests.focus_window_step = -1;
    fx.redraw();
    fx.redraw();
    CHECK(fx.ui.requests.focus_window_step == 0);
    // w2, then w1, then around to w8.
    CHECK(fx.drawn("win/w8/close"));
}

TEST_CASE("windows grid: a request naming a window opens its tile - an unknown name does nothing") {
    GridFixture fx(8);
    fx.ui.requests.focus_window = "w6";
    fx.redraw();
    fx.redraw();
    CHECK(fx.ui.requests.focus_window.empty());
    CHECK(fx.drawn("win/w6/close"));
    CHECK_FALSE(fx.drawn("win/w1/close"));
    fx.ui.requests.focus_window = "nowhere";
    fx.redraw();
    fx.redraw();
    CHECK(fx.drawn("win/w6/close"));
    // The next window from there is w7.
    fx.ui.requests.focus_window_step = 1;
    fx.redraw();
    fx.redraw();
    CHECK(fx.drawn("win/w7/close"));
}

TEST_CASE("windows grid: with four windows the requests focus the panels in turn") {
    GridFixture fx(3);
    fx.ui.requests.focus_window_step = 1;
    fx.imgui.frames(2, fx.draw);
    const ImGuiWindow* nav = GImGui->NavWindow;
    REQUIRE(nav != nullptr);
    CHECK(std::string(nav->RootWindow->Name).rfind("w1", 0) == 0);
    fx.ui.requests.focus_window_step = -1;
    fx.imgui.frames(2, fx.draw);
    nav = GImGui->NavWindow;
    REQUIRE(nav != nullptr);
    CHECK(std::string(nav->RootWindow->Name).rfind("w3", 0) == 0);
}

}  // namespace eventlab

namespace eventlab {

TEST_CASE(
    "windows grid: Ctrl+PgDn and Ctrl+PgUp in the inspector open the next and previous tile") {
    test::HeadlessImGui imgui;
    Workbench bench;
    ScenarioParse parsed = parse_scenario(scenario(8), "<test>");
    REQUIRE(parsed.ok());
    bench.open(std::move(*parsed), "test", BusConfig{});
    ui::AppUi app(bench, nullptr);
    ui::ItemProbe probe;
    app.context().probe = &probe;
    const std::function<void()> draw = [&] { app.draw(); };
    imgui.frames(3, draw);
    CHECK(probe.items.count("win/w1/close") == 0);

    imgui.press_key(ImGuiKey_PageDown, true, draw);
    probe.items.clear();
    imgui.frames(2, draw);
    CHECK(probe.items.count("win/w1/close") == 1);
    imgui.press_key(ImGuiKey_PageUp, true, draw);  // from w1 back around to w8
    imgui.frames(2, draw);
    probe.items.clear();
    imgui.frames(2, draw);
    CHECK(probe.items.count("win/w8/close") == 1);
}

}  // namespace eventlab
