// The dispatch by plugin name, and the small plugins: event, app.
#include "core/app/plugins.h"

#include <array>

#include "core/app/plugin_args.h"
#include "core/app/session.h"

namespace eventlab {

InvokeResult rejected(std::string text) {
    return {false, nullptr, std::move(text)};
}

InvokeResult resolved(nlohmann::json value) {
    return {true, std::move(value), {}};
}

InvokeResult command_not_found(std::string_view command) {
    return rejected("Command " + std::string(command) + " not found");
}

namespace {

constexpr std::string_view kPluginPrefix = "plugin:";

using Plugin = InvokeResult (*)(PluginCall&);

constexpr std::array<std::pair<std::string_view, Plugin>, 5> kPlugins{{
    {"event", event_plugin},
    {"window", window_plugin},
    {"webview", webview_plugin},
    {"app", app_plugin},
    {"path", path_plugin},
}};

// "plugin:NAME|COMMAND" split as Tauri splits it (a missing `|` is an empty command).
std::pair<std::string_view, std::string_view> split(std::string_view command) {
    const std::string_view rest = command.substr(kPluginPrefix.size());
    const std::size_t bar = rest.find('|');
    if (bar == std::string_view::npos) return {rest, {}};
    return {rest.substr(0, bar), rest.substr(bar + 1)};
}

Plugin find_plugin(std::string_view command) {
    if (!is_plugin_command(command)) return nullptr;
    const std::string_view plugin = split(command).first;
    for (const auto& [name, run] : kPlugins) {
        if (name == plugin) return run;
    }
    return nullptr;
}

}  // namespace

bool is_plugin_command(std::string_view command) {
    return command.starts_with(kPluginPrefix);
}

bool is_core_plugin_command(std::string_view command) {
    return find_plugin(command) != nullptr;
}

bool is_event_plugin_command(std::string_view command) {
    return command.starts_with("plugin:event|");
}

InvokeResult run_plugin_command(Session& session, const Caller& caller, std::string_view command,
                                const nlohmann::json& args, const Cause& cause) {
    const auto [plugin, name] = split(command);
    const Plugin run = find_plugin(command);
    if (run == nullptr) return rejected("plugin " + std::string(plugin) + " not found");
    PluginCall call{session, caller, name, args, cause};
    return run(call);
}

// ---------------------------------------------------------------------------------------------
// event (crates/tauri/src/event/plugin.rs)

InvokeResult event_plugin(PluginCall& call) {
    EventBus& bus = call.session.bus();
    PluginArgs args(call.command, call.args);
    const std::string& webview = call.caller.webview;
    const Source from = Source::js(webview);
    if (call.command == "listen") {
        auto event = args.string("event");
        auto target = args.target("target");
        args.u32("handler");  // the page's callback id: the page keeps it, not the bus
        if (args.failed()) return rejected(args.error());
        Handler deliver = call.caller.deliver ? call.caller.deliver : Handler([](const Event&) {});
        const OpResult op = bus.js_listen(webview, *event, *target, std::move(deliver));
        return from_op(op, op.id);
    }
    if (call.command == "unlisten") {
        auto event = args.string("event");
        auto id = args.u32("eventId");
        if (args.failed()) return rejected(args.error());
        return from_op(bus.js_unlisten(webview, *event, *id));
    }
    if (call.command == "emit") {
        auto event = args.string("event");
        if (args.failed()) return rejected(args.error());
        return from_op(bus.emit(*event, make_text(args.payload()), from, call.cause));
    }
    if (call.command == "emit_to") {
        auto target = args.target("target");
        auto event = args.string("event");
        if (args.failed()) return rejected(args.error());
        return from_op(bus.emit_to(*target, *event, make_text(args.payload()), from, call.cause));
    }
    return command_not_found(call.command);
}

// ---------------------------------------------------------------------------------------------
// app (crates/tauri/src/app/plugin.rs)

InvokeResult app_plugin(PluginCall& call) {
    const AppInfo app = call.session.app();
    const std::string_view name = call.command;
    if (name == "version") return resolved(app.version);
    if (name == "name") return resolved(app.name);
    if (name == "tauri_version") return resolved(app.tauri_version);
    if (name == "identifier") return resolved(app.identifier);
    // macOS-only or Apple-only work: on Linux the commands succeed and do nothing.
    if (name == "app_show" || name == "app_hide" || name == "remove_data_store" ||
        name == "set_dock_visibility") {
        return resolved();
    }
    if (name == "fetch_data_store_identifiers") return resolved(nlohmann::json::array());
    // No icon and no bundle: a development build.
    if (name == "default_window_icon" || name == "bundle_type") return resolved();
    if (name == "supports_multiple_windows") return resolved(true);
    PluginArgs args(name, call.args);
    if (name == "set_app_theme") {
        auto theme = args.optional_theme("theme");
        if (args.failed()) return rejected(args.error());
        // app.set_theme: every window takes it (none: back to the system theme).
        call.session.update_windows([theme](NativeWindowState& state) { state.theme = theme; },
                                    call.cause);
        return resolved();
    }
    if (name == "exit") {
        args.i32("code");
        if (args.failed()) return rejected(args.error());
        // The app ends: every window goes. EventLab's session itself goes on.
        for (const WindowInfo& window : call.session.bus().live_windows())
            (void)call.session.bus().destroy_window(window.label, call.cause);
        return resolved();
    }
    return command_not_found(name);
}

}  // namespace eventlab
