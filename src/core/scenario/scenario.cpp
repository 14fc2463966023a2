#include "core/scenario/scenario.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <exception>
#include <system_error>
#include <utility>

#include "core/bus/names.h"
#include "core/util/json_io.h"
#include "core/util/json_reader.h"

namespace eventlab {
namespace {

using json = nlohmann::json;

struct OpSpec {
    std::string_view name;
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
};

// Indexed by Op; the single place that says which fields an op has.
const std::array<OpSpec, 16>& op_specs() {
    static const std::array<OpSpec, 16> specs = {{
        {"listen", {"in", "event"}, {"target", "once", "name", "actions"}},
        {"unlisten", {"name"}, {}},
        {"emit", {"event"}, {"payload", "from"}},
        {"emit_to", {"target", "event"}, {"payload", "from"}},
        {"emit_filter", {"accept", "event"}, {"payload"}},
        {"invoke", {"in", "command"}, {"args", "name"}},
        {"create_window", {"label"}, {}},
        {"close_window", {"label"}, {}},
        {"destroy", {}, {}},
        {"prevent_default", {}, {}},
        {"mount", {"in", "component", "listen"}, {"cleanup", "strict"}},
        {"unmount", {"in", "component"}, {}},
        {"periodic_start", {"id", "event", "interval_ms"}, {"payload", "target"}},
        {"periodic_stop", {"id"}, {}},
        {"advance", {"ms"}, {}},
        {"expect", {}, {"calls", "payload", "listeners", "leaked", "error", "errors", "windows"}},
    }};
    return specs;
}

const OpSpec& spec_of(Op op) {
    return op_specs()[static_cast<size_t>(op)];
}

std::string op_names() {
    std::string out;
    for (const OpSpec& spec : op_specs()) {
        if (!out.empty()) out += ", ";
        out += spec.name;
    }
    return out;
}

// What a required field must hold, for "needs" messages.
std::string_view field_kind(std::string_view key) {
    if (key == "steps" || key == "actions") return "an array of steps";
    if (key == "target") return R"(a target: a label or {"kind", "label"})";
    if (key == "accept") return "an array of targets";
    if (key == "listen") return "an array of {event, [target], [name]} objects";
    if (key == "interval_ms") return "an integer >= 1";
    if (key == "ms") return "an integer >= 0";
    return "a string";
}

bool empty(const Expectation& e) {
    return !e.calls && !e.payload && !e.listeners && !e.leaked && !e.error && !e.errors &&
           !e.windows;
}

std::string* string_member(Step& step, std::string_view key) {
    if (key == "in") return &step.in;
    if (key == "event") return &step.event;
    if (key == "name") return &step.name;
    if (key == "from") return &step.from;
    if (key == "command") return &step.command;
    if (key == "label") return &step.label;
    if (key == "component") return &step.component;
    if (key == "id") return &step.id;
    return nullptr;
}

template <class T, class U>
void assign(T& out, std::optional<U>&& value) {
    if (value) out = std::move(*value);
}

using Object = JsonObject;
using Field = JsonField;

// The scenario schema on the generic reader: which fields each object has, what they hold.
class Reader : public JsonReader {
  public:
    explicit Reader(std::string_view source) : JsonReader(source, field_kind) {}

    std::optional<Scenario> scenario(const json& root);

  private:
    std::optional<EventTarget> target_value(const Field& f);
    std::optional<std::vector<Step>> steps(const Field& f, bool in_actions);
    std::optional<Step> step(const Field& f, bool in_actions);
    void step_field(Step& step, const Field& f, std::string_view key);
    void expect_field(Expectation& expect, const Field& f, std::string_view key);
    std::optional<std::string> window_label(const Field& f);
    void check_unique_labels(const Field& f, const std::vector<std::string>& labels);
    std::optional<ListenItem> listen_item(const Field& f, const std::string& component);
    std::optional<StepCode> step_code(const Field& f);

