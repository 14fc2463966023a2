#include "view/codegen/code_preview.h"

#include <optional>

#include "core/util/json_text.h"
#include "view/codegen/call_layout.h"

namespace eventlab {
namespace {

// The JSON value inside serde_json::json!(…): JSON syntax, but strings as Rust literals (JSON's
// \u00e9 escapes are not Rust).
std::string rust_json(const nlohmann::json& value) {
    if (value.is_string()) return rust_string(value.get_ref<const std::string&>());
    if (value.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i > 0) out += ", ";
            out += rust_json(value[i]);
        }
        return out + "]";
    }
    if (value.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto& [key, item] : value.items()) {
            if (!first) out += ", ";
            first = false;
            out += rust_string(key) + ": " + rust_json(item);
        }
        return out + "}";
    }
    return value.dump();  // null, booleans and numbers read the same in json!
}

bool is_test_event_payload(const nlohmann::json& payload) {
    return payload.is_object() && payload.size() == 1 && payload.contains("data") &&
           payload["data"].is_string();
}

std::string_view kind_name(EventTarget::Kind kind) {
    return to_string(kind);
}

// The variant pattern of a target: `EventTarget::Window { label } if label == "main"`.
std::string rust_pattern(const EventTarget& target) {
    std::string out = "EventTarget::" + std::string(kind_name(target.kind));
    if (target.has_label()) out += " { label } if label == " + rust_string(target.label);
    return out;
}

std::string rust_uses(const EmitCall& call) {
    const bool needs_target =
        call.api == EmitApi::EmitFilter ||
        (call.api == EmitApi::EmitTo && call.target.kind != EventTarget::Kind::AnyLabel);
    return needs_target ? "use tauri::{Emitter, EventTarget};\n\n" : "use tauri::Emitter;\n\n";
}

// The handle a Rust listener is registered on, and how it is fetched from the AppHandle.
struct RustHandle {
    std::string name;   // "app", "window", "webview", "webview_window"
    std::string fetch;  // "let window = app.get_window(\"main\").unwrap();\n" or empty
};

RustHandle rust_handle(const ListenCall& call) {
    const char* handle = nullptr;
    const char* getter = nullptr;
    switch (call.api) {
        case RustListenApi::App:
        case RustListenApi::Any:
            return {"app", {}};
        case RustListenApi::Window:
            handle = "window";
            getter = "get_window";
            break;
        case RustListenApi::Webview:
            handle = "webview";
            getter = "get_webview";
            break;
        case RustListenApi::WebviewWindow:
            handle = "webview_window";
            getter = "get_webview_window";
            break;
    }
    return {handle, "let " + std::string(handle) + " = app." + getter + "(" +
                        rust_string(call.label) + ").unwrap();\n"};
}

}  // namespace

std::string rust_listen_name(RustListenApi api, bool once) {
    const std::string verb = once ? "once" : "listen";
    switch (api) {
        case RustListenApi::App:
            return "app." + verb;
        case RustListenApi::Window:
            return "window." + verb;
        case RustListenApi::Webview:
            return "webview." + verb;
        case RustListenApi::WebviewWindow:
            return "webview_window." + verb;
        case RustListenApi::Any:
            return verb + "_any";
    }
    return "app." + verb;
}

bool listen_needs_label(RustListenApi api) {
    return api == RustListenApi::Window || api == RustListenApi::Webview ||
           api == RustListenApi::WebviewWindow;
}

EventTarget listen_target(const ListenCall& call) {
    switch (call.api) {
        case RustListenApi::App:
            return EventTarget::app();
        case RustListenApi::Window:
            return EventTarget::window(call.label);
        case RustListenApi::Webview:
            return EventTarget::webview(call.label);
        case RustListenApi::WebviewWindow:
            return EventTarget::webview_window(call.label);
        case RustListenApi::Any:
            return EventTarget::any();
    }
    return EventTarget::app();
}

std::string rust_string(std::string_view text) {
    std::string out;
    append_rust_string(out, text);
    return out;
}

std::string rust_payload(const nlohmann::json& payload) {
    if (payload.is_null()) return "()";
    if (is_test_event_payload(payload)) {
        // `.into()`: the seed guide's field is a String, and a bare literal would not compile.
        return "TestEventPayload { data: " +
               rust_string(payload["data"].get_ref<const std::string&>()) + ".into() }";
    }
    return "serde_json::json!(" + rust_json(payload) + ")";
}

