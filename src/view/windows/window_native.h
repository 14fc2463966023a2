// The Window section of a simulated window's panel, without ImGui: the fields a person edits
// (they show the window's state until someone edits them), and each edit as the change the
// platform makes to the window. Session::update_window applies a change and emits what Tauri
// emits for it (tauri://resize, tauri://focus and tauri://blur, tauri://theme-changed).
#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>

#include "core/app/window_state.h"

namespace eventlab {

using StateChange = std::function<void(NativeWindowState&)>;

// What a window's panel (and the OS window of a popped-out panel) is called: the Tauri window's
// title with its label when the window has a title of its own (a project's configured title, a
// set_title), else the label alone; the log, matrix and route name windows by label, and a row
// of tabs all reading Tauri's default title would tell nobody anything.
std::string window_panel_name(std::string_view label, const NativeWindowState& state);

// The editable fields of the Window section.
struct WindowStateForm {
    std::string title;
    std::array<int, 2> size{0, 0};
    bool title_editing = false;
    bool size_editing = false;

    // The fields follow the window (a page's setSize shows at once) except while being edited.
    void follow(const NativeWindowState& state);
};

// Each edit as the platform makes it.
StateChange retitle(std::string title);
StateChange resize(std::array<int, 2> size);  // at least 1×1, then within the min and max size
StateChange set_visible(bool visible);        // hiding blurs
StateChange set_focused(bool focused);        // focusing one window blurs the focused one
StateChange set_maximized(bool maximized);

// The theme picker: the window's own theme, or "system" (none: it follows the desktop's).
inline constexpr std::array<const char*, 3> kThemeChoices{"system", "light", "dark"};
int theme_choice(const NativeWindowState& state);  // index into kThemeChoices
StateChange choose_theme(int choice);

// The state at a glance, for the section's header while it is closed:
// "Tauri App · 800×600 · focused" (hidden, maximized, minimized, fullscreen, a theme of its own
// when they hold).
std::string window_state_headline(const NativeWindowState& state);
// The rest of the state in one line: "at 560, 220 · scale 1.00 · minimized · fullscreen".
std::string window_state_summary(const NativeWindowState& state);

}  // namespace eventlab