    std::optional<DeclaredCommand> command(const Field& f);
    std::optional<CommandParam> command_param(const Field& f);
    std::optional<DeclaredEmit> declared_emit(const Field& f, const DeclaredCommand& command);
    std::optional<json> declared_target(const Field& f, const DeclaredCommand& command);
    std::optional<DeclaredSend> declared_send(const Field& f, const DeclaredCommand& command);
    void check_references(const Field& f, const DeclaredCommand& command);
    void check_unique_commands(const Field& f, const std::vector<DeclaredCommand>& commands);
};

std::optional<EventTarget> Reader::target_value(const Field& f) {
    std::string error;
    auto target = parse_target(f.value, f.pointer, error);
    if (!target) {
        fail_line(error);
    } else if (f.value.is_object()) {
        warn_unknown(f.value, f.pointer, {"kind", "label"});
    }
    return target;
}

std::optional<Scenario> Reader::scenario(const json& root) {
    if (!root.is_object()) {
        fail("", "expected a JSON object at the top level; got " + describe_json_value(root));
        return std::nullopt;
    }
    const Object obj{root, "", "the scenario"};
    Scenario out;
    assign(out.description, string_field(obj, "description", false));
    assign(out.title, string_field(obj, "title", false));
    if (auto f = field(obj, "tauri", false)) out.mode = one_of(*f, parse_mode, mode_choices());
    if (auto f = field(obj, "order", false)) {
        out.order = one_of(*f, parse_order, "registration, random");
    }
    if (auto f = field(obj, "seed", false)) out.seed = count_value(*f);
    if (auto f = field(obj, "windows", false)) {
        assign(out.windows, list<std::string>(*f, "an array of window labels",
                                              [this](const Field& s) { return window_label(s); }));
        check_unique_labels(*f, out.windows);
    }
    if (auto f = field(obj, "commands", false)) {
        assign(out.commands, list<DeclaredCommand>(*f, "an array of command declarations",
                                                   [this](const Field& c) { return command(c); }));
        check_unique_commands(*f, out.commands);
    }
    if (auto f = field(obj, "steps", true)) assign(out.steps, steps(*f, false));
    warn_unknown(
        root, "",
        {"description", "title", "tauri", "order", "seed", "windows", "commands", "steps"});
    if (!ok()) return std::nullopt;
    return out;
}

std::optional<std::vector<Step>> Reader::steps(const Field& f, bool in_actions) {
    return list<Step>(f, "an array of steps",
                      [this, in_actions](const Field& s) { return step(s, in_actions); });
}

std::optional<Step> Reader::step(const Field& f, bool in_actions) {
    if (!check(f, f.value.is_object(), "an object (a step)")) return std::nullopt;
    Object obj{f.value, f.pointer, ""};
    const auto op_field = field(obj, "op", true);
    const auto name = op_field ? string_value(*op_field) : std::nullopt;
    if (!name) return std::nullopt;
    const auto op = parse_op(*name);
    if (!op) {
        fail(op_field->pointer,
             "unknown op " + json_quote_short(*name) + "; expected one of " + op_names());
        return std::nullopt;
    }
    if (!in_actions && (*op == Op::Destroy || *op == Op::PreventDefault)) {
        fail(op_field->pointer,
             json_quote(*name) + " is only allowed inside the actions of a listener");
        return std::nullopt;
    }
    Step out;
    out.op = *op;
    out.path = f.pointer;
    assign(out.say, string_field(obj, "say", false));
    if (auto code = field(obj, "code", false)) out.code = step_code(*code);
    const OpSpec& spec = spec_of(*op);
    obj.owner = "op " + json_quote(spec.name);
    std::vector<std::string_view> known = {"op", "say", "code"};
    for (const bool required : {true, false}) {
        for (std::string_view key : required ? spec.required : spec.optional) {
            known.push_back(key);
            if (auto value = field(obj, key, required)) step_field(out, *value, key);
        }
    }
    if (*op == Op::Expect && empty(out.expect)) {
        fail(
            f.pointer,
            R"(op "expect" needs at least one of calls, payload, listeners, leaked, error, errors, windows)");
    }
    warn_unknown(f.value, f.pointer, known);
    if (!ok()) return std::nullopt;
    return out;
}

void Reader::step_field(Step& step, const Field& f, std::string_view key) {
    if (step.op == Op::Expect) return expect_field(step.expect, f, key);
    if (std::string* member = string_member(step, key)) return assign(*member, string_value(f));
    if (key == "target") return assign(step.target, target_value(f));
    if (key == "payload") {
        step.payload = f.value;
    } else if (key == "args") {
        if (check(f, f.value.is_object(), "an object")) step.args = f.value;
    } else if (key == "once") {
        assign(step.once, bool_value(f));
    } else if (key == "cleanup") {
        assign(step.cleanup, bool_value(f));
    } else if (key == "strict") {
        assign(step.strict, bool_value(f));
    } else if (key == "interval_ms") {
        assign(step.interval_ms, int_value(f, 1));
    } else if (key == "ms") {
        assign(step.ms, int_value(f, 0));
    } else if (key == "actions") {
        assign(step.actions, steps(f, true));
    } else if (key == "accept") {
        const std::string_view expected = field_kind(key);
        auto targets =
            list<EventTarget>(f, expected, [this](const Field& t) { return target_value(t); });
        // An empty list is a filter that returns false for every target: legal in Tauri, and
        // how emit_filter reaches only listeners with target Any.
        if (targets) step.accept = std::move(*targets);
    } else if (key == "listen") {
        const std::string& component = step.component;
        assign(step.listen, list<ListenItem>(f, field_kind(key), [&](const Field& item) {
                   return listen_item(item, component);
               }));
    }
}

// The windows opened before step 0 must be ones Tauri would create: valid, distinct labels.
std::optional<std::string> Reader::window_label(const Field& f) {
    auto label = string_value(f);
    if (label && !check(f, is_valid_label(*label),
                        "a window label (alphanumeric characters, -, /, : and _)")) {
        return std::nullopt;
    }
    return label;
}

void Reader::check_unique_labels(const Field& f, const std::vector<std::string>& labels) {
    for (size_t i = 0; i < labels.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            if (labels[i] == labels[j]) {
                fail(json_pointer_child(f.pointer, i), "window " + json_quote(labels[i]) +
                                                           " is listed twice (at " +
                                                           json_pointer_child(f.pointer, j) + ")");
                return;
            }
        }
    }
}

void Reader::expect_field(Expectation& expect, const Field& f, std::string_view key) {
    const auto count = [this](const Field& c) { return count_value(c); };
    if (key == "calls") {
        expect.calls = map<std::uint64_t>(f, "an object {name: count}", count);
    } else if (key == "listeners") {
        expect.listeners = map<std::uint64_t>(f, R"(an object {label or "rust": count})", count);
    } else if (key == "leaked") {
        expect.leaked = map<std::uint64_t>(f, "an object {label: count}", count);
    } else if (key == "payload") {
        expect.payload = map<json>(f, "an object {name: payload}",
                                   [](const Field& p) { return std::optional<json>(p.value); });
    } else if (key == "error") {
        expect.error = string_value(f);
    } else if (key == "errors") {
        expect.errors = count_value(f);
    } else if (key == "windows") {
        expect.windows = list<std::string>(f, "an array of strings",
                                           [this](const Field& s) { return string_value(s); });
    }
}

std::optional<ListenItem> Reader::listen_item(const Field& f, const std::string& component) {
    if (!check(f, f.value.is_object(), "an object {event, [target], [name]}")) return std::nullopt;
    const Object obj{f.value, f.pointer, ""};
    ListenItem item;
    item.name = component;
    assign(item.event, string_field(obj, "event", true));
    if (auto target = field(obj, "target", false)) item.target = target_value(*target);
    assign(item.name, string_field(obj, "name", false));
    warn_unknown(f.value, f.pointer, {"event", "target", "name"});
    if (!ok()) return std::nullopt;
    return item;
}

// A demo step's code. Highlighted lines must exist: a typo there would mark nothing on stage.
std::optional<StepCode> Reader::step_code(const Field& f) {
    if (!check(f, f.value.is_object(), R"(an object {"lang", "text", ["highlight"]})")) {
        return std::nullopt;
    }
    const Object obj{f.value, f.pointer, "code"};
    StepCode code;
    if (auto lang = field(obj, "lang", true)) {
        assign(code.lang, one_of(
                              *lang,
                              [](std::string_view text) -> std::optional<StepCode::Lang> {
                                  if (text == "ts") return StepCode::Lang::TypeScript;
                                  if (text == "rust") return StepCode::Lang::Rust;
                                  return std::nullopt;
                              },
                              "ts, rust"));
    }
    assign(code.text, string_field(obj, "text", true));
    if (!ok()) return std::nullopt;
    const auto lines =
        static_cast<std::int64_t>(std::count(code.text.begin(), code.text.end(), '\n') + 1 -
                                  (!code.text.empty() && code.text.back() == '\n' ? 1 : 0));
    if (auto highlight = field(obj, "highlight", false)) {
        const std::string expected = "a line number from 1 to " + std::to_string(lines);
        assign(code.highlight,
               list<std::size_t>(*highlight, "an array of line numbers",
                                 [&](const Field& n) -> std::optional<std::size_t> {
                                     const auto line = int_value(n, 1);
                                     if (!line || !check(n, *line <= lines, expected)) {
                                         return std::nullopt;
                                     }
                                     return static_cast<std::size_t>(*line);
                                 }));
    }
    warn_unknown(f.value, f.pointer, {"lang", "text", "highlight"});
    if (!ok()) return std::nullopt;
    return code;
}

// ---- declared commands ("commands": [{name, [args], [emit], [returns] | [reject]}])

std::optional<DeclaredCommand> Reader::command(const Field& f) {
    if (!check(f, f.value.is_object(),
               R"(an object {"name", ["args"], ["emit"], ["returns"] or ["reject"]})")) {
        return std::nullopt;
    }
    const Object obj{f.value, f.pointer, "command"};
    DeclaredCommand out;
    out.path = f.pointer;
    if (auto name = field(obj, "name", true)) {
        assign(out.name, string_value(*name));
        if (ok() && !check(*name, !out.name.empty(), "a command name")) return std::nullopt;
    }
    if (auto args = field(obj, "args", false)) {
        assign(out.params, list<CommandParam>(*args, "an array of parameter names",
                                              [this](const Field& p) { return command_param(p); }));
        for (size_t i = 0; ok() && i < out.params.size(); ++i) {
            for (size_t j = 0; j < i; ++j) {
                if (out.params[i].name == out.params[j].name) {
                    fail(json_pointer_child(args->pointer, i),
                         "parameter " + json_quote(out.params[i].name) + " is listed twice (at " +
                             json_pointer_child(args->pointer, j) + ")");
                    break;
                }
            }
        }
    }
    if (!ok()) return std::nullopt;
    if (auto send = field(obj, "send", false)) {
        const auto item = [&](const Field& m) { return declared_send(m, out); };
        if (send->value.is_array()) {
            assign(out.sends, list<DeclaredSend>(*send, "an array of channel messages", item));
        } else if (check(*send, send->value.is_object(),
                         R"(a channel message {"channel", "message"} or an array of them)")) {
            if (auto one = item(*send)) out.sends.push_back(std::move(*one));
        }
    }
    if (auto emit = field(obj, "emit", false)) {
        const auto item = [&](const Field& e) { return declared_emit(e, out); };
        if (emit->value.is_array()) {
            assign(out.emits, list<DeclaredEmit>(*emit, "an array of emits", item));
        } else if (check(*emit, emit->value.is_object(),
                         R"(an emit {"event", ["payload"], ["target"]} or an array of them)")) {
            if (auto one = item(*emit)) out.emits.push_back(std::move(*one));
        }
    }
    const auto returns = field(obj, "returns", false);
    if (returns) {
        check_references(*returns, out);
        out.returns = returns->value;
    }
    if (auto reject = field(obj, "reject", false)) {
        if (returns) {
            fail(f.pointer, R"(command has both "returns" and "reject"; expected one of them)");
        }
        out.reject = string_value(*reject);
    }
    warn_unknown(f.value, f.pointer, {"name", "args", "send", "emit", "returns", "reject"});
    if (!ok()) return std::nullopt;
    return out;
}

// A parameter: "theme" (a string), or {"name": "font_size", "type": "json"} (any JSON value).
std::optional<CommandParam> Reader::command_param(const Field& f) {
    const auto identifier = [this](const Field& n) -> std::optional<std::string> {
        auto name = string_value(n);
        const bool good = name && is_param_name(*name);
        if (name && !check(n, good, "a parameter name as in the Rust fn (letters, digits, _)")) {
            return std::nullopt;
        }
        return name;
    };
    if (f.value.is_string()) {
        auto name = identifier(f);
        if (!name) return std::nullopt;
        return CommandParam{std::move(*name), CommandParam::Type::String};
    }
    if (!check(f, f.value.is_object(), R"(a parameter: a name or {"name", ["type"]})")) {
        return std::nullopt;
    }
    const Object obj{f.value, f.pointer, "parameter"};
    CommandParam param;
    if (auto name = field(obj, "name", true)) assign(param.name, identifier(*name));
    if (auto type = field(obj, "type", false)) {
        assign(param.type, one_of(
                               *type,
                               [](std::string_view text) -> std::optional<CommandParam::Type> {
                                   if (text == "string") return CommandParam::Type::String;
                                   if (text == "json") return CommandParam::Type::Json;
                                   if (text == "channel") return CommandParam::Type::Channel;
                                   return std::nullopt;
                               },
                               "string, json, channel"));
    }
    if (auto optional = field(obj, "optional", false))
        assign(param.optional, bool_value(*optional));
    if (auto fallback = field(obj, "default", false)) {
        // What the Rust side would do with `arg.unwrap_or(…)`: a default makes it an Option.
        const bool fits = param.type == CommandParam::Type::Json || fallback->value.is_string() ||
                          fallback->value.is_null();
        check(*fallback, fits, "a string or null (the parameter's type is string)");
        param.optional = true;
        param.fallback = fallback->value;
    }
    warn_unknown(f.value, f.pointer, {"name", "type", "optional", "default"});
    if (!ok()) return std::nullopt;
    return param;
}

std::optional<DeclaredEmit> Reader::declared_emit(const Field& f, const DeclaredCommand& command) {
    if (!check(f, f.value.is_object(), R"(an emit {"event", ["payload"], ["target"]})")) {
        return std::nullopt;
    }
    const Object obj{f.value, f.pointer, "emit"};
    DeclaredEmit out;
    assign(out.event, string_field(obj, "event", true));
    if (auto payload = field(obj, "payload", false)) {
        check_references(*payload, command);
        out.payload = payload->value;
    }
    if (auto target = field(obj, "target", false)) out.target = declared_target(*target, command);
    warn_unknown(f.value, f.pointer, {"event", "payload", "target"});
    if (!ok()) return std::nullopt;
    return out;
}

// An emit target may hold references ("$show_in", {"kind": "Window", "label": "$w"}): each must
// name a parameter, and the target must be one whatever the arguments' text.
std::optional<json> Reader::declared_target(const Field& f, const DeclaredCommand& command) {
    check_references(f, command);
    if (!ok()) return std::nullopt;
    CommandArgs sample;
    for (const CommandParam& param : command.params)
        sample.emplace_back(param.name);
    const json resolved = substitute_args(f.value, command.params, sample);
    if (!target_value(Field{resolved, f.pointer})) return std::nullopt;
    return f.value;
}

// A message on a Channel parameter: {"channel": PARAM, "message": VALUE}.
std::optional<DeclaredSend> Reader::declared_send(const Field& f, const DeclaredCommand& command) {
    if (!check(f, f.value.is_object(), R"(a channel message {"channel", "message"})")) {
        return std::nullopt;
    }
    const Object obj{f.value, f.pointer, "channel message"};
    DeclaredSend out;
    if (auto channel = field(obj, "channel", true)) {
        assign(out.channel, string_value(*channel));
        std::string channels;
        bool found = false;
        for (const CommandParam& param : command.params) {
            if (param.type != CommandParam::Type::Channel) continue;
            found = found || param.name == out.channel;
            channels += (channels.empty() ? "" : ", ") + param.name;
        }
        if (ok() && !found) {
            check(*channel, false,
                  channels.empty() ? R"(a parameter of type "channel" (the command has none))"
                                   : "a parameter of type \"channel\" (" + channels + ")");
        }
    }
    if (auto message = field(obj, "message", true)) {
        check_references(*message, command);
        out.message = message->value;
    }
    warn_unknown(f.value, f.pointer, {"channel", "message"});
    if (!ok()) return std::nullopt;
    return out;
}

// Every "$name" in a message, a payload, a target or `returns` must name a parameter: a typo would
// otherwise send the text "$nmae" where the argument was meant.
void Reader::check_references(const Field& f, const DeclaredCommand& command) {
    if (!ok()) return;
    if (f.value.is_string()) {
        for (std::string_view name : param_references(f.value.get_ref<const std::string&>())) {
            const auto known = [&](const CommandParam& p) { return p.name == name; };
            if (std::any_of(command.params.begin(), command.params.end(), known)) continue;
            std::string names;
            for (const CommandParam& param : command.params)
                names += (names.empty() ? "" : ", ") + param.name;
            check(f, false,
                  names.empty()
                      ? R"(no "$" reference (the command has no parameters; "$$" is a literal "$"))"
                      : "$ and a parameter (" + names + R"(), or "$$" for a literal "$")");
            return;
        }
    } else if (f.value.is_object()) {
        for (auto it = f.value.begin(); ok() && it != f.value.end(); ++it) {
            check_references(Field{it.value(), json_pointer_child(f.pointer, it.key())}, command);
        }
    } else if (f.value.is_array()) {
        for (size_t i = 0; ok() && i < f.value.size(); ++i) {
            check_references(Field{f.value[i], json_pointer_child(f.pointer, i)}, command);
        }
    }
}

// Two declarations of one name would leave one unreachable; a seed guide command's name is
// allowed (the declaration replaces it) but said, in case it was not meant.
void Reader::check_unique_commands(const Field& f, const std::vector<DeclaredCommand>& commands) {
    if (!ok()) return;
    const CommandRegistry builtin = CommandRegistry::seed_guide();
    for (size_t i = 0; i < commands.size(); ++i) {
        const std::string pointer = json_pointer_child(json_pointer_child(f.pointer, i), "name");
        for (size_t j = 0; j < i; ++j) {
            if (commands[i].name == commands[j].name) {
                fail(pointer, "command " + json_quote_short(commands[i].name) +
                                  " is declared twice (at " + json_pointer_child(f.pointer, j) +
                                  ")");
                return;
            }
        }
        if (builtin.find(commands[i].name) != nullptr) {
            warn(pointer, "replaces the seed guide's command " + json_quote(commands[i].name));
        }
    }
}

}  // namespace

