#include "view/windows/window_view.h"

#include <algorithm>
#include <unordered_map>

#include "core/bus/names.h"
#include "view/codegen/code_preview.h"

namespace eventlab {

// ---------------------------------------------------------------------------------------------
// listener table

std::string leaked_mark(std::string_view component) {
    return "leaked: handler of unmounted component " + std::string(component);
}

std::vector<ListenerRow> listener_rows(std::string_view label,
                                       const std::vector<ListenerInfo>& listeners,
                                       const std::vector<ComponentInfo>& components,
                                       const Session& session) {
    std::vector<ListenerRow> rows;
    std::unordered_map<std::uint32_t, const ComponentInfo*> by_instance;
    for (const ListenerInfo& l : listeners) {
        if (l.side != Side::Js || l.webview != label) continue;
        ListenerRow row;
        row.id = l.id;
        row.event = l.event;
        row.target = describe(l.target);
        row.name = l.name;
        row.once = l.once;
        row.calls = l.calls;
        row.last_payload = session.last_payload(l.id);
        row.leaked = l.leaked;
        row.stale = l.stale;
        if (l.leaked) {
            // Built on first need: most windows have no leaked listener at all.
            if (by_instance.empty()) {
                for (const ComponentInfo& c : components)
                    by_instance[c.instance] = &c;
            }
            const auto it = by_instance.find(l.component);
            row.mark = leaked_mark(it == by_instance.end() ? std::string_view("?")
                                                           : std::string_view(it->second->name));
        }
        if (l.stale) {
            if (!row.mark.empty()) row.mark += "; ";
            row.mark += kStaleMark;
        }
        rows.push_back(std::move(row));
    }
    // bus.listeners() is sorted by id already; sorting again keeps this true for any caller.
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return rows;
}

std::vector<ComponentRow> component_rows(std::string_view label,
                                         const std::vector<ComponentInfo>& components,
                                         const std::vector<ListenerInfo>& listeners) {
    // One pass over the listeners, not one per component: StrictMode loops make thousands.
    std::unordered_map<std::uint32_t, std::size_t> leaked;
    for (const ListenerInfo& l : listeners) {
        if (l.leaked && l.webview == label) ++leaked[l.component];
    }
    std::vector<ComponentRow> out;
    for (auto it = components.rbegin(); it != components.rend(); ++it) {
        if (it->webview != label) continue;
        const auto count = leaked.find(it->instance);
        out.push_back({it->instance, it->name, it->mounted, it->cleanup, it->listeners.size(),
                       count == leaked.end() ? 0 : count->second});
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// feed

WindowFeed::WindowFeed(Symbols& symbols, std::string_view label)
    : counts_(std::make_shared<Counts>()) {
    const Sym sym = symbols.intern(label);
    index_.reset([counts = counts_, sym](const Record& r) {
        if (r.in != sym) return false;
        if (r.type == RecordType::Window) {
            if (static_cast<WindowAction>(r.code) == WindowAction::Created) {
                counts->page_start = counts->kept;
            }
            return false;
        }
        const bool keep =
            (r.type == RecordType::Deliver && r.side() == Side::Js) || r.type == RecordType::Skip;
        if (keep) ++counts->kept;
        return keep;
    });
}

bool WindowFeed::update(const RecordLog& log, std::size_t budget) {
    return index_.update(log, budget);
}

std::size_t WindowFeed::first_row() const {
    const std::uint64_t pruned = counts_->kept - index_.rows().size();
    return counts_->page_start > pruned ? static_cast<std::size_t>(counts_->page_start - pruned)
                                        : 0;
}

std::size_t WindowFeed::size() const {
    return index_.rows().size() - first_row();
}

std::optional<FeedEntry> WindowFeed::entry(const RecordLog& log, const Symbols& symbols,
                                           std::size_t newest_index) const {
    if (newest_index >= size()) return std::nullopt;
    const std::uint64_t position = index_.rows()[index_.rows().size() - 1 - newest_index];
    Record r;
    if (!log.get(position, r)) return std::nullopt;
    FeedEntry e;
    e.position = position;
    e.t_us = r.t_us;
    e.delivered = r.type == RecordType::Deliver;
    e.listener = r.listener;
    e.event = std::string(symbols.view(r.event));
    e.stale = r.has(flag::kStale);
    if (e.delivered) {
        e.listener_name = std::string(symbols.view(r.aux));
        e.payload = r.payload;
        e.why = record_match_words(r, symbols);
    } else {
        e.why = record_skip_words(r);
    }
    return e;
}

// ---------------------------------------------------------------------------------------------
// forms

std::vector<std::string> parse_event_list(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string_view item = text.substr(start, comma - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        start = comma + 1;
    }
    return out;
}

std::string check_event_list(const std::vector<std::string>& events, Mode mode) {
    for (const std::string& event : events) {
        if (auto bad = check_event_name(event, mode, NameCall::Js, "listen")) {
            return "`" + event + "`: " + bad->message;
        }
    }
    return {};
}

std::string default_listener_name(std::string_view label, std::string_view event,
                                  const std::optional<EventTarget>& target, bool once) {
    std::string name =
        std::string(label) + ": " + (once ? "once(" : "listen(") + std::string(event);
    if (target) {
        name += ", {target: ";
        name += target->kind == EventTarget::Kind::AnyLabel ? target->label : describe(*target);
        name += "}";
    }
    return name + ")";
}

namespace {

nlohmann::json sample_value(const CommandParam& param, std::string_view label) {
    if (param.type != CommandParam::Type::String) return nullptr;
    const bool is_label = param.name.find("label") != std::string::npos;
    return is_label ? std::string(label) : std::string("test data");
}

}  // namespace

nlohmann::json default_invoke_args(const Command& command, std::string_view label) {
    nlohmann::json args = nlohmann::json::object();
    for (const CommandParam& param : command.params) {
        args[camel_case(param.name)] = sample_value(param, label);
    }
    return args;
}

std::string default_invoke_text(const Command& command, std::string_view label) {
    if (command.params.empty()) return "{}";
    std::string out = "{";
    for (std::size_t i = 0; i < command.params.size(); ++i) {
        if (i > 0) out += ", ";
        out += nlohmann::json(camel_case(command.params[i].name)).dump();
        out += ": ";
        out += sample_value(command.params[i], label).dump();
    }
    return out + "}";
}

// ---------------------------------------------------------------------------------------------
// TypeScript

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
