// Event-name and window-label rules, and the exact texts Tauri shows for a bad name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/bus/mode.h"

namespace eventlab {

// Which call met the bad name: Tauri words the failure differently for each.
enum class NameCall {
    RustListen,  // app.listen / once / listen_any / window.listen ...
    RustEmit,    // emit / emit_to / emit_filter from Rust
    Js,          // any @tauri-apps/api call: the promise rejects
};

struct NameError {
    std::string message;
    bool panic = false;  // true when Rust would panic rather than return Err
};

// Tauri's rule: every character is Unicode alphanumeric (Rust's char::is_alphanumeric) or one
// of - / : _. The empty name is valid. Bytes that are not UTF-8 make the name invalid (Rust
// strings cannot hold them at all).
bool is_valid_event_name(std::string_view name);

// Window labels follow the same character rule in Tauri (tauri-runtime's is_label_valid).
bool is_valid_label(std::string_view label);
std::string label_error(std::string_view label);

// nullopt when the name is valid; otherwise what the caller sees in that mode. `js_command` is
// the plugin command a JS call goes through (listen, unlisten, emit, emit_to).
std::optional<NameError> check_event_name(std::string_view name, Mode mode, NameCall call,
                                          std::string_view js_command = "emit");

// The name as Rust's `{:?}` prints a &str: quoted, with escapes. Used inside Tauri's messages.
std::string rust_debug_string(std::string_view text);

}  // namespace eventlab