std::string_view to_string(StepCode::Lang lang) {
    return lang == StepCode::Lang::Rust ? "rust" : "ts";
}

std::string_view to_string(Op op) {
    return spec_of(op).name;
}

std::optional<Op> parse_op(std::string_view text) {
    const auto& specs = op_specs();
    for (size_t i = 0; i < specs.size(); ++i) {
        if (specs[i].name == text) return static_cast<Op>(i);
    }
    return std::nullopt;
}

ScenarioParse parse_scenario(std::string_view text, std::string_view source_name) {
    try {
        // parse_json_text refuses nesting deeper than kMaxJsonDepth: copying, comparing and
        // dumping a value recurse, and so does reading nested actions here, so the cap is what
        // keeps hostile input from exhausting the stack.
        std::string error;
        const auto root = parse_json_text(text, source_name, error);
        if (!root) return Failure{std::move(error)};
        Reader reader(source_name);
        auto scenario = reader.scenario(*root);
        ScenarioParse out = scenario ? ScenarioParse(std::move(*scenario))
                                     : ScenarioParse(Failure{reader.take_error()});
        out.set_warnings(reader.take_warnings());
        return out;
    } catch (const std::exception& e) {
        // Only resource exhaustion gets here; the file is still unusable, so say so in one line.
        return Failure{std::string(source_name) + ": " + e.what()};
    }
}

ScenarioParse load_scenario(const std::string& path) {
    Result<std::string> text = Failure{};
    try {
        text = read_text_file(path);
    } catch (const std::exception& e) {
        return Failure{path + ": cannot read: " + e.what()};
    }
    if (!text) return Failure{path + ": cannot read: " + text.error()};
    return parse_scenario(*text, path);
}

}  // namespace eventlab
