// A capability as Tauri reads it (tauri-utils' acl::capability): which permissions the windows
// and webviews matching its `windows` / `webviews` globs get, on which platforms, for local
// pages (`local`, default true) and for remote URLs (`remote.urls`).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/acl/identifier.h"
#include "core/acl/manifest.h"
#include "core/util/result.h"

namespace eventlab::acl {

// Where a capability is written, so that a refusal can say which file to edit.
struct CapabilitySource {
    std::string file;        // as shown: relative to the project's folder when it is inside it
    std::string path;        // on disk
    std::string pointer;     // the capability object in that file ("" when the file is one)
    bool in_config = false;  // inline in app.security.capabilities of the Tauri config
};

// One `permissions` entry: an identifier, or an object with `identifier` and a scope.
struct PermissionEntry {
    PermissionId id;
    Scopes scope;
    bool extended = false;  // written as an object
};

struct Capability {
    std::string identifier;
    std::string description;
    bool local = true;
    std::vector<std::string> remote_urls;  // remote.urls: URL patterns
    std::vector<std::string> windows;      // glob patterns over window labels (valid: checked)
    std::vector<std::string> webviews;     // glob patterns over webview labels
    std::vector<PermissionEntry> permissions;
    std::optional<std::vector<Platform>> platforms;  // absent: every platform
    CapabilitySource source;

    bool active_on(Platform platform) const;
    // Some `windows` pattern matches the window or some `webviews` pattern the webview: the
    // rule Tauri applies to a command's grants.
    bool applies_to(std::string_view window, std::string_view webview) const;
    // The JSON pointer of permissions[index] in its file, for messages.
    std::string permission_pointer(std::size_t index) const;
};

// The capabilities of one file's document: one capability object, an array of them, or
// {"capabilities": [...]}. `file` says where the document is (its pointer is unused).
Result<std::vector<Capability>> read_capabilities(const nlohmann::json& doc,
                                                  const CapabilitySource& file);

// One capability object found at `at` (an inline one of the config, or one of a file's).
Result<Capability> read_capability(const nlohmann::json& value, const CapabilitySource& at);

}  // namespace eventlab::acl
