#include "view/codegen/ts_code.h"

#include <algorithm>

#include "view/codegen/code_preview.h"

namespace eventlab {

namespace {

// A JS string literal, written as the Backend panel's code preview writes them (double quotes).
std::string js_string(std::string_view text) {
    return nlohmann::json(std::string(text))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

constexpr std::string_view kHandler = "(e) => console.log(e.payload)";

std::size_t columns(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// `head(a, b)tail` on one line when it fits in `width` columns; otherwise the arguments are
// packed greedily onto lines indented two more spaces. Prettier would give every argument its
// own line, which a narrow window cannot afford.
std::string pack_call(std::string_view indent, std::string_view head,
                      const std::vector<std::string>& args, std::string_view tail,
                      std::size_t width) {
    std::string out = std::string(indent) + std::string(head) + "(";
    std::string one = out;
    for (std::size_t i = 0; i < args.size(); ++i)
        one += (i > 0 ? ", " : "") + args[i];
    one += ")" + std::string(tail);
    if (columns(one) <= width) return one;
    const std::string continuation = std::string(indent) + "  ";
    std::size_t column = columns(out);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const bool last = i + 1 == args.size();
        const std::string piece = args[i] + (last ? ")" + std::string(tail) : ",");
        const std::size_t gap = i > 0 ? 1 : 0;
        if (column + gap + columns(piece) <= width) {
            if (gap > 0) out += ' ';
            out += piece;
            column += gap + columns(piece);
        } else {
            out += "\n" + continuation + piece;
            column = columns(continuation) + columns(piece);
        }
    }
    if (args.empty()) out += ")" + std::string(tail);
    return out;
}

std::vector<std::string> payload_args(std::vector<std::string> args,
                                      const nlohmann::json& payload) {
    if (!payload.is_null()) args.push_back(js_value(payload));
    return args;
}

}  // namespace

std::string ts_listen(std::string_view event, const std::optional<EventTarget>& target, bool once,
                      std::size_t width) {
    std::vector<std::string> args = {js_string(event), std::string(kHandler)};
    if (target) args.push_back("{ target: " + js_target(*target) + " }");
    return pack_call("", once ? "const unlisten = await once" : "const unlisten = await listen",
                     args, "", width);
}

std::string ts_emit(std::string_view event, const nlohmann::json& payload, std::size_t width) {
    return pack_call("", "await emit", payload_args({js_string(event)}, payload), "", width);
}

std::string ts_emit_to(const EventTarget& target, std::string_view event,
                       const nlohmann::json& payload, std::size_t width) {
    return pack_call("", "await emitTo",
                     payload_args({js_target(target), js_string(event)}, payload), "", width);
}

std::string ts_invoke(std::string_view command, const nlohmann::json& args, std::size_t width) {
    std::vector<std::string> list = {js_string(command)};
    if (!(args.is_object() && args.empty()) && !args.is_null()) list.push_back(js_value(args));
    return pack_call("", "await invoke", list, "", width);
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
        out += pack_call("  ", cleanup ? "const unlisten = listen" : "listen", args, ";", width);
        if (cleanup) {
            const std::string line = "  return () => { unlisten.then((fn) => fn()); };";
            out += columns(line) <= width
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
        out += pack_call("  ", head, {"(name) => listen(name, " + handler + ")"}, ";", width);
        if (cleanup) {
            out += "\n" + pack_call("  ", "return () => unlisten.forEach",
                                    {"(p) => p.then((fn) => fn())"}, ";", width);
        }
    }
    return out + "\n}, []);";
}

}  // namespace eventlab
