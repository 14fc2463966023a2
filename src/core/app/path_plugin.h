// Tauri's path plugin (crates/tauri/src/path/): its base directories and its string functions,
// with Rust's std::path rules on Linux (the platform EventLab's backend stands for). The base
// directories are not the user's: each app identifier gets a sandbox folder with the layout a
// Linux desktop gives Tauri (see docs/bridge.md, "Paths"). EventLab only names these paths; it
// never creates or touches them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/app_info.h"

namespace eventlab::tauri_path {

// Tauri's BaseDirectory, with its serialized numbers (serde_repr u16).
enum class BaseDirectory : std::uint16_t {
    Audio = 1,
    Cache,
    Config,
    Data,
    LocalData,
    Document,
    Download,
    Picture,
    Public,
    Video,
    Resource,
    Temp,
    AppConfig,
    AppData,
    AppLocalData,
    AppCache,
    AppLog,
    Desktop,
    Executable,
    Font,
    Home,
    Runtime,
    Template,
};
inline constexpr std::uint16_t kFirstBaseDirectory = 1;
inline constexpr std::uint16_t kLastBaseDirectory = 23;

// $XDG_DATA_HOME/eventlab/sandbox, else ~/.local/share/eventlab/sandbox.
std::string default_sandbox_root();
// The app's sandbox: ROOT/IDENTIFIER (a `/` in the identifier becomes `_`).
std::string sandbox(const AppInfo& app);
// The folder a base directory stands for in the app's sandbox.
std::string base_directory(const AppInfo& app, BaseDirectory directory);
// The folder `resolve` starts from (Tauri: the process's current directory): the sandbox's home.
std::string current_dir(const AppInfo& app);

// ---- Rust's std::path on Unix, as the plugin uses it
bool is_absolute(std::string_view path);
std::optional<std::string> parent(std::string_view path);     // Path::parent
std::optional<std::string> file_name(std::string_view path);  // Path::file_name
// Path::extension of a file name: after the last `.`, none for `.bashrc` or `..`.
std::optional<std::string> extension(std::string_view file_name);
std::string push(std::string base, std::string_view path);  // PathBuf::push

// ---- the plugin's commands, same results as crates/tauri/src/path/plugin.rs
// `resolve_directory`: the base directory with `path` pushed onto it (Resource maps `/` and `..`
// to `_root_` and `_up_`, as the bundler does).
std::string resolve_directory(const AppInfo& app, BaseDirectory directory,
                              const std::optional<std::string>& path);
std::string resolve(std::string_view cwd, const std::vector<std::string>& paths);
std::string normalize(std::string_view path);
std::string join(const std::vector<std::string>& paths);
std::optional<std::string> dirname(
    std::string_view path);  // nullopt: "path does not have a parent"
std::optional<std::string> extname(std::string_view path);  // nullopt: "… an extension"
// nullopt: "path does not have a basename"
std::optional<std::string> basename(std::string_view path, const std::optional<std::string>& ext);

}  // namespace eventlab::tauri_path
