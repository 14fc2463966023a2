// What a connected page's `invoke` does: the commands of Tauri's event and window plugins, as
// those plugins implement them, then the app's own commands (the workspace's and the ones a
// scenario declares). No sockets here: the bridge's connection calls it, and so do the tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/app/commands.h"
#include "core/app/session.h"

namespace eventlab::bridge {

struct PageContext {
    Session& session;
    std::string label;  // the page's window and webview
    Handler deliver;    // the handler of every JS listener the page registers: sends to the page
};

// The command's resolved value, or the text its promise rejects with (Tauri's words).
InvokeResult run_page_command(PageContext& page, std::string_view command,
                              const nlohmann::json& args);

}  // namespace eventlab::bridge
