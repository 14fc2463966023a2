#include "view/codegen/ts_code.h"

#include "core/util/json_text.h"
#include "core/util/utf8.h"

namespace eventlab {
namespace {

constexpr std::string_view kIndent = "  ";  // prettier's
constexpr std::string_view kHandler = "(event) => console.log(event.payload)";

// A JS string literal: JSON's form is one (double quotes, as prettier prints them).
std::string js_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
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

std::string statement(std::string_view head, const std::vector<std::string>& args,
                      std::size_t width, std::string_view base = {}) {
    return format_call(head, args, ";", width, kIndent, base);
}

std::vector<std::string> payload_args(std::vector<std::string> args,
                                      const nlohmann::json& payload) {
    if (!payload.is_null()) args.push_back(js_value(payload));
    return args;
}

}  // namespace

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
    std::string out = "{ kind: \"" + std::string(to_string(target.kind)) + "\"";
    if (target.has_label()) out += ", label: " + js_string(target.label);
    return out + " }";
}

std::string ts_listen(std::string_view event, const std::optional<EventTarget>& target, bool once,
                      std::size_t width) {
    std::vector<std::string> args = {js_string(event), std::string(kHandler)};
    if (target) args.push_back("{ target: " + js_target(*target) + " }");
    return statement(once ? "const unlisten = await once" : "const unlisten = await listen", args,
                     width);
}

std::string ts_emit(std::string_view event, const nlohmann::json& payload, std::size_t width) {
    return statement("await emit", payload_args({js_string(event)}, payload), width);
}

std::string ts_emit_to(const EventTarget& target, std::string_view event,
                       const nlohmann::json& payload, std::size_t width) {
    return statement("await emitTo", payload_args({js_target(target), js_string(event)}, payload),
                     width);
}

std::string ts_invoke(std::string_view command, const nlohmann::json& args, std::size_t width) {
    std::vector<std::string> list = {js_string(command)};
    if (!(args.is_object() && args.empty()) && !args.is_null()) list.push_back(js_value(args));
    return statement("await invoke", list, width);
}

std::string ts_component(std::string_view component, const std::vector<std::string>& events,
                         bool cleanup, bool strict, std::size_t width) {
    std::string out = "// <" + std::string(component) + " />";
    if (strict) out += " in <StrictMode>: mount, unmount, mount again";
    if (!cleanup) out += strict ? "; no cleanup" : ": no cleanup, its listeners outlive it";
    out += "\nuseEffect(() => {\n";
    const std::string handler(kHandler);
    if (events.size() == 1) {
        const std::vector<std::string> args = {js_string(events.front()), handler};
        out += statement(cleanup ? "const unlisten = listen" : "listen", args, width, kIndent);
        if (cleanup) {
            const std::string line = "  return () => { unlisten.then((fn) => fn()); };";
            out += utf8::count(line) <= width
                       ? "\n" + line
                       : "\n  return () => {\n    unlisten.then((fn) => fn());\n  };";
        }
    } else if (!events.empty()) {
        std::string names = "[";
        for (std::size_t i = 0; i < events.size(); ++i) {
            names += (i > 0 ? ", " : "") + js_string(events[i]);
        }
        names += "]";
        const std::string head = (cleanup ? "const unlisten = " : "") + names + ".map";
        out += statement(head, {"(name) => listen(name, " + handler + ")"}, width, kIndent);
        if (cleanup) {
            out += "\n" + statement("return () => unlisten.forEach",
                                    {"(p) => p.then((fn) => fn())"}, width, kIndent);
        }
    }
    return out + "\n}, []);";
}

}  // namespace eventlab
