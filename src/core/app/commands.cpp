#include "core/app/commands.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/app/channel.h"
#include "core/util/result.h"

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

bool is_param_name(std::string_view text) {
    const auto letter = [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
    };
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (text.empty() || !letter(text[0])) return false;
    return std::all_of(text.begin(), text.end(), [&](char c) { return letter(c) || digit(c); });
}

namespace {

struct Reference {
    std::string_view name;
    std::size_t length;  // of "$name" or "${name}" in the text
};

// The reference starting at text[at] (a '$'), if one does: "${name}", else "$" and the longest
// name after it.
std::optional<Reference> reference_at(std::string_view text, std::size_t at) {
    const std::string_view rest = text.substr(at + 1);
    if (rest.starts_with('{')) {
        const std::size_t close = rest.find('}');
        if (close == std::string_view::npos || !is_param_name(rest.substr(1, close - 1))) {
            return std::nullopt;
        }
        return Reference{rest.substr(1, close - 1), close + 2};
    }
    std::size_t length = 0;
    while (length < rest.size() && is_param_name(rest.substr(0, length + 1)))
        ++length;
    if (length == 0) return std::nullopt;
    return Reference{rest.substr(0, length), length + 1};
}

// Walks a declared string: `literal(text)` for the text between references ("$$" gives "$"),
// `param(name)` for each reference, in order.
template <class Literal, class Param>
void scan_references(std::string_view text, Literal&& literal, Param&& param) {
    std::size_t start = 0;
    std::size_t at = text.find('$');
    while (at != std::string_view::npos) {
        literal(text.substr(start, at - start));
        std::size_t next = at + 1;
        if (text.substr(at).starts_with("$$")) {
            literal("$");
            next = at + 2;
        } else if (const auto ref = reference_at(text, at)) {
            param(ref->name);
            next = at + ref->length;
        } else {
            literal("$");
        }
        start = next;
        at = text.find('$', next);
    }
    literal(text.substr(start));
}

const nlohmann::json* argument(std::string_view name, const std::vector<CommandParam>& params,
                               const CommandArgs& args) {
    for (std::size_t i = 0; i < params.size() && i < args.size(); ++i) {
        if (params[i].name == name) return &args[i];
    }
    return nullptr;
}

nlohmann::json substitute_text(const std::string& text, const std::vector<CommandParam>& params,
                               const CommandArgs& args) {
    const auto whole = text.starts_with('$') ? reference_at(text, 0) : std::nullopt;
    if (whole && whole->length == text.size()) {
        const nlohmann::json* value = argument(whole->name, params, args);
        return value != nullptr ? *value : nlohmann::json(text);
    }
    std::string out;
    scan_references(
        text, [&](std::string_view part) { out += part; },
        [&](std::string_view name) {
            const nlohmann::json* value = argument(name, params, args);
            if (value == nullptr) {
                out += "${" + std::string(name) + "}";  // not a parameter: the reader refuses it
            } else if (value->is_string()) {
                out += value->get_ref<const std::string&>();
            } else {
                out += value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            }
        });
    return out;
}

}  // namespace

std::vector<std::string_view> param_references(std::string_view text) {
    std::vector<std::string_view> names;
    scan_references(
        text, [](std::string_view) {}, [&](std::string_view name) { names.push_back(name); });
    return names;
}

nlohmann::json substitute_args(const nlohmann::json& value, const std::vector<CommandParam>& params,
                               const CommandArgs& args) {
    if (value.is_string())
        return substitute_text(value.get_ref<const std::string&>(), params, args);
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

// A declared emit's target with the arguments in it, as `app.emit_to` gets it.
Result<EventTarget> declared_target(const nlohmann::json& target, std::string_view command,
                                    const std::vector<CommandParam>& params,
                                    const CommandArgs& args) {
    std::string why;
    if (auto out = parse_target(substitute_args(target, params, args), "", why)) return *out;
    return Failure{"invalid emit target for command `" + std::string(command) + "`: " + why};
}

OpResult run_emit(CommandContext& ctx, const DeclaredCommand& spec, const DeclaredEmit& emit,
                  const CommandArgs& args) {
    Text payload = make_text(substitute_args(emit.payload, spec.params, args)
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (!emit.target) return ctx.bus.emit(emit.event, std::move(payload), ctx.source, ctx.cause);
    const auto target = declared_target(*emit.target, spec.name, spec.params, args);
    if (!target) return OpResult::failure(target.error());
    return ctx.bus.emit_to(*target, emit.event, std::move(payload), ctx.source, ctx.cause);
}

// The declaration's Channel messages, in order, each on the channel its parameter names. The
// channels close (the page is told `end`) when the command returns, as Tauri's do when the
// command drops them.
void send_messages(const DeclaredCommand& spec, CommandContext& ctx, const CommandArgs& args) {
    std::map<std::string, std::shared_ptr<Channel>> open;
    for (const DeclaredSend& send : spec.sends) {
        auto& channel = open[send.channel];
        if (!channel) {
            for (std::size_t i = 0; i < spec.params.size() && i < args.size(); ++i) {
                // An optional channel left out is null: its messages go nowhere.
                if (spec.params[i].name != send.channel || !args[i].is_string()) continue;
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
                    const OpResult op = run_emit(ctx, *spec, emit, args);
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
        const bool absent = !args.is_object() || it == args.end();
        if (param.optional && (absent || it->is_null())) {  // Option<T>: None
            values.push_back(param.fallback);
            continue;
        }
        if (absent) {
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
