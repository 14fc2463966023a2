// The Window section's model: what a window's panel is called, fields that follow the window
// until a person edits them, and each edit made as the platform makes it.
#include <doctest/doctest.h>

#include <array>
#include <string>

#include "core/app/window_state.h"
#include "view/windows/window_native.h"

namespace eventlab {

TEST_CASE(
    "window state form: a panel is named by its own title beside its label - else by its label") {
    NativeWindowState state;  // Tauri's default title: none of its own
    CHECK(window_panel_name("main", state) == "main");
    state.title = "settings";
    CHECK(window_panel_name("settings", state) == "settings");
    state.title = "Preferences";
    CHECK(window_panel_name("settings", state) == "Preferences  \xC2\xB7  settings");
}

TEST_CASE("window state form: the fields follow the window except the one being edited") {
    NativeWindowState state;
    WindowStateForm form;
    form.follow(state);
    CHECK(form.title == state.title);
    CHECK(form.size == std::array<int, 2>{800, 600});

    form.title = "typing";
    form.title_editing = true;
    state.title = "set by the page";
    state.size = {1024, 768};
    form.follow(state);
    CHECK(form.title == "typing");  // not overwritten under the person's cursor
    CHECK(form.size == std::array<int, 2>{1024, 768});
    form.title_editing = false;
    form.follow(state);
    CHECK(form.title == "set by the page");
}

TEST_CASE("window state form: a resize stays within the min and max size and above zero") {
    NativeWindowState state;
    state.min_size = PhysicalSize{300, 200};
    state.max_size = PhysicalSize{1000, 900};
    resize({50, 5000})(state);
    CHECK(state.size == PhysicalSize{300, 900});
    state.min_size.reset();
    resize({-4, 0})(state);
    CHECK(state.size == PhysicalSize{1, 1});
    retitle("Renamed")(state);
    CHECK(state.title == "Renamed");
}

TEST_CASE("window state form: maximize fills the work area and unmaximize puts the window back") {
    NativeWindowState state;
    const NativeWindowState before = state;
    set_maximized(true)(state);
    CHECK(state.maximized);
    CHECK(state.size == simulated_monitor().work_area_size);
    CHECK(state.position == simulated_monitor().work_area_position);
    set_maximized(false)(state);
    CHECK_FALSE(state.maximized);
    CHECK(state.size == before.size);
    CHECK(state.position == before.position);
}

TEST_CASE("window state form: hiding blurs - a hidden window cannot take the focus") {
    NativeWindowState state;
    REQUIRE(state.focused);
    set_visible(false)(state);
    CHECK_FALSE(state.visible);
    CHECK_FALSE(state.focused);
    set_focused(true)(state);
    CHECK_FALSE(state.focused);
    set_visible(true)(state);
    set_focused(true)(state);
    CHECK(state.focused);
    set_focused(false)(state);
    CHECK_FALSE(state.focused);
    CHECK(state.visible);
}

TEST_CASE("window state form: the theme picker - system or light or dark") {
    NativeWindowState state;
    CHECK(std::string(kThemeChoices[theme_choice(state)]) == "system");
    choose_theme(2)(state);
    CHECK(state.theme == Theme::Dark);
    CHECK(std::string(kThemeChoices[theme_choice(state)]) == "dark");
    choose_theme(1)(state);
    CHECK(state.theme == Theme::Light);
    choose_theme(0)(state);
    CHECK_FALSE(state.theme.has_value());
}

TEST_CASE("window state form: the summary line says where the window is and what else holds") {
    NativeWindowState state;
    state.position = {10, -20};
    CHECK(window_state_summary(state) == "at 10, -20  \xC2\xB7  scale 1.00");
    state.minimized = true;
    state.fullscreen = true;
    state.scale_factor = 1.5;
    CHECK(window_state_summary(state) ==
          "at 10, -20  \xC2\xB7  scale 1.50  \xC2\xB7  minimized  \xC2\xB7  fullscreen");
}

TEST_CASE("window state form: the headline says the title and size and what holds") {
    NativeWindowState state;
    CHECK(window_state_headline(state) ==
          "Tauri App  \xC2\xB7  800\xC3\x97"
          "600  \xC2\xB7  focused");
    hide(state);
    maximize(state);
    state.theme = Theme::Dark;
    CHECK(window_state_headline(state) ==
          "Tauri App  \xC2\xB7  1920\xC3\x97"
          "1040  \xC2\xB7  hidden  \xC2\xB7  maximized  \xC2\xB7  dark");
}

}  // namespace eventlab
