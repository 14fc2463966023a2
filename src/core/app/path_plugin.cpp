#include "core/app/path_plugin.h"

#include <algorithm>
#include <cstdlib>

namespace eventlab::tauri_path {
namespace {

// One component of Rust's Path::components() on Unix, with where it ends in the path.
struct Component {
    enum class Kind : std::uint8_t { Root, Cur, Parent, Normal } kind;
    std::string_view text;
    std::size_t end;
};

// Rust's rules: a leading `/` is the root; `.` counts only at the very start of a relative path;
// empty segments (`a//b`, a trailing `/`) and other `.` segments vanish.
std::vector<Component> components(std::string_view path) {
    std::vector<Component> out;
    std::size_t at = 0;
    if (path.starts_with('/')) {
        out.push_back({Component::Kind::Root, path.substr(0, 1), 1});
        at = 1;
    } else if (path == "." || path.starts_with("./")) {
        out.push_back({Component::Kind::Cur, path.substr(0, 1), 1});
        at = 1;
    }
    while (at < path.size()) {
        const std::size_t slash = std::min(path.find('/', at), path.size());
        const std::string_view segment = path.substr(at, slash - at);
        if (segment == "..") {
            out.push_back({Component::Kind::Parent, segment, slash});
        } else if (!segment.empty() && segment != ".") {
            out.push_back({Component::Kind::Normal, segment, slash});
        }
        at = slash + 1;
    }
    return out;
}

std::string pop(const std::string& path) {  // PathBuf::pop
    return parent(path).value_or(path);
}

// normalize_path and normalize_path_no_absolute of path/plugin.rs: `..` pops, `.` goes; the
// first joins with PathBuf::push (for `resolve`), the second by hand, so a component ending in `\`
// gets no separator after it, as on Windows.
enum class Join : std::uint8_t { Push, Text };

std::string normalized(std::string_view path, Join join) {
    std::string out;
    for (const Component& c : components(path)) {
        switch (c.kind) {
            case Component::Kind::Root:
                out = "/";
                break;
            case Component::Kind::Cur:
                break;
            case Component::Kind::Parent:
                out = pop(out);
                break;
            case Component::Kind::Normal:
                if (join == Join::Push) {
                    out = push(std::move(out), c.text);
                    break;
                }
                if (!out.empty() && !out.ends_with('/') && !out.ends_with('\\')) out += '/';
                out += c.text;
                break;
        }
    }
    return out;
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read, never set
    return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::string default_sandbox_root() {
    std::string data = environment("XDG_DATA_HOME");
    if (data.empty() || !is_absolute(data)) {
        const std::string home = environment("HOME");
        data = (home.empty() ? std::string("/tmp") : home) + "/.local/share";
    }
    return data + "/eventlab/sandbox";
}

std::string sandbox(const AppInfo& app) {
    std::string identifier = app.identifier.empty() ? std::string("app") : app.identifier;
    std::replace(identifier.begin(), identifier.end(), '/', '_');
    return push(app.sandbox_root.empty() ? default_sandbox_root() : app.sandbox_root, identifier);
}

std::string current_dir(const AppInfo& app) {
    return base_directory(app, BaseDirectory::Home);
}

// The layout dirs-rs gives Tauri on a Linux desktop (XDG base and user directories), under
// the sandbox's home; the app's own folders carry its identifier as Tauri's do.
std::string base_directory(const AppInfo& app, BaseDirectory directory) {
    // Not const: the one returned moves out.
    std::string root = sandbox(app);
    std::string home = root + "/home";
    std::string data = home + "/.local/share";
    std::string config = home + "/.config";
    std::string cache = home + "/.cache";
    switch (directory) {
        case BaseDirectory::Audio:
            return home + "/Music";
        case BaseDirectory::Cache:
            return cache;
        case BaseDirectory::Config:
            return config;
        case BaseDirectory::Data:
        case BaseDirectory::LocalData:
            return data;
        case BaseDirectory::Document:
            return home + "/Documents";
        case BaseDirectory::Download:
            return home + "/Downloads";
        case BaseDirectory::Picture:
            return home + "/Pictures";
        case BaseDirectory::Public:
            return home + "/Public";
        case BaseDirectory::Video:
            return home + "/Videos";
        case BaseDirectory::Resource:
            return root + "/resources";
        case BaseDirectory::Temp:
            return root + "/tmp";
        case BaseDirectory::AppConfig:
            return push(config, app.identifier);
        case BaseDirectory::AppData:
        case BaseDirectory::AppLocalData:
            return push(data, app.identifier);
        case BaseDirectory::AppCache:
            return push(cache, app.identifier);
        case BaseDirectory::AppLog:
            return push(push(data, app.identifier), "logs");
        case BaseDirectory::Desktop:
            return home + "/Desktop";
        case BaseDirectory::Executable:
            return home + "/.local/bin";
        case BaseDirectory::Font:
            return data + "/fonts";
        case BaseDirectory::Home:
            return home;
        case BaseDirectory::Runtime:
            return root + "/run";
        case BaseDirectory::Template:
            return home + "/Templates";
    }
    return home;
}

bool is_absolute(std::string_view path) {
    return path.starts_with('/');
}

std::optional<std::string> parent(std::string_view path) {
    std::vector<Component> parts = components(path);
    if (parts.empty() || parts.back().kind == Component::Kind::Root) return std::nullopt;
    parts.pop_back();
    if (parts.empty()) return std::string();
    return std::string(path.substr(0, parts.back().end));
}

std::optional<std::string> file_name(std::string_view path) {
    const std::vector<Component> parts = components(path);
    if (parts.empty() || parts.back().kind != Component::Kind::Normal) return std::nullopt;
    return std::string(parts.back().text);
}

std::optional<std::string> extension(std::string_view name) {
    if (name == "..") return std::nullopt;
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    return std::string(name.substr(dot + 1));
}

std::string push(std::string base, std::string_view path) {
    if (is_absolute(path)) return std::string(path);
    if (!base.empty() && !base.ends_with('/')) base += '/';
    base += path;
    return base;
}

std::string resolve_directory(const AppInfo& app, BaseDirectory directory,
                              const std::optional<std::string>& path) {
    std::string base = base_directory(app, directory);
    if (!path) return base;
    if (directory != BaseDirectory::Resource) return push(std::move(base), *path);
    std::string resource;
    for (const Component& c : components(*path)) {
        if (c.kind == Component::Kind::Root) resource = push(std::move(resource), "_root_");
        if (c.kind == Component::Kind::Parent) resource = push(std::move(resource), "_up_");
        if (c.kind == Component::Kind::Normal) resource = push(std::move(resource), c.text);
    }
    return push(std::move(base), resource);
}

std::string resolve(std::string_view cwd, const std::vector<std::string>& paths) {
    std::string path(cwd);
    for (const std::string& p : paths)
        path = push(std::move(path), p);
    return normalized(path, Join::Push);
}

std::string normalize(std::string_view path) {
    std::string out = normalized(path, Join::Text);
    if (out.empty() && path == "..") return "..";
    if (out.empty() && (path.empty() || path == ".")) return ".";
    // Tauri's condition is always true for a trailing separator, so `/` gives `//`.
    if (path.ends_with('/') || path.ends_with('\\')) out += '/';
    return out;
}

std::string join(const std::vector<std::string>& paths) {
    std::string joined;
    for (const std::string& p : paths) {
        joined += p;
        if (!p.empty() && !p.ends_with('/') && !p.ends_with('\\')) joined += '/';
    }
    std::string out = normalized(joined, Join::Text);
    return out.empty() ? std::string(".") : out;
}

std::optional<std::string> dirname(std::string_view path) {
    return parent(path);
}

std::optional<std::string> extname(std::string_view path) {
    const auto name = file_name(path);
    if (!name) return std::nullopt;
    return extension(*name);
}

std::optional<std::string> basename(std::string_view path, const std::optional<std::string>& ext) {
    auto name = file_name(path);
    if (name && ext && name->ends_with(*ext)) name->resize(name->size() - ext->size());
    return name;
}

}  // namespace eventlab::tauri_path
