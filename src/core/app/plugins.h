// Tauri's core plugins as EventLab answers them: `plugin:event|…`, `plugin:window|…`,
// `plugin:webview|…`, `plugin:app|…` and `plugin:path|…`, with the argument names, JSON shapes
// and error texts of crates/tauri/src/{event,window,webview,app,path}/plugin.rs. One
// implementation for every caller: a real page through the bridge and a simulated window (a
// scenario step, the inspector) get the same answers. Session::invoke is the way in.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/app/caller.h"
#include "core/app/commands.h"

namespace eventlab {

class Session;

struct PluginCall {
    Session& session;
    const Caller& caller;
    std::string_view command;  // without "plugin:NAME|", as Tauri's messages name it
    const nlohmann::json& args;
    Cause cause;
};

// The plugins EventLab has; a command they do not have is `Command NAME not found`, another
// plugin `plugin NAME not found`, as Tauri says it.
bool is_plugin_command(std::string_view command);        // "plugin:…"
bool is_core_plugin_command(std::string_view command);   // one of the plugins below
bool is_event_plugin_command(std::string_view command);  // "plugin:event|…"
InvokeResult run_plugin_command(Session& session, const Caller& caller, std::string_view command,
                                const nlohmann::json& args, const Cause& cause);

InvokeResult event_plugin(PluginCall& call);
InvokeResult window_plugin(PluginCall& call);
InvokeResult webview_plugin(PluginCall& call);
InvokeResult app_plugin(PluginCall& call);
InvokeResult path_plugin(PluginCall& call);

// Shared by the plugins.
InvokeResult rejected(std::string text);
InvokeResult resolved(nlohmann::json value = nullptr);
InvokeResult command_not_found(std::string_view command);
// Creates a WebviewWindow from Tauri's WindowConfig (`options` of `create` and
// `create_webview_window`), announced as Tauri announces a new window.
InvokeResult create_window_from_config(PluginCall& call);

}  // namespace eventlab
