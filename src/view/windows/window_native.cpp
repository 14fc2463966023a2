#include "view/windows/window_native.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <utility>

namespace eventlab {
namespace {

constexpr std::string_view kStateSeparator = "  \xC2\xB7  ";

}  // namespace

std::string window_panel_name(std::string_view label, const NativeWindowState& state) {
    // A window whose title is still Tauri's default (WindowConfig's) has none of its own.
    if (state.title == NativeWindowState{}.title || state.title.empty() || state.title == label) {
        return std::string(label);
    }
    return state.title + std::string(kStateSeparator) + std::string(label);
}

void WindowStateForm::follow(const NativeWindowState& state) {
    if (!title_editing) title = state.title;
    if (!size_editing) {
        size = {static_cast<int>(state.size.width), static_cast<int>(state.size.height)};
    }
}

StateChange retitle(std::string title) {
    return [title = std::move(title)](NativeWindowState& s) { s.title = title; };
}

StateChange resize(std::array<int, 2> size) {
    const PhysicalSize wanted{static_cast<std::uint32_t>(std::max(1, size[0])),
                              static_cast<std::uint32_t>(std::max(1, size[1]))};
    // Like Window::set_size: the OS keeps the window within its min and max size.
    return [wanted](NativeWindowState& s) { s.size = clamp_size(s, wanted); };
}

StateChange set_visible(bool visible) {
    if (!visible) return [](NativeWindowState& s) { hide(s); };
    return [](NativeWindowState& s) { s.visible = true; };
}

StateChange set_focused(bool focused) {
    if (focused) return [](NativeWindowState& s) { set_focus(s); };
    // A person clicking elsewhere: the window loses the focus and no other window of the app
    // takes it.
    return [](NativeWindowState& s) { s.focused = false; };
}

StateChange set_maximized(bool maximized) {
    if (maximized) return [](NativeWindowState& s) { maximize(s); };
    return [](NativeWindowState& s) { unmaximize(s); };
}

int theme_choice(const NativeWindowState& state) {
    if (!state.theme) return 0;
    return *state.theme == Theme::Light ? 1 : 2;
}

StateChange choose_theme(int choice) {
    return [choice](NativeWindowState& s) {
        if (choice == 1) {
            s.theme = Theme::Light;
        } else if (choice == 2) {
            s.theme = Theme::Dark;
        } else {
            s.theme.reset();
        }
    };
}

std::string window_state_headline(const NativeWindowState& state) {
    std::string text = state.title;
    (text += kStateSeparator) +=
        std::to_string(state.size.width) + "\xC3\x97" + std::to_string(state.size.height);
    if (!state.visible) (text += kStateSeparator) += "hidden";
    if (state.focused) (text += kStateSeparator) += "focused";
    if (state.maximized) (text += kStateSeparator) += "maximized";
    if (state.minimized) (text += kStateSeparator) += "minimized";
    if (state.fullscreen) (text += kStateSeparator) += "fullscreen";
    if (state.theme) (text += kStateSeparator) += to_string(*state.theme);
    return text;
}

std::string window_state_summary(const NativeWindowState& state) {
    std::array<char, 64> scale{};
    std::snprintf(scale.data(), scale.size(), "%.2f", state.scale_factor);
    std::string text = "at " + std::to_string(state.position.x) + ", " +
                       std::to_string(state.position.y) + std::string(kStateSeparator) + "scale " +
                       scale.data();
    if (state.minimized) (text += kStateSeparator) += "minimized";
    if (state.fullscreen) (text += kStateSeparator) += "fullscreen";
    return text;
}

}  // namespace eventlab
