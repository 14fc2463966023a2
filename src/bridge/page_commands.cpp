#include "bridge/page_commands.h"

#include <optional>

#include "core/bus/target.h"

namespace eventlab::bridge {
namespace {

constexpr std::string_view kEventPlugin = "plugin:event|";
constexpr std::string_view kWindowPlugin = "plugin:window|";
constexpr std::string_view kWebviewPlugin = "plugin:webview|";

// Reads the arguments of one plugin command the way its #[command] deserializer does: a
// missing or mistyped key rejects the call with Tauri's InvalidArgs text naming the command.
class Args {
  public:
    Args(std::string_view command, const nlohmann::json& args) : command_(command), args_(args) {}

    const std::string& error() const { return error_; }

    std::optional<std::string> string(std::string_view key) {
        const nlohmann::json* value = find(key);
        if (value == nullptr) return std::nullopt;
        if (!value->is_string()) return wrong_type(key, *value, "a string");
        return value->get<std::string>();
    }

    std::optional<std::uint32_t> u32(std::string_view key) {
        const nlohmann::json* value = find(key);
        if (value == nullptr) return std::nullopt;
        // JSON text gives unsigned numbers; a json built in code may hold a signed one.
        if (!value->is_number_integer() || value->get<std::int64_t>() < 0 ||
            value->get<std::uint64_t>() > UINT32_MAX) {
            return wrong_type(key, *value, "u32");
        }
        return value->get<std::uint32_t>();
    }

    std::optional<EventTarget> target(std::string_view key) {
        const nlohmann::json* value = find(key);
        if (value == nullptr) return std::nullopt;
        std::string why;
        auto target = parse_target(*value, "", why);
        if (!target) {
            // parse_target says "POINTER: what was expected"; the pointer is empty here.
            if (why.starts_with(": ")) why.erase(0, 2);
            fail(key, why);
        }
        return target;
    }

    // An Option<JsonValue>: absent or null both mean unit.
    Text payload() const {
        const auto it = args_.is_object() ? args_.find("payload") : args_.end();
        return make_text(it == args_.end() ? std::string("null") : it->dump());
    }

  private:
    const nlohmann::json* find(std::string_view key) {
        const auto it = args_.is_object() ? args_.find(key) : args_.end();
        if (it == args_.end()) {
            fail(key,
                 "command " + std::string(command_) + " missing required key " + std::string(key));
            return nullptr;
        }
        return &*it;
    }

    std::nullopt_t wrong_type(std::string_view key, const nlohmann::json& value,
                              std::string_view expected) {
        fail(key,
             "invalid type: " + serde_unexpected(value) + ", expected " + std::string(expected));
        return std::nullopt;
    }

    void fail(std::string_view key, const std::string& why) {
        if (error_.empty()) error_ = invalid_args(command_, key, why);
    }

    std::string_view command_;
    const nlohmann::json& args_;
    std::string error_;
};

InvokeResult rejected(std::string text) {
    return {false, nullptr, std::move(text)};
}

InvokeResult from_op(const OpResult& op, nlohmann::json value = nullptr) {
    if (!op.ok) return rejected(op.error);
    return {true, std::move(value), {}};
}

InvokeResult event_command(PageContext& page, std::string_view name, const nlohmann::json& json) {
    EventBus& bus = page.session.bus();
    Args args(name, json);
    const Source from = Source::js(page.label);
    if (name == "listen") {
        auto event = args.string("event");
        auto target = args.target("target");
        auto handler = args.u32("handler");
        if (!event || !target || !handler) return rejected(args.error());
        // The page keeps the callback id in its own table; the bus needs only the listener.
        const OpResult op = bus.js_listen(page.label, *event, *target, page.deliver);
        return from_op(op, op.id);
    }
    if (name == "unlisten") {
        auto event = args.string("event");
        auto id = args.u32("eventId");
        if (!event || !id) return rejected(args.error());
        return from_op(bus.js_unlisten(page.label, *event, *id));
    }
    if (name == "emit") {
        auto event = args.string("event");
        if (!event) return rejected(args.error());
        return from_op(bus.emit(*event, args.payload(), from));
    }
    if (name == "emit_to") {
        auto target = args.target("target");
        auto event = args.string("event");
        if (!target || !event) return rejected(args.error());
        return from_op(bus.emit_to(*target, *event, args.payload(), from));
    }
    return rejected("Command " + std::string(kEventPlugin) + std::string(name) + " not found");
}

nlohmann::json live_labels(const EventBus& bus) {
    nlohmann::json labels = nlohmann::json::array();
    for (const WindowInfo& window : bus.live_windows())
        labels.push_back(window.label);
    return labels;
}

InvokeResult window_command(PageContext& page, std::string_view name, const nlohmann::json& json) {
    EventBus& bus = page.session.bus();
    if (name == "get_all_windows") return {true, live_labels(bus), {}};
    Args args(name, json);
    if (name == "close" || name == "destroy") {
        auto label = args.string("label");
        if (!label) return rejected(args.error());
        return from_op(name == "close" ? bus.close_window(*label) : bus.destroy_window(*label));
    }
    return rejected("Command " + std::string(kWindowPlugin) + std::string(name) + " not found");
}

InvokeResult webview_command(PageContext& page, std::string_view name) {
    if (name == "get_all_webviews") {
        // Every simulated window is a WebviewWindow: one webview with the window's label.
        nlohmann::json webviews = nlohmann::json::array();
        for (const auto& label : live_labels(page.session.bus())) {
            webviews.push_back({{"windowLabel", label}, {"label", label}});
        }
        return {true, std::move(webviews), {}};
    }
    return rejected("Command " + std::string(kWebviewPlugin) + std::string(name) + " not found");
}

}  // namespace

InvokeResult run_page_command(PageContext& page, std::string_view command,
                              const nlohmann::json& args) {
    if (command.starts_with(kEventPlugin)) {
        return event_command(page, command.substr(kEventPlugin.size()), args);
    }
    if (command.starts_with(kWindowPlugin)) {
        return window_command(page, command.substr(kWindowPlugin.size()), args);
    }
    if (command.starts_with(kWebviewPlugin)) {
        return webview_command(page, command.substr(kWebviewPlugin.size()));
    }
    return page.session.invoke(page.label, command, args);
}

}  // namespace eventlab::bridge
