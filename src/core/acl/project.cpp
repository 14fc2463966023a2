#include "core/acl/project.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <regex>

#include "core/acl/config_document.h"
#include "core/acl/project_reader.h"
#include "core/util/json_io.h"

namespace eventlab::acl {

namespace fs = std::filesystem;

namespace detail {

namespace {

std::string_view config_field_kind(std::string_view key) {
    if (key == "identifier") return "a string such as com.example.app";
    return "a value";
}

std::string kebab(std::string_view camel) {
    std::string out;
    for (const char c : camel) {
        if (c >= 'A' && c <= 'Z') {
            out += '-';
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

ConfigReader::ConfigReader(const std::string& source) : JsonReader(source, config_field_kind) {}

std::optional<JsonField> ConfigReader::member(const JsonObject& obj, std::string_view camel) {
    if (auto f = field(obj, camel, false)) return f;
    return field(obj, kebab(camel), false);
}

std::optional<JsonObject> ConfigReader::object(const JsonObject& obj, std::string_view camel,
                                               std::string_view owner) {
    const auto f = member(obj, camel);
    if (!f || !check(*f, f->value.is_object(), "an object")) return std::nullopt;
    return JsonObject{f->value, f->pointer, std::string(owner)};
}

void ConfigReader::optional_string(const JsonObject& obj, std::string_view camel,
                                   std::optional<std::string>& to) {
    if (auto f = member(obj, camel); f && !f->value.is_null()) to = string_value(*f);
}

void ConfigReader::optional_number(const JsonObject& obj, std::string_view camel,
                                   std::optional<double>& to) {
    const auto f = member(obj, camel);
    if (!f || f->value.is_null()) return;
    if (check(*f, f->value.is_number(), "a number")) to = f->value.get<double>();
}

void ConfigReader::number(const JsonObject& obj, std::string_view camel, double& to) {
    std::optional<double> value;
    optional_number(obj, camel, value);
    if (value) to = *value;
}

void ConfigReader::boolean(const JsonObject& obj, std::string_view camel, bool& to) {
    if (auto f = member(obj, camel)) {
        if (auto value = bool_value(*f)) to = *value;
    }
}

void ConfigReader::warn_unknown_members(const JsonObject& obj,
                                        const std::vector<std::string_view>& known) {
    std::vector<std::string> names;
    for (const std::string_view k : known) {
        names.emplace_back(k);
        names.push_back(kebab(k));
    }
    for (auto it = obj.value.begin(); it != obj.value.end(); ++it) {
        if (std::find(names.begin(), names.end(), it.key()) != names.end()) continue;
        warn(json_pointer_child(obj.pointer, it.key()), "unknown field, ignored");
    }
}

}  // namespace detail

namespace {

using detail::ConfigReader;

constexpr std::array<std::string_view, 3> kConfigNames = {"tauri.conf.json", "tauri.conf.json5",
                                                          "Tauri.toml"};

std::string_view platform_file_part(Platform platform) {
    switch (platform) {
        case Platform::MacOS:
            return "macos";
        case Platform::Windows:
            return "windows";
        case Platform::Android:
            return "android";
        case Platform::Ios:
            return "ios";
        case Platform::Linux:
            break;
    }
    return "linux";
}

std::optional<fs::path> config_in(const fs::path& dir) {
    for (const std::string_view name : kConfigNames) {
        if (fs::is_regular_file(dir / name)) return dir / name;
    }
    return std::nullopt;
}

// The config file PATH names: the app's folder, its src-tauri folder, or the file itself.
Result<fs::path> locate_config(const std::string& path) {
    const fs::path p = fs::path(path).lexically_normal();
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
        const std::string name = p.filename().string();
        if (std::find(kConfigNames.begin(), kConfigNames.end(), name) == kConfigNames.end()) {
            return Failure{path +
                           ": not a Tauri config (tauri.conf.json, tauri.conf.json5 or "
                           "Tauri.toml)"};
        }
        return p;
    }
    if (!fs::is_directory(p, ec)) return Failure{path + ": no such file or folder"};
    if (auto config = config_in(p / "src-tauri")) return *config;
    if (auto config = config_in(p)) return *config;
    return Failure{path + ": no src-tauri/tauri.conf.json (nor tauri.conf.json5 or Tauri.toml) " +
                   "here: give the app's folder, its src-tauri folder or its tauri.conf.json"};
}

// tauri.linux.conf.json (or .json5, Tauri.linux.toml) beside the config, as Tauri looks for it.
std::optional<fs::path> platform_config(const fs::path& tauri_dir, Platform platform) {
    const std::string part(platform_file_part(platform));
    for (const std::string& name : {"tauri." + part + ".conf.json", "tauri." + part + ".conf.json5",
                                    "Tauri." + part + ".toml"}) {
        if (fs::is_regular_file(tauri_dir / name)) return tauri_dir / name;
    }
    return std::nullopt;
}

// Tauri's `version`: a semver string, or the path (from src-tauri) of a JSON file holding one.
void read_version(ConfigReader& r, const JsonField& f, Project& p) {
    auto text = r.string_value(f);
    if (!text) return;
    static const std::regex kSemver(
        R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$)");
    const fs::path file = fs::path(p.tauri_dir) / *text;
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) {
        std::string error;
        auto content = read_text_file(file.string());
        auto doc = content ? parse_json_text(*content, file.string(), error) : std::nullopt;
        if (!doc) {
            return r.fail(f.pointer, "failed to read version JSON file: " +
                                         (content ? error : content.error()));
        }
        const auto it = doc->is_object() ? doc->find("version") : doc->end();
        if (!doc->is_object() || it == doc->end()) {
            return r.fail(f.pointer, file.string() + ": JSON must contain a `version` field");
        }
        if (!it->is_string()) {
            return r.fail(f.pointer, "`" + file.string() + " > version` must be a string");
        }
        *text = it->get<std::string>();
    }
    if (!std::regex_match(*text, kSemver)) {
        return r.fail(f.pointer, "`tauri.conf.json > version` must be a semver string");
    }
    p.version = std::move(*text);
}

void read_build(ConfigReader& r, const JsonObject& root, Project& p) {
    const auto build = r.object(root, "build", "build");
    if (!build) return;
    r.optional_string(*build, "devUrl", p.dev_url);
    if (auto dist = r.member(*build, "frontendDist"); dist && dist->value.is_string()) {
        p.frontend_dist = dist->value.get<std::string>();
    }
}

// The top level and `app`; returns app.security.capabilities (null when absent).
JsonField read_config(ConfigReader& r, const nlohmann::json& doc, Project& p) {
    static const nlohmann::json kNone;
    if (!r.check(JsonField{doc, ""}, doc.is_object(), "an object")) return {kNone, ""};
    const JsonObject root{doc, "", "the config"};
    r.warn_unknown_members(root, {"$schema", "productName", "mainBinaryName", "version",
                                  "identifier", "app", "build", "bundle", "plugins"});
    r.optional_string(root, "productName", p.product_name);
    r.optional_string(root, "mainBinaryName", p.main_binary_name);
    if (auto v = r.member(root, "version"); v && !v->value.is_null()) read_version(r, *v, p);
    if (auto id = r.string_field(root, "identifier", true)) p.identifier = std::move(*id);
    read_build(r, root, p);
    const auto app = r.object(root, "app", "app");
    if (!app) return {kNone, ""};
    r.warn_unknown_members(
        *app, {"windows", "security", "trayIcon", "macOSPrivateApi", "macos-private-api",
               "withGlobalTauri", "enableGTKAppId", "enable-gtk-app-id"});
    r.boolean(*app, "withGlobalTauri", p.with_global_tauri);
    detail::read_windows(r, *app, p);
    const auto security = r.object(*app, "security", "app.security");
    if (!security) return {kNone, ""};
    if (auto caps = r.member(*security, "capabilities")) return *caps;
    return {kNone, ""};
}

template <class T>
Result<T> with_warnings(Result<T> result, std::vector<std::string> earlier) {
    for (auto& w : result.warnings())
        earlier.push_back(w);
    result.set_warnings(std::move(earlier));
    return result;
}

}  // namespace

const WindowConfig* Project::window(std::string_view label) const {
    for (const WindowConfig& w : windows) {
        if (w.label == label) return &w;
    }
    return nullptr;
}

std::string Project::relative(const std::string& path) const {
    const fs::path rel = fs::path(path).lexically_relative(dir);
    if (rel.empty() || rel.begin()->string() == "..") return path;
    return rel.generic_string();
}

Result<Project> load_project(const std::string& path, const ProjectOptions& options) {
    auto config_path = locate_config(path);
    if (!config_path) return Failure{config_path.error()};
    Project p;
    p.platform = options.platform;
    p.rules = options.rules;
    p.config_file = config_path->string();
    const fs::path tauri_dir =
        config_path->parent_path().empty() ? fs::path(".") : config_path->parent_path();
    p.tauri_dir = tauri_dir.string();
    fs::path absolute = fs::absolute(tauri_dir).lexically_normal();
    if (!absolute.has_filename()) absolute = absolute.parent_path();  // "/app/src-tauri/"
    p.dir = tauri_dir.has_parent_path() && tauri_dir.filename() != "."
                ? tauri_dir.parent_path().string()
                : absolute.parent_path().string();

    auto doc = read_config_document(p.config_file);
    if (!doc) return Failure{doc.error()};
    std::string source = p.config_file;
    if (auto overlay = platform_config(tauri_dir, p.platform)) {
        auto patch = read_config_document(overlay->string());
        if (!patch) return Failure{patch.error()};
        doc->merge_patch(*patch);
        p.platform_config_file = overlay->string();
        source += " (with " + overlay->filename().string() + ")";
    }
    p.config = std::move(*doc);

    ConfigReader r(source);
    const JsonField caps = read_config(r, p.config, p);
    if (!r.ok()) return with_warnings(Result<Project>(Failure{r.take_error()}), r.take_warnings());
    std::vector<std::string> warnings = r.take_warnings();

    static const nlohmann::json kEmpty = nlohmann::json::array();
    std::vector<Capability> unselected;
    auto capabilities = detail::read_project_capabilities(
        p, caps.value.is_null() ? kEmpty : caps.value, caps.pointer, unselected);
    if (!capabilities)
        return with_warnings(Result<Project>(Failure{capabilities.error()}), warnings);
    for (const auto& w : capabilities.warnings())
        warnings.push_back(w);
    p.capabilities_listed = caps.value.is_array() && !caps.value.empty();
    p.capabilities = std::move(*capabilities);

    auto permissions = detail::read_project_permissions(p, std::move(unselected));
    for (const auto& w : permissions.warnings())
        warnings.push_back(w);
    if (!permissions) return with_warnings(Result<Project>(Failure{permissions.error()}), warnings);
    Result<Project> result(std::move(p));
    result.set_warnings(std::move(warnings));
    return result;
}

}  // namespace eventlab::acl
