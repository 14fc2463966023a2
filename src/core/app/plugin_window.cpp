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

using Getter = std::function<nlohmann::json(const NativeWindowState&)>;

// The getters of window/plugin.rs and their JSON (Tauri's serde shapes). The window has no
// frame, so inner and outer are the same.
const std::map<std::string_view, Getter, std::less<>>& getters() {
    static const std::map<std::string_view, Getter, std::less<>> table{
        {"scale_factor", [](const NativeWindowState& s) { return nlohmann::json(s.scale_factor); }},
        {"inner_position", [](const NativeWindowState& s) { return to_json(s.position); }},
        {"outer_position", [](const NativeWindowState& s) { return to_json(s.position); }},
        {"inner_size", [](const NativeWindowState& s) { return to_json(s.size); }},
        {"outer_size", [](const NativeWindowState& s) { return to_json(s.size); }},
        {"is_focused", [](const NativeWindowState& s) { return nlohmann::json(s.focused); }},
        {"is_resizable", [](const NativeWindowState& s) { return nlohmann::json(s.resizable); }},
        {"is_visible", [](const NativeWindowState& s) { return nlohmann::json(s.visible); }},
        {"is_enabled", [](const NativeWindowState& s) { return nlohmann::json(s.enabled); }},
        {"title", [](const NativeWindowState& s) { return nlohmann::json(s.title); }},
        {"theme",
         [](const NativeWindowState& s) {
             return nlohmann::json(std::string(to_string(effective_theme(s))));
         }},
        {"is_fullscreen", [](const NativeWindowState& s) { return nlohmann::json(s.fullscreen); }},
        {"is_minimized", [](const NativeWindowState& s) { return nlohmann::json(s.minimized); }},
        {"is_maximized", [](const NativeWindowState& s) { return nlohmann::json(s.maximized); }},
        {"is_decorated", [](const NativeWindowState& s) { return nlohmann::json(s.decorated); }},
        {"is_maximizable",
         [](const NativeWindowState& s) { return nlohmann::json(s.maximizable); }},
        {"is_minimizable",
         [](const NativeWindowState& s) { return nlohmann::json(s.minimizable); }},
        {"is_closable", [](const NativeWindowState& s) { return nlohmann::json(s.closable); }},
        {"is_always_on_top",
         [](const NativeWindowState& s) { return nlohmann::json(s.always_on_top); }},
        {"current_monitor", [](const NativeWindowState&) { return to_json(simulated_monitor()); }},
        {"primary_monitor", [](const NativeWindowState&) { return to_json(simulated_monitor()); }},
        {"available_monitors",
         [](const NativeWindowState&) {
             return nlohmann::json::array({to_json(simulated_monitor())});
         }},
        // The simulated pointer rests at the monitor's origin.
        {"cursor_position",
         [](const NativeWindowState&) {
             return nlohmann::json{{"x", 0.0}, {"y", 0.0}};
         }},
    };
    return table;
}

using Flag = bool NativeWindowState::*;

