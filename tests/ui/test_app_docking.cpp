// The inspector's dock space, driven headless through the whole AppUi frame: the default layout
// puts every panel in the window with none over another, follows the OS window when it is
// resized or opened at another size than imgui.ini was saved at, gives a panel back its place
// on View > Reset layout, and (over the harness's pretend OS windows) pops the simulated windows
// out as OS windows of their own and docks one back when its OS window is closed.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <optional>
#include <string>
#include <vector>

#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui/dock_layout.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

struct DockFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    std::optional<ui::AppUi> app;
    std::function<void()> draw = [this] { app->draw(); };

    explicit DockFixture(float width = 1600, float height = 1000, bool viewports = false,
                         const std::string& ini = {})
        : imgui(width, height, viewports) {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE_MESSAGE(parse.ok(), parse.error());
        bench.open(std::move(*parse), "default", BusConfig{});
        app.emplace(bench, nullptr);
        if (!ini.empty()) ImGui::LoadIniSettingsFromMemory(ini.c_str(), ini.size());
        imgui.frames(3, draw);
    }
    std::uint32_t instance_of(const std::string& label) const {
        for (const WindowInfo& w : bench.session().bus().live_windows())
            if (w.label == label) return w.instance;
        FAIL("no live window " << label);
        return 0;
    }
    static ImGuiWindow* window(const std::string& name) {
        ImGuiWindow* w = ImGui::FindWindowByName(name.c_str());
        REQUIRE_MESSAGE(w != nullptr, name);
        return w;
    }
    ImGuiWindow* sim_window(const std::string& label) const {
        return window(ui::sim_window_id(instance_of(label)));
    }
};

// The panels a person sees: docked, their tab the one shown this frame.
std::vector<const ImGuiWindow*> shown_docked() {
    std::vector<const ImGuiWindow*> out;
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        if (w->Active && w->DockIsActive && w->DockTabIsVisible && !w->Hidden) out.push_back(w);
    }
    return out;
}

ImRect rect_of(const ImGuiWindow* w) {
    return ImRect(w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y));
}

// Every shown panel inside the main window's work area, no two overlapping, and together they
// fill it (no quarter of the window left empty).
void check_fills_window(float width, float height) {
    const std::vector<const ImGuiWindow*> panels = shown_docked();
    REQUIRE(panels.size() >= 6);  // main, settings, Backend, Route, Periodic senders, Log
    const ImGuiViewport* main = ImGui::GetMainViewport();
    const ImRect area(main->WorkPos, ImVec2(main->WorkPos.x + main->WorkSize.x,
                                            main->WorkPos.y + main->WorkSize.y));
    CHECK(main->Size.x == doctest::Approx(width));
    CHECK(main->Size.y == doctest::Approx(height));
    float covered = 0;
    for (std::size_t i = 0; i < panels.size(); ++i) {
        const ImRect r = rect_of(panels[i]);
        CAPTURE(std::string(panels[i]->Name));
        CHECK(area.Contains(r));
        covered += r.GetWidth() * r.GetHeight();
        for (std::size_t j = i + 1; j < panels.size(); ++j) {
            ImRect overlap = r;
            overlap.ClipWithFull(rect_of(panels[j]));
            CAPTURE(std::string(panels[j]->Name));
            CHECK((overlap.GetWidth() <= 1.0F || overlap.GetHeight() <= 1.0F));
        }
    }
    // Less the status bar and the splitters between the nodes.
    CHECK(covered > area.GetWidth() * area.GetHeight() * 0.9F);
}

