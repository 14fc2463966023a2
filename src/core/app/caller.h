// Who invokes a command. Tauri hands every command the calling Window and Webview, and through
// the webview the way back to its page; a command uses them for "its own window" (`close()`
// without a label), for the JS listeners it registers (`plugin:event|listen`) and for the
// Channels it is passed. A simulated webview (a scenario step, the inspector) has no page: its
// listeners only count calls and Channel messages sent to it go nowhere.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bus/bus.h"

namespace eventlab {

// Runs `window.__TAURI_INTERNALS__.runCallback(id, data)` in a page, in call order. Callable
// from any thread, also after the page left (it then does nothing).
using RunCallback = std::function<void(std::uint32_t id, nlohmann::json data)>;

struct Caller {
    std::string window;   // the calling window's label
    std::string webview;  // its webview's (every window here is a WebviewWindow: the same label)
    Handler deliver;      // a page: what its JS listeners deliver through; empty: count only
    RunCallback run_callback;  // a page: Channel messages; empty: they go nowhere
    // Where the page runs, for the permission check (acl::page_origin): a remote URL gets only
    // what a capability for that URL grants. Empty for the app's own pages, which are local: a
    // simulated webview, a page EventLab serves itself.
    std::string page_url;

    // A simulated WebviewWindow.
    static Caller simulated(std::string label) {
        Caller caller;
        caller.window = label;
        caller.webview = std::move(label);
        return caller;
    }
};

}  // namespace eventlab
