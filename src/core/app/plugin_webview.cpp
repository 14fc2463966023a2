// `plugin:webview|…` (crates/tauri/src/webview/plugin.rs), as the api's Webview and
// WebviewWindow call them. Each window here is a WebviewWindow: its one webview has the window's
// label, sits at the window's origin and fills it unless given a size.
#include <algorithm>
#include <array>
#include <functional>

#include "core/app/plugin_args.h"
#include "core/app/plugins.h"
#include "core/app/session.h"

namespace eventlab {
namespace {

constexpr std::string_view kWebviewNotFound = "webview not found";

// Tauri's get_webview: absent or empty is the caller's own webview.
std::optional<std::string> target_webview(PluginCall& call, PluginArgs& args) {
    auto label = args.optional_string("label");
    if (args.failed()) return std::nullopt;
    if (!label || label->empty()) return call.caller.webview;
    return label;
}

InvokeResult all_webviews(PluginCall& call) {
    // WebviewRef derives Serialize without rename_all: its keys are snake_case, although the api
    // reads `windowLabel` (which Tauri therefore never sends).
    nlohmann::json webviews = nlohmann::json::array();
    for (const WindowInfo& window : call.session.bus().live_windows()) {
        webviews.push_back({{"window_label", window.label}, {"label", window.label}});
    }
    return resolved(std::move(webviews));
}

// What a webview command does to the state; nullopt when `args` failed.
std::optional<std::function<void(NativeWindowState&)>> webview_change(std::string_view name,
                                                                      PluginArgs& args) {
    using Change = std::function<void(NativeWindowState&)>;
    if (name == "set_webview_size") {
        const auto value = args.size("value");
        if (!value) return std::nullopt;
        return Change(
            [v = *value](NativeWindowState& s) { s.webview_size = v.physical(s.scale_factor); });
    }
    if (name == "set_webview_position") {
        const auto value = args.position("value");
        if (!value) return std::nullopt;
        return Change([v = *value](NativeWindowState& s) {
            s.webview_position = v.physical(s.scale_factor);
        });
    }
    if (name == "set_webview_zoom") {
        const auto value = args.f64("value");
        if (!value) return std::nullopt;
        return Change([zoom = *value](NativeWindowState& s) { s.zoom = zoom; });
    }
    if (name == "set_webview_auto_resize") {
        if (!args.boolean("value")) return std::nullopt;
        return Change([](NativeWindowState&) {});
    }
    if (name == "webview_hide")
        return Change([](NativeWindowState& s) { s.webview_visible = false; });
    if (name == "webview_show")
        return Change([](NativeWindowState& s) { s.webview_visible = true; });
    // Focusing the window's only webview focuses the window.
    if (name == "set_webview_focus") {
        return Change([](NativeWindowState& s) {
            if (s.focusable && s.visible) s.focused = true;
        });
    }
    // Accepted, nothing to keep: a background colour (an Option), printing, browsing data,
    // devtools.
    return Change([](NativeWindowState&) {});
}

bool is_webview_setter(std::string_view name) {
    static constexpr std::array<std::string_view, 11> kNames{"set_webview_size",
                                                             "set_webview_position",
                                                             "set_webview_zoom",
                                                             "set_webview_auto_resize",
                                                             "webview_hide",
                                                             "webview_show",
                                                             "set_webview_focus",
                                                             "set_webview_background_color",
                                                             "print",
                                                             "clear_all_browsing_data",
                                                             "internal_toggle_devtools"};
    return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

InvokeResult webview_getter(PluginCall& call) {
    PluginArgs args(call.command, call.args);
    const auto label = target_webview(call, args);
    if (!label) return rejected(args.error());
    const auto state = call.session.window_state(*label);
    if (!state) return rejected(std::string(kWebviewNotFound));
    if (call.command == "webview_position") {
        return resolved(to_json(state->webview_position));
    }
    return resolved(to_json(state->webview_size.value_or(state->size)));
}

InvokeResult reparent(PluginCall& call) {
    PluginArgs args(call.command, call.args);
    const auto label = target_webview(call, args);
    const auto window = args.string("window");
    if (args.failed()) return rejected(args.error());
    EventBus& bus = call.session.bus();
    if (!bus.is_alive(*label)) return rejected(std::string(kWebviewNotFound));
    // Without Tauri's `unstable` feature a WebviewWindow's webview stays in its window; an
    // unknown window is silently nothing.
    if (!bus.is_alive(*window)) return resolved();
    return rejected("cannot reparent when using a WebviewWindow");
}

}  // namespace

InvokeResult create_window_from_config(PluginCall& call) {
    PluginArgs args(call.command, call.args);
    const auto options = args.value("options");
    if (!options) {
        if (!args.failed()) args.required("options");
        return rejected(args.error());
    }
    if (!options->is_object()) {
        return rejected(invalid_args(
            call.command, "options",
            "invalid type: " + serde_unexpected(*options) + ", expected struct WindowConfig"));
    }
    const auto label_it = options->find("label");
    const std::string label = label_it != options->end() && label_it->is_string()
                                  ? label_it->get<std::string>()
                                  : std::string("main");
    EventBus& bus = call.session.bus();
    if (bus.is_alive(label)) {
        return rejected("a window with label `" + label + "` already exists");
    }
    call.session.preset_window(label, window_state_from_config(*options), true);
    const OpResult op = bus.create_window(label, true, call.cause);
    if (!op.ok) return rejected(op.error);
    (void)call.session.window_state(label);  // takes the preset now, before anything else can
    return resolved();
}

InvokeResult webview_plugin(PluginCall& call) {
    const std::string_view name = call.command;
    if (name == "get_all_webviews") return all_webviews(call);
    if (name == "create_webview_window") return create_window_from_config(call);
    if (name == "create_webview") {
        return rejected("this feature requires the `unstable` flag on Cargo.toml");
    }
    if (name == "webview_position" || name == "webview_size") return webview_getter(call);
    if (name == "reparent") return reparent(call);
    const bool close = name == "webview_close";
    if (!close && !is_webview_setter(name)) return command_not_found(name);
    PluginArgs args(name, call.args);
    const auto label = target_webview(call, args);
    if (!label) return rejected(args.error());
    if (close) {
        // The window's only webview goes, and the window with it: no close-requested first.
        if (!call.session.bus().is_alive(*label)) return rejected(std::string(kWebviewNotFound));
        const OpResult op = call.session.bus().destroy_window(*label, call.cause);
        return op.ok ? resolved() : rejected(op.error);
    }
    const auto change = webview_change(name, args);
    if (!change) return rejected(args.error());
    if (!call.session.update_window(*label, *change, call.cause)) {
        return rejected(std::string(kWebviewNotFound));
    }
    return resolved();
}

}  // namespace eventlab
