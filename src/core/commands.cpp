#include "core/commands.h"

#include <algorithm>
#include <cctype>

namespace eventlab {

// serde_json's words for a value of the wrong type ("invalid type: integer `5`, expected a
// string"), so the rejection reads as it would from Tauri.
std::string serde_unexpected(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::boolean:
            return std::string("boolean `") + (value.get<bool>() ? "true" : "false") + "`";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
            return "integer `" + value.dump() + "`";
        case nlohmann::json::value_t::number_float:
            return "floating point `" + value.dump() + "`";
        case nlohmann::json::value_t::string:
            return "string " + value.dump();
        case nlohmann::json::value_t::array:
            return "sequence";
        case nlohmann::json::value_t::object:
            return "map";
        default:
            return "value";
    }
}

std::string invalid_args(std::string_view command, std::string_view key, std::string_view why) {
    return "invalid args `" + std::string(key) + "` for command `" + std::string(command) +
           "`: " + std::string(why);
}

namespace {

Text data_payload(const nlohmann::json& data) {
    return make_text(nlohmann::json{{"data", data}}.dump());
}

InvokeResult from_op(const OpResult& op) {
    if (op.ok) return {true, nullptr, {}};
    return {false, nullptr, op.error};  // `.map_err(|e| e.to_string())?`
}

}  // namespace

std::string camel_case(std::string_view snake) {
    std::string out;
    bool upper = false;
    for (char c : snake) {
        if (c == '_') {
            upper = !out.empty();
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

CommandRegistry CommandRegistry::seed_guide() {
    CommandRegistry registry;
    registry.add({"send_test_event_from_backend",
                  {{"data", CommandParam::Type::String}},
                  [](CommandContext& ctx, const CommandArgs& args) {
                      return from_op(
                          ctx.bus.emit("test-event", data_payload(args[0]), ctx.source, ctx.cause));
                  }});
    registry.add(
        {"send_to_specific_window",
         {{"window_label", CommandParam::Type::String}, {"data", CommandParam::Type::String}},
         [](CommandContext& ctx, const CommandArgs& args) {
             // &String as a target is AnyLabel, like a bare label from JS.
             const auto target = EventTarget::any_label(args[0].get<std::string>());
             return from_op(ctx.bus.emit_to(target, "test-event", data_payload(args[1]), ctx.source,
                                            ctx.cause));
         }});
    return registry;
}

void CommandRegistry::add(Command command) {
    commands_.push_back(std::move(command));
}

const Command* CommandRegistry::find(std::string_view name) const {
    auto it = std::find_if(commands_.begin(), commands_.end(),
                           [name](const Command& c) { return c.name == name; });
    return it == commands_.end() ? nullptr : &*it;
}

InvokeResult CommandRegistry::invoke(CommandContext& context, std::string_view name,
                                     const nlohmann::json& args) const {
    const Command* command = find(name);
    if (command == nullptr) return {false, nullptr, "Command " + std::string(name) + " not found"};
    CommandArgs values;
    for (const CommandParam& param : command->params) {
        const std::string key = camel_case(param.name);
        const auto it = args.is_object() ? args.find(key) : args.end();
        if (!args.is_object() || it == args.end()) {
            return {false, nullptr,
                    invalid_args(name, key,
                                 "command " + std::string(name) + " missing required key " + key)};
        }
        if (param.type == CommandParam::Type::String && !it->is_string()) {
            return {false, nullptr,
                    invalid_args(name, key,
                                 "invalid type: " + serde_unexpected(*it) + ", expected a string")};
        }
        values.push_back(*it);
    }
    return command->run(context, values);
}

}  // namespace eventlab
