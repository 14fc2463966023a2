// The log's columns: wide enough from the start for what they usually hold, and a width the
// person dragged comes back in the next run (imgui.ini keeps the table's settings).
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <memory>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/log/log_panel.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

struct ColumnsFixture {
    std::unique_ptr<test::HeadlessImGui> imgui = std::make_unique<test::HeadlessImGui>();
    Workbench bench;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::LogPanel> panel = std::make_unique<ui::LogPanel>();
    std::function<void()> draw = [this] { panel->draw(ui); };

    ColumnsFixture() {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE(parse.ok());
        bench.open(std::move(*parse), "default", BusConfig{});
        ui.layout.log = {{0, 0}, {840, 450}};
    }
    // A new ImGui context (as a new run of the app), with `ini` loaded first.
    void restart(const std::string& ini) {
        imgui.reset();
        imgui = std::make_unique<test::HeadlessImGui>();
        ImGui::LoadIniSettingsFromMemory(ini.c_str(), ini.size());
        panel = std::make_unique<ui::LogPanel>();
    }
    ImGuiTable* table() {
        ImGuiWindow* window = ImGui::FindWindowByName("Log");
        REQUIRE(window != nullptr);
        ImGuiTable* t = ImGui::TableFindByID(window->GetID("log"));
        REQUIRE(t != nullptr);
        return t;
    }
    // Drags the right border of column `c` by `dx` pixels, as a person would.
    void drag_border(int c, float dx) {
        ImGuiTable* t = table();
        const ImVec2 from{t->Columns[c].MaxX, t->OuterRect.Min.y + ImGui::GetFontSize() * 0.5F};
        test::HeadlessImGui::move_mouse(from);
        imgui->frames(2, draw);
        test::HeadlessImGui::mouse_button(true);
        imgui->frames(2, draw);
        for (int i = 1; i <= 4; ++i) {
            test::HeadlessImGui::move_mouse({from.x + dx * static_cast<float>(i) / 4.0F, from.y});
            imgui->frame(draw);
        }
        test::HeadlessImGui::mouse_button(false);
        imgui->frames(2, draw);
    }
};

}  // namespace

TEST_CASE("log columns: Tauri's longest event name fits from the start - the reason gets most") {
    ColumnsFixture f;  // the log's width in the 1600-pixel layout
    f.imgui->frames(3, f.draw);
    ImGuiTable* t = f.table();
    CHECK((t->Flags & ImGuiTableFlags_NoSavedSettings) == 0);
    CHECK(t->Columns[2].WidthGiven >= ImGui::CalcTextSize("tauri://close-requested").x);
    for (int c = 0; c < 6; ++c) {
        CAPTURE(c);
        CHECK(t->Columns[6].WidthGiven > t->Columns[c].WidthGiven);
    }
    CHECK(t->Columns[4].WidthGiven > ImGui::CalcTextSize("listen('tick')").x);
}

TEST_CASE("log columns: a wider log fits a named listener whole") {
    ColumnsFixture f;
    f.ui.layout.log = {{0, 0}, {1200, 450}};
    f.imgui->frames(3, f.draw);
    CHECK(f.table()->Columns[4].WidthGiven >= ImGui::CalcTextSize("settings: listen(tick)").x);
}

TEST_CASE("log columns: a dragged width comes back after a restart from imgui.ini") {
    ColumnsFixture f;
    f.imgui->frames(3, f.draw);
    const float before = f.table()->Columns[2].WidthGiven;
    f.drag_border(2, 60.0F);
    const float dragged = f.table()->Columns[2].WidthGiven;
    REQUIRE(dragged > before + 30.0F);
    ImGui::GetCurrentContext()->SettingsDirtyTimer = 0.0F;
    const std::string ini = ImGui::SaveIniSettingsToMemory();
    CHECK(ini.find("[Table]") != std::string::npos);

    f.restart(ini);
    f.imgui->frames(3, f.draw);
    CHECK(f.table()->Columns[2].WidthGiven == doctest::Approx(dragged).epsilon(0.02));
}

}  // namespace eventlab
