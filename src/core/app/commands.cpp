#include "core/app/commands.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/app/channel.h"

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

}  // namespace

InvokeResult from_op(const OpResult& op, nlohmann::json value) {
    if (op.ok) return {true, std::move(value), {}};
    return {false, nullptr, op.error};
}

std::optional<std::string_view> param_reference(std::string_view text) {
    if (text.size() < 2 || text[0] != '$') return std::nullopt;
    const std::string_view name = text.substr(1);
    const auto letter = [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
    };
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (!letter(name[0])) return std::nullopt;
    for (char c : name) {
        if (!letter(c) && !digit(c)) return std::nullopt;
    }
    return name;
}

nlohmann::json substitute_args(const nlohmann::json& value, const std::vector<CommandParam>& params,
                               const CommandArgs& args) {
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text.starts_with("$$")) return text.substr(1);
        if (const auto name = param_reference(text)) {
            for (std::size_t i = 0; i < params.size() && i < args.size(); ++i) {
                if (params[i].name == *name) return args[i];
            }
        }
        return value;
    }
    if (value.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            out[it.key()] = substitute_args(it.value(), params, args);
        }
        return out;
    }
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : value)
            out.push_back(substitute_args(item, params, args));
        return out;
    }
    return value;
}

namespace {

// The declaration's Channel messages, in order, each on the channel its parameter names. The
// channels close (the page is told `end`) when the command returns, as Tauri's do when the
// command drops them.
void send_messages(const DeclaredCommand& spec, CommandContext& ctx, const CommandArgs& args) {
    std::map<std::string, std::shared_ptr<Channel>> open;
    for (const DeclaredSend& send : spec.sends) {
        auto& channel = open[send.channel];
        if (!channel) {
            for (std::size_t i = 0; i < spec.params.size() && i < args.size(); ++i) {
                if (spec.params[i].name != send.channel) continue;
                const auto id = Channel::parse(args[i].get<std::string>());
                channel = Channel::open(*id, ctx.caller ? ctx.caller->run_callback : RunCallback{});
            }
        }
        if (channel) channel->send(substitute_args(send.message, spec.params, args));
    }
}

}  // namespace

Command make_command(DeclaredCommand declared) {
    auto spec = std::make_shared<const DeclaredCommand>(std::move(declared));
    return {spec->name, spec->params, [spec](CommandContext& ctx, const CommandArgs& args) {
                send_messages(*spec, ctx, args);
                for (const DeclaredEmit& emit : spec->emits) {
                    Text payload = make_text(
                        substitute_args(emit.payload, spec->params, args)
                            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
                    const OpResult op =
                        emit.target
                            ? ctx.bus.emit_to(*emit.target, emit.event, std::move(payload),
                                              ctx.source, ctx.cause)
                            : ctx.bus.emit(emit.event, std::move(payload), ctx.source, ctx.cause);
                    if (!op.ok) return from_op(op);  // `app.emit(…).map_err(|e| e.to_string())?`
                }
                if (spec->reject) return InvokeResult{false, nullptr, *spec->reject};
                return InvokeResult{true, substitute_args(spec->returns, spec->params, args), {}};
            }};
}

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

bool CommandRegistry::add(Command command) {
    auto it = std::find_if(commands_.begin(), commands_.end(),
                           [&](const Command& c) { return c.name == command.name; });
    if (it != commands_.end()) {
        *it = std::move(command);
        return true;
    }
    commands_.push_back(std::move(command));
    return false;
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
        if (param.type != CommandParam::Type::Json && !it->is_string()) {
            return {false, nullptr,
                    invalid_args(name, key,
                                 "invalid type: " + serde_unexpected(*it) + ", expected a string")};
        }
        // A Channel's string must name one (Tauri's own text, not an InvalidArgs).
        if (param.type == CommandParam::Type::Channel &&
            !Channel::parse(it->get_ref<const std::string&>())) {
            return {false, nullptr, Channel::invalid(it->get_ref<const std::string&>())};
        }
        values.push_back(*it);
    }
    return command->run(context, values);
}

}  // namespace eventlab
