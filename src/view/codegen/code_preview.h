// The Rust and TypeScript a person would write for what the Backend panel has set: an emit,
// emit_to or emit_filter, or a Rust listener. Shown beside the form so that what the simulator
// does can be pasted into a real Tauri v2 app (and so that the API names are learnt, not hidden).
// Pure text: no ImGui, testable on its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/target.h"
#include "core/record/record.h"
#include "view/codegen/ts_code.h"

namespace eventlab {

struct EmitCall {
    EmitApi api = EmitApi::Emit;
    std::string event;
    nlohmann::json payload;           // null: `()` in Rust, no argument in JS
    EventTarget target;               // emit_to
    std::vector<EventTarget> accept;  // emit_filter: the closure accepts exactly these
};

// The Rust listen APIs of docs/tauri-rules.md's "Which target each listen stores" table.
enum class RustListenApi : std::uint8_t { App, Window, Webview, WebviewWindow, Any };
inline constexpr RustListenApi kRustListenApis[] = {
    RustListenApi::App, RustListenApi::Window, RustListenApi::Webview, RustListenApi::WebviewWindow,
    RustListenApi::Any};

struct ListenCall {
    RustListenApi api = RustListenApi::App;
    std::string label;  // Window, Webview, WebviewWindow: the label of the handle listened on
    std::string event;
    bool once = false;
};

// "app.listen", "window.listen", "webview.listen", "webview_window.listen", "listen_any"
// (or the once variants).
std::string rust_listen_name(RustListenApi api, bool once = false);
bool listen_needs_label(RustListenApi api);
// The target the listener stores, as the bus needs it (app.listen → App, listen_any → Any ...).
EventTarget listen_target(const ListenCall& call);

struct CodePreview {
    std::string rust;
    std::string ts;
};

// Lines longer than `width` characters have their arguments broken over several lines, the way
// rustfmt and prettier would; the panel passes what fits its width.
inline constexpr std::size_t kPreviewWidth = 100;  // rustfmt's max_width

CodePreview preview_emit(const EmitCall& call, std::size_t width = kPreviewWidth);
CodePreview preview_listen(const ListenCall& call, std::size_t width = kPreviewWidth);

// ---- building blocks, tested on their own
// A Rust string literal: quotes, backslashes and control characters escaped Rust's way
// (append_rust_string); invalid UTF-8 shows as \u{fffd}, as the JSON literals show \ufffd.
std::string rust_string(std::string_view text);
// `TestEventPayload { data: "…".into() }` when the payload is exactly {"data": string} (the seed
// guide's struct), `()` for null (unit serializes to null), else `serde_json::json!(…)`.
std::string rust_payload(const nlohmann::json& payload);
// `"main"` for AnyLabel (a &str converts to it), `EventTarget::window("main")` for the others.
std::string rust_target(const EventTarget& target);
// The emit_filter closure accepting exactly `accept` (`|_| false` when empty).
std::string rust_filter(const std::vector<EventTarget>& accept);

}  // namespace eventlab
