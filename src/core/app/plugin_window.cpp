// `plugin:window|…` (crates/tauri/src/window/plugin.rs): getters read the window's state,
// setters change it as the platform would and Tauri's events follow (Session::update_window).
// Every command takes an optional `label`: absent or empty is the caller's own window, another
// label a window that must be open (`window not found`).
#include <algorithm>
#include <array>
#include <functional>
#include <map>

#include "core/app/plugin_args.h"
#include "core/app/plugins.h"
#include "core/app/session.h"

namespace eventlab {
namespace {

constexpr std::string_view kWindowNotFound = "window not found";

nlohmann::json size_json(PhysicalSize size) {
    return {{"width", size.width}, {"height", size.height}};
}

nlohmann::json position_json(PhysicalPosition position) {
    return {{"x", position.x}, {"y", position.y}};
}

using Getter = std::function<nlohmann::json(const WindowState&)>;

// The getters of window/plugin.rs and their JSON (Tauri's serde shapes). The window has no
// frame, so inner and outer are the same.
const std::map<std::string_view, Getter, std::less<>>& getters() {
    static const std::map<std::string_view, Getter, std::less<>> table{
        {"scale_factor", [](const WindowState& s) { return nlohmann::json(s.scale_factor); }},
        {"inner_position", [](const WindowState& s) { return position_json(s.position); }},
        {"outer_position", [](const WindowState& s) { return position_json(s.position); }},
        {"inner_size", [](const WindowState& s) { return size_json(s.size); }},
        {"outer_size", [](const WindowState& s) { return size_json(s.size); }},
        {"is_focused", [](const WindowState& s) { return nlohmann::json(s.focused); }},
        {"is_resizable", [](const WindowState& s) { return nlohmann::json(s.resizable); }},
        {"is_visible", [](const WindowState& s) { return nlohmann::json(s.visible); }},
        {"is_enabled", [](const WindowState& s) { return nlohmann::json(s.enabled); }},
        {"title", [](const WindowState& s) { return nlohmann::json(s.title); }},
        {"theme",
         [](const WindowState& s) {
             return nlohmann::json(std::string(to_string(effective_theme(s))));
         }},
        {"is_fullscreen", [](const WindowState& s) { return nlohmann::json(s.fullscreen); }},
        {"is_minimized", [](const WindowState& s) { return nlohmann::json(s.minimized); }},
        {"is_maximized", [](const WindowState& s) { return nlohmann::json(s.maximized); }},
        {"is_decorated", [](const WindowState& s) { return nlohmann::json(s.decorated); }},
        {"is_maximizable", [](const WindowState& s) { return nlohmann::json(s.maximizable); }},
        {"is_minimizable", [](const WindowState& s) { return nlohmann::json(s.minimizable); }},
        {"is_closable", [](const WindowState& s) { return nlohmann::json(s.closable); }},
        {"is_always_on_top", [](const WindowState& s) { return nlohmann::json(s.always_on_top); }},
        {"current_monitor", [](const WindowState&) { return to_json(simulated_monitor()); }},
        {"primary_monitor", [](const WindowState&) { return to_json(simulated_monitor()); }},
        {"available_monitors",
         [](const WindowState&) { return nlohmann::json::array({to_json(simulated_monitor())}); }},
        // The simulated pointer rests at the monitor's origin.
        {"cursor_position",
         [](const WindowState&) {
             return nlohmann::json{{"x", 0.0}, {"y", 0.0}};
         }},
    };
    return table;
}

using Flag = bool WindowState::*;

// Setters of one bool `value` that the state keeps and no event follows.
const std::map<std::string_view, Flag, std::less<>>& flag_setters() {
    static const std::map<std::string_view, Flag, std::less<>> table{
        {"set_resizable", &WindowState::resizable},
        {"set_maximizable", &WindowState::maximizable},
        {"set_minimizable", &WindowState::minimizable},
        {"set_closable", &WindowState::closable},
        {"set_enabled", &WindowState::enabled},
        {"set_focusable", &WindowState::focusable},
        {"set_decorations", &WindowState::decorated},
        {"set_shadow", &WindowState::shadow},
        {"set_always_on_top", &WindowState::always_on_top},
        {"set_always_on_bottom", &WindowState::always_on_bottom},
        {"set_content_protected", &WindowState::content_protected},
        {"set_skip_taskbar", &WindowState::skip_taskbar},
        {"set_visible_on_all_workspaces", &WindowState::visible_on_all_workspaces},
    };
    return table;
}

// Setters whose `value` EventLab accepts and does not model (cursor, icons, effects, the task
// bar): the call succeeds as it does in Tauri and changes nothing anyone can read back. The flag
// says whether `value` is required (an Option<…> parameter may be left out).
const std::map<std::string_view, bool, std::less<>>& unmodelled_setters() {
    static const std::map<std::string_view, bool, std::less<>> table{
        {"set_background_color", false},
        {"set_effects", false},
        {"set_badge_count", false},
        {"set_size_constraints", true},
        {"set_cursor_grab", true},
        {"set_cursor_visible", true},
        {"set_cursor_icon", true},
        {"set_cursor_position", true},
        {"set_ignore_cursor_events", true},
        {"set_progress_bar", true},
        {"set_icon", true},
        {"set_title_bar_style", true},
        {"start_resize_dragging", true},
    };
    return table;
}

// The other setters with a `value`, which value_setter reads.
bool is_value_setter(std::string_view name) {
    static constexpr std::array<std::string_view, 8> kNames{
        "set_title",    "set_size",  "set_min_size",   "set_max_size",
        "set_position", "set_theme", "set_fullscreen", "set_simple_fullscreen"};
    return flag_setters().contains(name) || unmodelled_setters().contains(name) ||
           name == "set_fullscreen_on_monitor" ||
           std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

PhysicalPosition centered(const WindowState& state) {
    const Monitor& m = simulated_monitor();
    return {m.work_area_position.x + (static_cast<std::int32_t>(m.work_area_size.width) -
                                      static_cast<std::int32_t>(state.size.width)) /
                                         2,
            m.work_area_position.y + (static_cast<std::int32_t>(m.work_area_size.height) -
                                      static_cast<std::int32_t>(state.size.height)) /
                                         2};
}

void maximize(WindowState& s) {
    if (s.maximized) return;
    s.maximized = true;
    s.minimized = false;
    if (!s.fullscreen) {
        fill_area(s, simulated_monitor().work_area_position, simulated_monitor().work_area_size);
    }
}

void unmaximize(WindowState& s) {
    if (!s.maximized) return;
    s.maximized = false;
    if (!s.fullscreen) restore_geometry(s);
}

void set_fullscreen(WindowState& s, bool on) {
    if (s.fullscreen == on) return;
    s.fullscreen = on;
    if (on) {
        fill_area(s, simulated_monitor().position, simulated_monitor().size);
        return;
    }
    restore_geometry(s);
    if (s.maximized) {
        fill_area(s, simulated_monitor().work_area_position, simulated_monitor().work_area_size);
    }
}

// A window that is hidden or minimized loses the focus (the platform's blur).
void hide(WindowState& s) {
    s.visible = false;
    s.focused = false;
}

void minimize(WindowState& s) {
    s.minimized = true;
    s.focused = false;
}

void set_focus(WindowState& s) {
    if (!s.focusable || !s.visible) return;
    s.minimized = false;
    s.focused = true;
}

// The setters without a `value`.
const std::map<std::string_view, std::function<void(WindowState&)>, std::less<>>& plain_setters() {
    static const std::map<std::string_view, std::function<void(WindowState&)>, std::less<>> table{
        {"show", [](WindowState& s) { s.visible = true; }},
        {"hide", hide},
        {"set_focus", set_focus},
        {"center", [](WindowState& s) { s.position = centered(s); }},
        {"maximize", maximize},
        {"unmaximize", unmaximize},
        {"toggle_maximize", [](WindowState& s) { s.maximized ? unmaximize(s) : maximize(s); }},
        // The title bar's double click: only a resizable window, and only to a maximizable size.
        {"internal_toggle_maximize",
         [](WindowState& s) {
             if (!s.resizable) return;
             if (s.maximized) {
                 unmaximize(s);
             } else if (s.maximizable) {
                 maximize(s);
             }
         }},
        {"minimize", minimize},
        {"unminimize", [](WindowState& s) { s.minimized = false; }},
        {"start_dragging", [](WindowState&) {}},
        {"request_user_attention", [](WindowState&) {}},
    };
    return table;
}

// The window a command acts on: Tauri's get_window.
std::optional<std::string> target_window(PluginCall& call, PluginArgs& args) {
    auto label = args.optional_string("label");
    if (args.failed()) return std::nullopt;
    if (!label || label->empty()) return call.caller.window;
    return label;
}

// A setter with a `value`: reads it, then returns the change it makes (nullopt: the error is in
// args).
std::optional<std::function<void(WindowState&)>> value_setter(std::string_view name,
                                                              PluginArgs& args) {
    using Change = std::function<void(WindowState&)>;
    if (const auto it = flag_setters().find(name); it != flag_setters().end()) {
        const auto value = args.boolean("value");
        if (!value) return std::nullopt;
        return Change([flag = it->second, on = *value](WindowState& s) { s.*flag = on; });
    }
    if (name == "set_title") {
        auto value = args.string("value");
        if (!value) return std::nullopt;
        return Change([title = *value](WindowState& s) { s.title = title; });
    }
    if (name == "set_size") {
        const auto value = args.size("value");
        if (!value) return std::nullopt;
        return Change(
            [v = *value](WindowState& s) { s.size = clamp_size(s, v.physical(s.scale_factor)); });
    }
    if (name == "set_min_size" || name == "set_max_size") {
        const auto value = args.optional_size("value");
        if (args.failed()) return std::nullopt;
        const bool min = name == "set_min_size";
        return Change([value, min](WindowState& s) {
            auto& limit = min ? s.min_size : s.max_size;
            limit.reset();
            if (value) limit = value->physical(s.scale_factor);
            s.size = clamp_size(s, s.size);  // the platform resizes a window outside them
        });
    }
    if (name == "set_position") {
        const auto value = args.position("value");
        if (!value) return std::nullopt;
        return Change([v = *value](WindowState& s) { s.position = v.physical(s.scale_factor); });
    }
    if (name == "set_theme") {
        const auto theme = args.optional_theme("value");
        if (args.failed()) return std::nullopt;
        return Change([theme](WindowState& s) { s.theme = theme; });
    }
    if (name == "set_fullscreen" || name == "set_simple_fullscreen") {
        // set_simple_fullscreen is set_fullscreen outside macOS.
        const auto value = args.boolean("value");
        if (!value) return std::nullopt;
        return Change([on = *value](WindowState& s) { set_fullscreen(s, on); });
    }
    if (name == "set_fullscreen_on_monitor") {
        if (!args.required("value")) return std::nullopt;
        return Change([](WindowState& s) { set_fullscreen(s, true); });
    }
    if (const auto it = unmodelled_setters().find(name); it != unmodelled_setters().end()) {
        if (it->second && !args.required("value")) return std::nullopt;
        return Change([](WindowState&) {});
    }
    return std::nullopt;
}

InvokeResult getter(PluginCall& call, const Getter& get) {
    PluginArgs args(call.command, call.args);
    const auto label = target_window(call, args);
    if (!label) return rejected(args.error());
    const auto state = call.session.window_state(*label);
    if (!state) return rejected(std::string(kWindowNotFound));
    return resolved(get(*state));
}

InvokeResult setter(PluginCall& call, const std::function<void(WindowState&)>& change,
                    const std::string& label) {
    if (!call.session.update_window(label, change, call.cause)) {
        return rejected(std::string(kWindowNotFound));
    }
    return resolved();
}

InvokeResult close_or_destroy(PluginCall& call) {
    PluginArgs args(call.command, call.args);
    const auto label = target_window(call, args);
    if (!label) return rejected(args.error());
    EventBus& bus = call.session.bus();
    if (!bus.is_alive(*label)) return rejected(std::string(kWindowNotFound));
    const OpResult op = call.command == "close" ? bus.close_window(*label, call.cause)
                                                : bus.destroy_window(*label, call.cause);
    if (!op.ok) return rejected(op.error);
    return resolved();
}

InvokeResult monitor_from_point(PluginCall& call) {
    PluginArgs args(call.command, call.args);
    const auto label = target_window(call, args);
    const auto x = args.f64("x");
    const auto y = args.f64("y");
    if (args.failed()) return rejected(args.error());
    if (!call.session.window_state(*label)) return rejected(std::string(kWindowNotFound));
    const Monitor& m = simulated_monitor();
    const bool inside = *x >= m.position.x && *y >= m.position.y &&
                        *x < m.position.x + static_cast<double>(m.size.width) &&
                        *y < m.position.y + static_cast<double>(m.size.height);
    return resolved(inside ? to_json(m) : nlohmann::json(nullptr));
}

}  // namespace

InvokeResult window_plugin(PluginCall& call) {
    const std::string_view name = call.command;
    if (name == "get_all_windows") {
        nlohmann::json labels = nlohmann::json::array();
        for (const WindowInfo& window : call.session.bus().live_windows())
            labels.push_back(window.label);
        return resolved(std::move(labels));
    }
    if (name == "create") return create_window_from_config(call);
    if (name == "close" || name == "destroy") return close_or_destroy(call);
    if (name == "monitor_from_point") return monitor_from_point(call);
    if (const auto it = getters().find(name); it != getters().end())
        return getter(call, it->second);
    const auto plain = plain_setters().find(name);
    if (plain == plain_setters().end() && !is_value_setter(name)) return command_not_found(name);
    PluginArgs args(name, call.args);
    const auto label = target_window(call, args);
    if (!label) return rejected(args.error());
    if (plain != plain_setters().end()) return setter(call, plain->second, *label);
    const auto change = value_setter(name, args);
    if (!change) return args.failed() ? rejected(args.error()) : command_not_found(name);
    return setter(call, *change, *label);
}

}  // namespace eventlab