// Setters of one bool `value` that the state keeps and no event follows.
const std::map<std::string_view, Flag, std::less<>>& flag_setters() {
    static const std::map<std::string_view, Flag, std::less<>> table{
        {"set_resizable", &NativeWindowState::resizable},
        {"set_maximizable", &NativeWindowState::maximizable},
        {"set_minimizable", &NativeWindowState::minimizable},
        {"set_closable", &NativeWindowState::closable},
        {"set_enabled", &NativeWindowState::enabled},
        {"set_focusable", &NativeWindowState::focusable},
        {"set_decorations", &NativeWindowState::decorated},
        {"set_shadow", &NativeWindowState::shadow},
        {"set_always_on_top", &NativeWindowState::always_on_top},
        {"set_always_on_bottom", &NativeWindowState::always_on_bottom},
        {"set_content_protected", &NativeWindowState::content_protected},
        {"set_skip_taskbar", &NativeWindowState::skip_taskbar},
        {"set_visible_on_all_workspaces", &NativeWindowState::visible_on_all_workspaces},
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

// The setters without a `value`.
const std::map<std::string_view, std::function<void(NativeWindowState&)>, std::less<>>&
plain_setters() {
    static const std::map<std::string_view, std::function<void(NativeWindowState&)>, std::less<>>
        table{
            {"show", [](NativeWindowState& s) { s.visible = true; }},
            {"hide", hide},
            {"set_focus", set_focus},
            {"center", [](NativeWindowState& s) { s.position = centered(s.size); }},
            {"maximize", maximize},
            {"unmaximize", unmaximize},
            {"toggle_maximize",
             [](NativeWindowState& s) { s.maximized ? unmaximize(s) : maximize(s); }},
            // The title bar's double click: only a resizable window, and only to a maximizable
            // size.
            {"internal_toggle_maximize",
             [](NativeWindowState& s) {
                 if (!s.resizable) return;
                 if (s.maximized) {
                     unmaximize(s);
                 } else if (s.maximizable) {
                     maximize(s);
                 }
             }},
            {"minimize", minimize},
            {"unminimize", [](NativeWindowState& s) { s.minimized = false; }},
            {"start_dragging", [](NativeWindowState&) {}},
            {"request_user_attention", [](NativeWindowState&) {}},
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
std::optional<std::function<void(NativeWindowState&)>> value_setter(std::string_view name,
                                                                    PluginArgs& args) {
    using Change = std::function<void(NativeWindowState&)>;
    if (const auto it = flag_setters().find(name); it != flag_setters().end()) {
        const auto value = args.boolean("value");
        if (!value) return std::nullopt;
        return Change([flag = it->second, on = *value](NativeWindowState& s) { s.*flag = on; });
    }
    if (name == "set_title") {
        auto value = args.string("value");
        if (!value) return std::nullopt;
        return Change([title = *value](NativeWindowState& s) { s.title = title; });
    }
    if (name == "set_size") {
        const auto value = args.size("value");
        if (!value) return std::nullopt;
        return Change([v = *value](NativeWindowState& s) {
            s.size = clamp_size(s, v.physical(s.scale_factor));
        });
    }
    if (name == "set_min_size" || name == "set_max_size") {
        const auto value = args.optional_size("value");
        if (args.failed()) return std::nullopt;
        const bool min = name == "set_min_size";
        return Change([value, min](NativeWindowState& s) {
            auto& limit = min ? s.min_size : s.max_size;
            limit.reset();
            if (value) limit = value->physical(s.scale_factor);
            s.size = clamp_size(s, s.size);  // the platform resizes a window outside them
        });
    }
    if (name == "set_position") {
        const auto value = args.position("value");
        if (!value) return std::nullopt;
        return Change(
            [v = *value](NativeWindowState& s) { s.position = v.physical(s.scale_factor); });
    }
    if (name == "set_theme") {
        const auto theme = args.optional_theme("value");
        if (args.failed()) return std::nullopt;
        return Change([theme](NativeWindowState& s) { s.theme = theme; });
    }
    if (name == "set_fullscreen" || name == "set_simple_fullscreen") {
        // set_simple_fullscreen is set_fullscreen outside macOS.
        const auto value = args.boolean("value");
        if (!value) return std::nullopt;
        return Change([on = *value](NativeWindowState& s) { set_fullscreen(s, on); });
    }
    if (name == "set_fullscreen_on_monitor") {
        if (!args.required("value")) return std::nullopt;
        return Change([](NativeWindowState& s) { set_fullscreen(s, true); });
    }
    if (const auto it = unmodelled_setters().find(name); it != unmodelled_setters().end()) {
        if (it->second && !args.required("value")) return std::nullopt;
        return Change([](NativeWindowState&) {});
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

InvokeResult setter(PluginCall& call, const std::function<void(NativeWindowState&)>& change,
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
