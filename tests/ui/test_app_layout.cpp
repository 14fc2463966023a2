// The whole inspector frame as AppUi lays it out: on the very first frame (the one that fixes
// where each panel sits) no panel may cover the main menu bar or the status bar.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>

#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

TEST_CASE("app layout: from the first frame no panel covers the menu bar or the status bar") {
    test::HeadlessImGui imgui;
    Workbench bench;
    ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
    REQUIRE(parse.ok());
    bench.open(std::move(*parse), "default", BusConfig{});
    ui::AppUi ui(bench, nullptr);
    imgui.frame([&] { ui.draw(); });

    const ImGuiWindow* menu = ImGui::FindWindowByName("##MainMenuBar");
    const ImGuiWindow* status = ImGui::FindWindowByName("##status");
    REQUIRE(menu != nullptr);
    REQUIRE(status != nullptr);
    const float menu_bottom = menu->Pos.y + menu->Size.y;
    int panels = 0;
    for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
        if (window == menu || window == status || !window->Active) continue;
        // Docked panels are ImGui child windows of the dock space: they count, other children not.
        const bool child = (window->Flags & ImGuiWindowFlags_ChildWindow) != 0;
        if ((child && !window->DockIsActive) ||
            (window->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup)) != 0) {
            continue;
        }
        CAPTURE(std::string(window->Name));
        CHECK(window->Pos.y >= menu_bottom);
        CHECK(window->Pos.y + window->Size.y <= status->Pos.y + 0.5F);
        ++panels;
    }
    // The default workspace: main, settings, Backend, Route, Periodic senders, Log.
    CHECK(panels >= 6);
}

}  // namespace
}  // namespace eventlab