TEST_CASE("app docking: the default layout docks every panel in the window - none over another") {
    DockFixture f;
    check_fills_window(1600, 1000);
    // Today's arrangement: the windows stacked on the left, Backend left of Route, Log at the
    // bottom right.
    const ImGuiWindow* main = f.sim_window("main");
    const ImGuiWindow* settings = f.sim_window("settings");
    const ImGuiWindow* backend = DockFixture::window("Backend (Rust)");
    const ImGuiWindow* route = DockFixture::window("Route");
    const ImGuiWindow* log = DockFixture::window("Log");
    CHECK(main->Pos.y < settings->Pos.y);
    CHECK(main->Pos.x + main->Size.x <= backend->Pos.x + 1.0F);
    CHECK(backend->Pos.x < route->Pos.x);
    CHECK(log->Pos.y > route->Pos.y);
    // The Lifecycle panel is a tab behind the periodic senders, not a bar over them.
    CHECK(DockFixture::window("###lifecycle")->DockId ==
          DockFixture::window("Periodic senders")->DockId);
}

TEST_CASE("app docking: the layout follows the OS window shrunk and grown back") {
    DockFixture f;
    f.imgui.context().resize(1000, 700);
    f.imgui.frames(3, f.draw);
    check_fills_window(1000, 700);
    f.imgui.context().resize(1600, 1000);
    f.imgui.frames(3, f.draw);
    check_fills_window(1600, 1000);
}

TEST_CASE("app docking: an imgui.ini saved at 800x600 fills a 1600x1000 window") {
    std::string ini;
    {
        DockFixture small(800, 600);
        ini = ImGui::SaveIniSettingsToMemory();
    }
    REQUIRE(ini.find("[Docking]") != std::string::npos);
    DockFixture big(1600, 1000, false, ini);
    check_fills_window(1600, 1000);
}

TEST_CASE("app docking: a panel docked as a tab of another - Reset layout gives it its place") {
    DockFixture f;
    const ImGuiID route_node = DockFixture::window("Route")->DockId;
    ImGui::DockBuilderDockWindow("Log", route_node);
    f.imgui.frames(3, f.draw);
    // Route and Log (and Plots, docked there by default) share one tab bar.
    CHECK(DockFixture::window("Log")->DockId == route_node);
    CHECK(DockFixture::window("Route")->DockId == route_node);
    const ImGuiDockNode* node = ImGui::DockBuilderGetNode(route_node);
    REQUIRE(node != nullptr);
    CHECK(node->TabBar != nullptr);

    f.app->reset_layout();  // View > Reset layout
    f.imgui.frames(3, f.draw);
    CHECK(DockFixture::window("Log")->DockId != DockFixture::window("Route")->DockId);
    check_fills_window(1600, 1000);
}

TEST_CASE(
    "app viewports: Pop out windows gives each window panel an OS window - closing it "
    "docks it back") {
    DockFixture f(1600, 1000, true);
    REQUIRE((ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_ViewportsEnable) != 0);
    f.app->context().requests.pop_out_windows = true;  // View > Pop out windows
    f.imgui.frames(4, f.draw);
    const ImGuiViewport* main_viewport = ImGui::GetMainViewport();
    for (const char* label : {"main", "settings"}) {
        CAPTURE(label);
        const ImGuiWindow* w = f.sim_window(label);
        CHECK_FALSE(static_cast<bool>(w->DockIsActive));
        REQUIRE(w->Viewport != main_viewport);
        const auto* os = ui::HeadlessContext::os_window(w->Viewport);
        REQUIRE(os != nullptr);
        CHECK(os->shown);
        CHECK(os->title == label);  // titled as the Tauri window
    }
    // Side by side, not one over the other.
    CHECK(f.sim_window("main")->Pos.x + f.sim_window("main")->Size.x <=
          f.sim_window("settings")->Pos.x);

    // The person closes main's OS window: the panel docks back, the Tauri window stays open.
    f.sim_window("main")->Viewport->PlatformRequestClose = true;
    f.imgui.frames(3, f.draw);
    CHECK(static_cast<bool>(f.sim_window("main")->DockIsActive));
    CHECK(f.sim_window("main")->Viewport == main_viewport);
    f.instance_of("main");                                       // still live
    CHECK(f.sim_window("settings")->Viewport != main_viewport);  // the other stays out
}

}  // namespace
}  // namespace eventlab
