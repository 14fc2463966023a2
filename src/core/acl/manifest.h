// What a plugin's permissions are, as Tauri keeps them (tauri-utils' acl::manifest::Manifest,
// acl::Permission, acl::PermissionSet): one manifest per plugin key ("core:window", "opener",
// and "__app-acl__" for an app that defines its own permissions), in the JSON shape of a
// project's src-tauri/gen/schemas/acl-manifests.json, which `tauri build`/`tauri dev` write.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/acl/identifier.h"
#include "core/util/result.h"

namespace eventlab::acl {

// The manifest key of the app's own permissions (tauri-utils' APP_ACL_KEY).
inline constexpr std::string_view kAppAclKey = "__app-acl__";

// A permission's or a capability entry's scope: values the command reads (paths, URLs...).
// EventLab keeps them and shows them; it does not enforce them.
struct Scopes {
    std::optional<std::vector<nlohmann::json>> allow;
    std::optional<std::vector<nlohmann::json>> deny;
};

struct Permission {
    std::string identifier;  // its name inside the plugin: "allow-set-title"
    std::string description;
    std::vector<std::string> allow;  // command names: "set_title"
    std::vector<std::string> deny;
    Scopes scope;
    std::optional<std::vector<Platform>> platforms;  // absent: every platform

    bool active_on(Platform platform) const;
};

struct PermissionSet {
    std::string identifier;  // "default" for the default set
    std::string description;
    // Names inside the same plugin ("allow-title", "default") or full identifiers of another
    // plugin's ("core:window:default", "fs:default").
    std::vector<std::string> permissions;
};

struct Manifest {
    std::optional<PermissionSet> default_permission;
    std::map<std::string, Permission> permissions;
    std::map<std::string, PermissionSet> permission_sets;
};

// Plugin key -> manifest.
using AclManifests = std::map<std::string, Manifest>;

// Reads `manifests` (key -> manifest), found at `pointer` in its file. Errors name `source` and the
// JSON pointer; unknown fields are ignored as Tauri ignores them.
Result<AclManifests> read_acl_manifests(const nlohmann::json& manifests, const std::string& source,
                                        const std::string& pointer = "");
// A src-tauri/gen/schemas/acl-manifests.json file.
Result<AclManifests> load_acl_manifests(const std::string& path);

// Tauri's display of a manifest key in its errors: "app manifest" for kAppAclKey.
std::string_view display_key(std::string_view key);

}  // namespace eventlab::acl
