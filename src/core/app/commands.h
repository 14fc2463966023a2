// Backend commands a simulated webview can invoke, with Tauri's argument rules: JS passes
// camelCase keys that map to the command's snake_case parameters, and a missing or mistyped
// argument rejects the promise with Tauri's InvalidArgs text.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/caller.h"
#include "core/bus/bus.h"

namespace eventlab {

struct [[nodiscard]] InvokeResult {
    bool ok = true;
    nlohmann::json value;  // the resolved value (null for `Ok(())`)
    std::string error;     // the rejection text
};
// A bus operation as a command's answer: `value` when it worked, its error text when not
// (`.map_err(|e| e.to_string())?`).
InvokeResult from_op(const OpResult& op, nlohmann::json value = nullptr);

// A parameter as the Rust command declares it.
struct CommandParam {
    std::string name;  // snake_case, as in `fn cmd(window_label: String)`
    // Channel: an ipc::Channel, which JS passes as a `new Channel()` ("__CHANNEL__:ID").
    enum class Type { String, Json, Channel } type = Type::String;
    bool optional = false;              // an Option<T>: a missing key or null takes `fallback`
    nlohmann::json fallback = nullptr;  // what an absent optional argument is (None)
};

struct CommandContext {
    EventBus& bus;
    std::string_view webview;  // the invoking webview
    Source source;             // invoke:COMMAND, for the emits the command makes
    Cause cause;
    const Caller* caller = nullptr;  // who invokes (its page gets the Channel messages)
};

using CommandArgs = std::vector<nlohmann::json>;  // in parameter order, already checked
using CommandFn = std::function<InvokeResult(CommandContext&, const CommandArgs&)>;

struct Command {
    std::string name;
    std::vector<CommandParam> params;
    CommandFn run;
};

// A command declared as data (a scenario's top-level "commands"; docs/formats.md, "Declared
// commands"): when invoked it sends its Channel messages and makes its emits in order, then
// resolves with `returns` or rejects with `reject`. In the strings of a message, a payload, a
// target and `returns`, "$param" or "${param}" (param one of the command's parameters) stands
// for that argument: a whole string "$param" is the argument's value, inside a longer string its
// text; "$$" is "$".
struct DeclaredEmit {
    std::string event;
    nlohmann::json payload;                // null when the file gives none
    std::optional<nlohmann::json> target;  // absent: emit (global); present: emit_to(target),
                                           // as written ("main", {"kind", "label"}, "$show_in")
};

// A message a declared command sends on one of its Channel parameters.
struct DeclaredSend {
    std::string channel;  // the parameter
    nlohmann::json message;
};

struct DeclaredCommand {
    std::string name;
    std::vector<CommandParam> params;
    std::vector<DeclaredSend> sends;    // sent in order before the emits
    std::vector<DeclaredEmit> emits;    // the first that fails rejects with the bus's text
    nlohmann::json returns;             // the resolved value (null: `Ok(())`)
    std::optional<std::string> reject;  // rejects with exactly this text instead
    std::string path;                   // JSON pointer of the declaration ("/commands/0")
};

// Letters, digits and _, not starting with a digit: a Rust parameter's name.
bool is_param_name(std::string_view text);
// The parameters a declared string refers to, in order ("Hi $name, ${n}s" → name, n); "$$" and a
// "$" followed by no name ("$5", "US$") refer to none.
std::vector<std::string_view> param_references(std::string_view text);
// `value` with its references replaced by the arguments (args in parameter order): a string that
// is one reference becomes the argument's value, any other string gets the argument's text (a
// string as is, other values as JSON); "$$" becomes "$". Object keys are left alone.
nlohmann::json substitute_args(const nlohmann::json& value, const std::vector<CommandParam>& params,
                               const CommandArgs& args);
// The command that does what the declaration says, emitting with the invoke's source and cause.
Command make_command(DeclaredCommand declared);

// Tauri's rejection of an argument it cannot use: "invalid args `KEY` for command `CMD`: WHY".
std::string invalid_args(std::string_view command, std::string_view key, std::string_view why);
// serde_json's words for a value of the wrong type: "integer `5`", "map", "null".
std::string serde_unexpected(const nlohmann::json& value);

// "window_label" → "windowLabel": the key Tauri's #[tauri::command] expects from JS.
std::string camel_case(std::string_view snake);

class CommandRegistry {
  public:
    // The seed guide's two commands.
    static CommandRegistry seed_guide();

    // Adds a command; one with the name of a command already there replaces it (in its place).
    // Returns true when it replaced one.
    bool add(Command command);
    const std::vector<Command>& commands() const { return commands_; }
    const Command* find(std::string_view name) const;

    InvokeResult invoke(CommandContext& context, std::string_view name,
                        const nlohmann::json& args) const;

  private:
    std::vector<Command> commands_;
};

}  // namespace eventlab
