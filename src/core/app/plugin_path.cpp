// `plugin:path|…` (crates/tauri/src/path/plugin.rs) over tauri_path: the app's base directories
// in its sandbox, and Rust's path rules for the string functions.
#include "core/app/path_plugin.h"
#include "core/app/plugin_args.h"
#include "core/app/plugins.h"
#include "core/app/session.h"

namespace eventlab {
namespace {

// serde_repr's refusal of a number that is no BaseDirectory.
std::string unknown_directory(std::uint16_t value) {
    std::string expected;
    for (std::uint16_t d = tauri_path::kFirstBaseDirectory; d <= tauri_path::kLastBaseDirectory;
         ++d) {
        expected += (expected.empty() ? "" : ", ") + std::to_string(d);
    }
    return "invalid value: " + std::to_string(value) + ", expected one of: " + expected;
}

InvokeResult resolve_directory(PluginCall& call) {
    PluginArgs args(call.command, call.args);
    const auto directory = args.u16("directory");
    const auto path = args.optional_string("path");
    if (args.failed()) return rejected(args.error());
    if (*directory < tauri_path::kFirstBaseDirectory ||
        *directory > tauri_path::kLastBaseDirectory) {
        return rejected(invalid_args(call.command, "directory", unknown_directory(*directory)));
    }
    return resolved(tauri_path::resolve_directory(
        call.session.app(), static_cast<tauri_path::BaseDirectory>(*directory), path));
}

// The Error texts of crates/tauri/src/error.rs.
InvokeResult or_error(const std::optional<std::string>& value, std::string_view error) {
    if (!value) return rejected(std::string(error));
    return resolved(*value);
}

}  // namespace

InvokeResult path_plugin(PluginCall& call) {
    const std::string_view name = call.command;
    if (name == "resolve_directory") return resolve_directory(call);
    PluginArgs args(name, call.args);
    if (name == "resolve" || name == "join") {
        const auto paths = args.strings("paths");
        if (!paths) return rejected(args.error());
        if (name == "join") return resolved(tauri_path::join(*paths));
        return resolved(tauri_path::resolve(tauri_path::current_dir(call.session.app()), *paths));
    }
    const bool known = name == "normalize" || name == "dirname" || name == "extname" ||
                       name == "basename" || name == "is_absolute";
    if (!known) return command_not_found(name);
    const auto path = args.string("path");
    const auto ext = name == "basename" ? args.optional_string("ext") : std::nullopt;
    if (args.failed()) return rejected(args.error());
    if (name == "normalize") return resolved(tauri_path::normalize(*path));
    if (name == "is_absolute") return resolved(tauri_path::is_absolute(*path));
    if (name == "dirname")
        return or_error(tauri_path::dirname(*path), "path does not have a parent");
    if (name == "extname") {
        return or_error(tauri_path::extname(*path), "path does not have an extension");
    }
    return or_error(tauri_path::basename(*path, ext), "path does not have a basename");
}

}  // namespace eventlab
