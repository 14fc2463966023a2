// The panel registry as a person meets it: every panel of the inspector registered once from its
// own file and drawn by the app, docked where its file says, brought to the front by its View
// menu entry and its shortcut, and Help ▸ Shortcuts listing what the registry holds.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <optional>
#include <set>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

struct AppFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    std::optional<ui::AppUi> app;
    std::function<void()> draw = [this] { app->draw(); };

    AppFixture() {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE_MESSAGE(parse.ok(), parse.error());
        bench.open(std::move(*parse), "default", BusConfig{});
        app.emplace(bench, nullptr);
        imgui.frames(3, draw);
    }
    // Presses `chord` (a key with modifiers) as a keyboard would, over two frames.
    void press(ImGuiKeyChord chord) {
        ImGuiIO& io = ImGui::GetIO();
        const auto mods = {ImGuiMod_Ctrl, ImGuiMod_Shift, ImGuiMod_Alt};
        for (const ImGuiKey mod : mods)
            if ((chord & mod) != 0) io.AddKeyEvent(mod, true);
        const auto key = static_cast<ImGuiKey>(chord & ~ImGuiMod_Mask_);
        io.AddKeyEvent(key, true);
        imgui.frame(draw);
        io.AddKeyEvent(key, false);
        for (const ImGuiKey mod : mods)
            if ((chord & mod) != 0) io.AddKeyEvent(mod, false);
        imgui.frames(2, draw);
    }
    std::string drawn_text() { return imgui.drawn_text(draw); }
};

bool in_front(const char* name) {
    return test::HeadlessImGui::in_front(name);
}

TEST_CASE("panel registry: each panel registered once - the app draws every one") {
    std::set<std::string> names;
    std::set<std::string> windows;
    for (const ui::PanelInfo& p : ui::registered_panels()) {
        CAPTURE(std::string(p.name));
        CHECK(names.insert(p.name).second);
        for (const ui::PanelWindow& w : p.windows)
            CHECK(windows.insert(w.name).second);  // one panel per ImGui window
        REQUIRE(static_cast<bool>(p.make));
        CHECK(ui::make_panel(p.name) != nullptr);
    }
    // What the inspector shows today, each from its own file.
    for (const char* expected : {"Windows", "Backend (Rust)", "Route", "Periodic senders", "Log",
                                 "Plots", "Listener lifecycle", "Trace", "Demo", "Permissions"}) {
        CHECK(names.count(expected) == 1);
    }
    CHECK(ui::make_panel("no such panel") == nullptr);

    // Every registered panel with a window of its own is docked in the app's dock space, in
    // the node of its slot (the windows that open only with a trace or a demo aside).
    AppFixture f;
    const ui::DockSlots& slots = f.app->context().dock;
    for (const ui::PanelInfo& p : ui::registered_panels()) {
        for (const ui::PanelWindow& w : p.windows) {
            const ImGuiWindow* window = ImGui::FindWindowByName(w.name);
            if (window == nullptr || !window->Active) continue;
            CAPTURE(std::string(w.name));
            CHECK(window->DockId == slots.node(w.slot));
        }
    }
}

TEST_CASE("panel registry: a panel's shortcut and View menu entry bring its tab to the front") {
    AppFixture f;
    // Plots is a tab behind the Route view in the default layout.
    REQUIRE(in_front("Route"));
    REQUIRE_FALSE(in_front("Plots"));
    f.press(ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_P);
    CHECK(in_front("Plots"));
    CHECK_FALSE(in_front("Route"));
    REQUIRE(f.imgui.pick_from_menu("View", "Route", f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(in_front("Route"));
    CHECK_FALSE(in_front("Plots"));
    // The listener lifecycle, a tab behind the periodic senders, through its View entry.
    REQUIRE_FALSE(in_front("###lifecycle"));
    REQUIRE(f.imgui.pick_from_menu("View", "Listener lifecycle", f.draw));
    f.imgui.frames(2, f.draw);
    CHECK(in_front("###lifecycle"));
    CHECK_FALSE(in_front("Periodic senders"));
}

TEST_CASE("panel registry: Help > Shortcuts lists the app's keys and every panel's") {
    AppFixture f;
    CHECK(f.drawn_text().find("quit") == std::string::npos);
    f.press(ImGuiKey_F1);
    const std::string text = f.drawn_text();
    CHECK(text.find("Ctrl+Q") != std::string::npos);
    CHECK(text.find("quit") != std::string::npos);
    for (const ui::PanelInfo& p : ui::registered_panels()) {
        CAPTURE(std::string(p.name));
        if (p.focus_keys != nullptr) CHECK(text.find(p.focus_keys) != std::string::npos);
        for (const ui::PanelShortcut& k : p.shortcuts) {
            CHECK(text.find(k.keys) != std::string::npos);
            CHECK(text.find(k.what) != std::string::npos);
        }
    }
}

}  // namespace
}  // namespace eventlab
