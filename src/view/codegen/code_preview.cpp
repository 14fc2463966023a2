#include "view/codegen/code_preview.h"

#include "core/util/json_text.h"

namespace eventlab {
namespace {

// Columns a line takes: code points, not bytes (labels and payloads may be any UTF-8).
std::size_t columns(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

// `head(arg, arg)tail` on one line when it fits and no argument spans lines; otherwise one
// argument per line with a trailing comma, as rustfmt and prettier both print a call.
std::string format_call(const std::string& head, const std::vector<std::string>& args,
                        const std::string& tail, std::size_t width, std::string_view indent) {
    std::string line = head + "(";
    std::size_t spanning = 0;  // arguments that span lines
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0) line += ", ";
        line += args[i];
        if (args[i].find('\n') != std::string::npos) ++spanning;
    }
    line += ")" + tail;
    if (spanning == 0 && columns(line) <= width) return line;
    // Only the last argument spans lines (a closure): it hangs off the call's first line.
    const bool last_spans = !args.empty() && args.back().find('\n') != std::string::npos;
    if (spanning == 1 && last_spans && columns(line.substr(0, line.find('\n'))) <= width) {
        return line;
    }
    std::string out = head + "(\n";
    for (const std::string& arg : args) {
        out += indent;
        for (char c : arg) {
            out += c;
            if (c == '\n') out += indent;  // keep an argument's own lines under it
        }
        out += ",\n";
    }
    out += ")" + tail;
    return out;
}

// A JS string literal (JSON's form is one). Invalid UTF-8 from a typed label becomes U+FFFD
// instead of making dump() throw.
std::string js_string(std::string_view text) {
    return nlohmann::json(std::string(text))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_js_identifier(std::string_view key) {
    if (key.empty()) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        const bool letter =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) return false;
    }
    return true;
}

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

std::string js_value(const nlohmann::json& value) {
    if (value.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i > 0) out += ", ";
            out += js_value(value[i]);
        }
        return out + "]";
    }
    if (value.is_object()) {
        if (value.empty()) return "{}";
        std::string out = "{ ";
        bool first = true;
        for (const auto& [key, item] : value.items()) {
            if (!first) out += ", ";
            first = false;
            out += is_js_identifier(key) ? key : js_string(key);
            out += ": " + js_value(item);
        }
        return out + " }";
    }
    if (value.is_string()) return js_string(value.get_ref<const std::string&>());
    return value.dump();  // the other JSON scalars are JS literals too
}

std::string js_target(const EventTarget& target) {
    if (target.kind == EventTarget::Kind::AnyLabel) return js_string(target.label);
    std::string out = "{ kind: \"" + std::string(kind_name(target.kind)) + "\"";
    if (target.has_label()) out += ", label: " + js_string(target.label);
    return out + " }";
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

    // JS emit and emitTo take the payload as an optional last argument; null means none.
    const std::string js_event = js_string(call.event);
    std::vector<std::string> tail;
    tail.push_back(js_event);
    if (!call.payload.is_null()) tail.push_back(js_value(call.payload));
    switch (call.api) {
        case EmitApi::Emit:
            out.ts = "import { emit } from \"@tauri-apps/api/event\";\n\n" +
                     format_call("await emit", tail, ";", width, "  ");
            break;
        case EmitApi::EmitTo: {
            std::vector<std::string> args{js_target(call.target)};
            args.insert(args.end(), tail.begin(), tail.end());
            out.ts = "import { emitTo } from \"@tauri-apps/api/event\";\n\n" +
                     format_call("await emitTo", args, ";", width, "  ");
            break;
        }
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
                std::vector<std::string> args{js_target(target)};
                args.insert(args.end(), tail.begin(), tail.end());
                out.ts += "\n" + format_call("await emitTo", args, ";", width, "  ");
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
    std::vector<std::string> args{js_string(call.event), "(event) => console.log(event.payload)"};
    if (target.kind != EventTarget::Kind::Any) {
        args.push_back("{ target: " + js_target(target) + " }");
    }
    out.ts = "import { " + std::string(fn) + " } from \"@tauri-apps/api/event\";\n\n" +
             "// the same stored target as " + rust_listen_name(call.api, call.once) + ": " +
             describe(target) + "\n" +
             format_call("const unlisten = await " + std::string(fn), args, ";", width, "  ") +
             "\n// later: unlisten();";
    return out;
}

}  // namespace eventlab
