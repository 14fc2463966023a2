// A Tauri 2 project as EventLab loads it for `--project PATH`: its config (tauri.conf.json, or
// Tauri.toml; a platform file such as tauri.linux.conf.json merged over it as Tauri merges it,
// RFC 7396), its windows with Tauri's defaults, its capabilities selected as Tauri selects them,
// the permissions of its plugins (src-tauri/gen/schemas/acl-manifests.json, written when the
// app is first built) and of the core plugins (EventLab's data for the Tauri release), all
// resolved into the table the Authority checks commands against.
//
// Errors say which file and where (its JSON pointer): a wrong type, a missing identifier, an
// unknown permission, a listed capability that no file defines. Unknown fields are warnings.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/acl/capability.h"
#include "core/acl/identifier.h"
#include "core/acl/manifest.h"
#include "core/acl/resolve.h"
#include "core/acl/rules.h"
#include "core/util/result.h"

namespace eventlab::acl {

enum class Theme { Light, Dark };

// One entry of app.windows, with Tauri's defaults (tauri-utils' WindowConfig, 2.x) for what the
// config leaves out. Fields EventLab does not model are in `raw`.
struct WindowConfig {
    std::string label = "main";
    bool create = true;  // made when the app starts
    std::string url = "index.html";
    std::string title = "Tauri App";
    double width = 800;
    double height = 600;
    std::optional<double> x, y;
    std::optional<double> min_width, min_height, max_width, max_height;
    bool center = false;
    bool resizable = true;
    bool maximizable = true;
    bool minimizable = true;
    bool closable = true;
    bool fullscreen = false;
    bool focus = true;  // focused when created
    bool focusable = true;
    bool transparent = false;
    bool maximized = false;
    bool visible = true;
    bool decorations = true;
    bool always_on_top = false;
    bool always_on_bottom = false;
    bool visible_on_all_workspaces = false;
    bool content_protected = false;
    bool skip_taskbar = false;
    bool shadow = true;
    bool incognito = false;
    bool drag_drop_enabled = true;
    std::optional<Theme> theme;  // absent: the system's
    std::string title_bar_style = "Visible";
    std::optional<std::string> parent;
    std::optional<std::string> user_agent;
    std::optional<bool> devtools;
    nlohmann::json raw = nlohmann::json::object();  // the entry as written
};

struct ProjectOptions {
    // The platform a capability's or a permission's `platforms` is compared with, and whose
    // config file (tauri.linux.conf.json, ...) is merged.
    Platform platform = Platform::Linux;
    // The Tauri release simulated: its core permissions and its refusal rules.
    const AclRules* rules = &newest_acl_rules();
};

struct Project {
    std::string dir;          // the app's folder, which holds src-tauri/
    std::string tauri_dir;    // src-tauri/
    std::string config_file;  // the config read (tauri.conf.json, Tauri.toml)
    std::optional<std::string> platform_config_file;  // merged over it, when present
    nlohmann::json config;  // the merged config, for what is not modelled here

    std::optional<std::string> product_name;
    std::optional<std::string> main_binary_name;
    std::optional<std::string> version;  // a semver string; read from package.json when the
                                         // config names one
    std::string identifier;
    std::optional<std::string> dev_url;        // build.devUrl
    std::optional<std::string> frontend_dist;  // build.frontendDist, when a path or URL
    bool with_global_tauri = false;
    std::vector<WindowConfig> windows;

    // The capabilities the app has: every file's when app.security.capabilities is empty, else
    // the listed ones (by identifier, or inline), ordered by identifier as Tauri orders them.
    std::vector<Capability> capabilities;
    bool capabilities_listed = false;               // app.security.capabilities names them
    std::optional<std::string> acl_manifests_file;  // gen/schemas/acl-manifests.json, if any
    AclManifests manifests;  // the core plugins' (from the release data) and the project's
    ResolvedAcl acl;         // the capabilities resolved (only those active on the platform)
    Platform platform = Platform::Linux;
    const AclRules* rules = &newest_acl_rules();

    const WindowConfig* window(std::string_view label) const;
    // The project-relative path of a file of the project ("src-tauri/capabilities/x.json").
    std::string relative(const std::string& path) const;
};

// PATH is the app's folder (holding src-tauri/), the src-tauri folder, or its config file
// (tauri.conf.json, tauri.conf.json5, Tauri.toml). In a folder the config is looked for as Tauri
// does: tauri.conf.json, then tauri.conf.json5, then Tauri.toml.
//
// Plugin permissions (`opener:default`) resolve through src-tauri/gen/schemas/
// acl-manifests.json. Without that file (an app never built) a plugin's permissions cannot be
// known: they are left out with a warning, and that plugin's commands are refused ("Plugin not
// found"), where Tauri would not build. With it, an unknown permission is an error, as in Tauri.
Result<Project> load_project(const std::string& path, const ProjectOptions& options = {});

}  // namespace eventlab::acl