std::string rust_target(const EventTarget& target) {
    switch (target.kind) {
        case EventTarget::Kind::Any:
            return "EventTarget::any()";
        case EventTarget::Kind::App:
            return "EventTarget::app()";
        case EventTarget::Kind::AnyLabel:
            return rust_string(target.label);
        case EventTarget::Kind::Window:
            return "EventTarget::window(" + rust_string(target.label) + ")";
        case EventTarget::Kind::Webview:
            return "EventTarget::webview(" + rust_string(target.label) + ")";
        case EventTarget::Kind::WebviewWindow:
            return "EventTarget::webview_window(" + rust_string(target.label) + ")";
    }
    return "EventTarget::any()";
}

std::string rust_filter(const std::vector<EventTarget>& accept) {
    if (accept.empty()) return "|_| false";
    std::string out = "|t| ";
    for (std::size_t i = 0; i < accept.size(); ++i) {
        if (i > 0) out += " || ";
        out += "matches!(t, " + rust_pattern(accept[i]) + ")";
    }
    return out;
}

CodePreview preview_emit(const EmitCall& call, std::size_t width) {
    CodePreview out;
    const std::string event = rust_string(call.event);
    const std::string payload = rust_payload(call.payload);
    out.rust = rust_uses(call);
    switch (call.api) {
        case EmitApi::Emit:
            out.rust += format_call("app.emit", {event, payload}, "?;", width, "    ");
            break;
        case EmitApi::EmitTo:
            out.rust += format_call("app.emit_to", {rust_target(call.target), event, payload}, "?;",
                                    width, "    ");
            break;
        case EmitApi::EmitFilter: {
            std::string one_line = format_call(
                "app.emit_filter", {event, payload, rust_filter(call.accept)}, "?;", width, "    ");
            if (call.accept.size() > 1 && one_line.find('\n') != std::string::npos) {
                // Too long: the closure gets a block, one accepted target per line.
                std::string block = "|t| {\n    matches!(t, " + rust_pattern(call.accept[0]) + ")";
                for (std::size_t i = 1; i < call.accept.size(); ++i) {
                    block += "\n        || matches!(t, " + rust_pattern(call.accept[i]) + ")";
                }
                block += "\n}";
                one_line =
                    format_call("app.emit_filter", {event, payload, block}, "?;", width, "    ");
            }
            out.rust += one_line;
            break;
        }
    }

    // JS has emit and emitTo, and takes the payload as an optional last argument.
    switch (call.api) {
        case EmitApi::Emit:
            out.ts = "import { emit } from \"@tauri-apps/api/event\";\n\n" +
                     ts_emit(call.event, call.payload, width);
            break;
        case EmitApi::EmitTo:
            out.ts = "import { emitTo } from \"@tauri-apps/api/event\";\n\n" +
                     ts_emit_to(call.target, call.event, call.payload, width);
            break;
        case EmitApi::EmitFilter:
            out.ts =
                "// JS has no emit_filter: it is Rust only. The nearest is one emitTo per "
                "accepted\n"
                "// target, but a listener that several of them reach gets the event once per "
                "call.\n";
            if (call.accept.empty()) {
                out.ts += "// (This filter accepts nothing: in Rust only `Any` listeners get it.)";
                break;
            }
            out.ts += "import { emitTo } from \"@tauri-apps/api/event\";\n";
            for (const EventTarget& target : call.accept) {
                out.ts += "\n" + ts_emit_to(target, call.event, call.payload, width);
            }
            break;
    }
    return out;
}

CodePreview preview_listen(const ListenCall& call, std::size_t width) {
    CodePreview out;
    const RustHandle handle = rust_handle(call);
    const bool fetched = !handle.fetch.empty();
    out.rust = fetched ? "use tauri::{Listener, Manager};\n\n" + handle.fetch
                       : std::string("use tauri::Listener;\n\n");
    const std::string method = call.api == RustListenApi::Any
                                   ? std::string(call.once ? "once_any" : "listen_any")
                                   : std::string(call.once ? "once" : "listen");
    const std::string closure = "|event| {\n    println!(\"got {}\", event.payload());\n}";
    out.rust += format_call("let id = " + handle.name + "." + method,
                            {rust_string(call.event), closure}, ";", width, "    ");
    out.rust += call.once ? "\n// runs once, then it is removed (or earlier: " + handle.name +
                                ".unlisten(id))"
                          : "\n// later: " + handle.name + ".unlisten(id);";

    // JS can register a listener with the very same stored target through the `target` option.
    const EventTarget target = listen_target(call);
    const char* fn = call.once ? "once" : "listen";
    const std::optional<EventTarget> option =
        target.kind == EventTarget::Kind::Any ? std::nullopt : std::optional(target);
    out.ts = "import { " + std::string(fn) + " } from \"@tauri-apps/api/event\";\n\n" +
             "// the same stored target as " + rust_listen_name(call.api, call.once) + ": " +
             describe(target) + "\n" + ts_listen(call.event, option, call.once, width) +
             "\n// later: unlisten();";
    return out;
}

}  // namespace eventlab
