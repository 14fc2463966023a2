// Capabilities resolved to commands, as Tauri resolves them when it builds the app
// (tauri-utils' acl::resolved::Resolved): for each command ("plugin:window|set_title", or an
// app command's bare name) the grants that allow it and the ones that deny it, each with the
// capability and the permission it came from, the window/webview patterns it applies to and
// its origin (local pages, or a remote URL pattern). Sets within sets are followed to their
// permissions; a command's scope values are kept.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/acl/capability.h"
#include "core/acl/label_pattern.h"
#include "core/acl/manifest.h"
#include "core/util/result.h"

namespace eventlab::acl {

// Tauri's ResolvedCommand: one capability's permission granting (or denying) one command.
struct CommandGrant {
    bool local = true;          // for local pages; else for remote URLs matching remote_url
    std::string remote_url;     // the capability's remote.urls entry
    std::string capability;     // its identifier
    std::string permission;     // the permission's name in its manifest ("allow-set-title"), as
                                // Tauri's "referenced by" names it
    std::string permission_id;  // the full identifier ("core:window:allow-set-title")
    std::vector<LabelPattern> windows;  // sorted by text, as Tauri sorts them
    std::vector<LabelPattern> webviews;
    std::optional<std::uint64_t> scope_id;  // key of ResolvedAcl::command_scopes

    bool applies_to(std::string_view window, std::string_view webview) const;
};

struct ResolvedScope {
    std::vector<nlohmann::json> allow;
    std::vector<nlohmann::json> deny;
};

struct ResolvedAcl {
    bool has_app_acl = false;  // the manifests hold the app's own (kAppAclKey)
    std::map<std::string, std::vector<CommandGrant>> allowed;
    std::map<std::string, std::vector<CommandGrant>> denied;
    std::map<std::uint64_t, ResolvedScope> command_scopes;
    std::map<std::string, ResolvedScope> global_scopes;  // by manifest key
};

// The command a manifest key's command is invoked as: "plugin:window|set_title" for
// ("core:window", "set_title"), "plugin:opener|open_url", or the bare name for the app's.
std::string invoked_command(std::string_view key, std::string_view command);

// Resolves the capabilities active on `platform` (their order is Tauri's: by identifier).
// Errors are Tauri's ("unknown permission allow-x for core:window", "permission x not found
// from set y", "unknown ACL for fs, expected one of ...") prefixed with the capability's file
// and the JSON pointer of the permission entry.
Result<ResolvedAcl> resolve_acl(const AclManifests& manifests,
                                const std::vector<Capability>& capabilities, Platform platform);

// One permission a capability entry reaches, after following sets.
struct ReachedPermission {
    std::string key;   // manifest key: "core:window"
    std::string name;  // "allow-set-title"
    const Permission* permission = nullptr;
};

// What a permission identifier stands for, sets followed (tauri-utils' get_permissions); the
// error is Tauri's sentence.
Result<std::vector<ReachedPermission>> reached_permissions(const PermissionId& id,
                                                           const AclManifests& manifests);

}  // namespace eventlab::acl
