// Backend commands a simulated webview can invoke, with Tauri's argument rules: JS passes
// camelCase keys that map to the command's snake_case parameters, and a missing or mistyped
// argument rejects the promise with Tauri's InvalidArgs text.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus.h"

namespace eventlab {

struct InvokeResult {
    bool ok = true;
    nlohmann::json value;  // the resolved value (null for `Ok(())`)
    std::string error;     // the rejection text
};

// A parameter as the Rust command declares it.
struct CommandParam {
    std::string name;  // snake_case, as in `fn cmd(window_label: String)`
    enum class Type { String, Json } type = Type::String;
};

struct CommandContext {
    EventBus& bus;
    std::string_view webview;  // the invoking webview
    Source source;             // invoke:COMMAND, for the emits the command makes
    Cause cause;
};

using CommandArgs = std::vector<nlohmann::json>;  // in parameter order, already checked
using CommandFn = std::function<InvokeResult(CommandContext&, const CommandArgs&)>;

struct Command {
    std::string name;
    std::vector<CommandParam> params;
    CommandFn run;
};

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

    void add(Command command);
    const std::vector<Command>& commands() const { return commands_; }
    const Command* find(std::string_view name) const;

    InvokeResult invoke(CommandContext& context, std::string_view command,
                        const nlohmann::json& args) const;

  private:
    std::vector<Command> commands_;
};

}  // namespace eventlab
