// What differs in the permission system between the Tauri releases EventLab models, as data:
// one row per `tauri` crate version there is core permission data for (src/core/acl/data/).
// A Tauri mode picks its row by version (ModeRules::measured names it); nothing compares a
// mode. Read from crates/tauri/src/ipc/authority.rs and webview/mod.rs of each version.
#pragma once

#include <array>
#include <string_view>

namespace eventlab::acl {

struct AclRules {
    // The `tauri` crate version: the core permissions of acl/data/tauri-VERSION.json.
    std::string_view tauri;
    // "Permissions associated with this command: ..." prefixes each permission with the
    // manifest key (2.12.7: `core:window:allow-set-title`) or with the plugin name the command
    // was invoked with (2.0.6: `window:allow-set-title`).
    bool associated_by_manifest_key;
    // A `deny` refuses the command only for pages of the origin whose capability denies it
    // (2.12.7); in 2.0.6 any deny of the command refuses it everywhere, and the refusal lists
    // every deny.
    bool deny_per_origin;
    // Remote pages' app commands are checked even when the app has no manifest of its own
    // (2.12.7: `|| !is_local` in Webview::on_message).
    bool remote_app_commands_checked;
};

inline constexpr auto kAclRules = std::to_array<AclRules>({
    {.tauri = "2.0.6",
     .associated_by_manifest_key = false,
     .deny_per_origin = false,
     .remote_app_commands_checked = false},
    {.tauri = "2.12.7",
     .associated_by_manifest_key = true,
     .deny_per_origin = true,
     .remote_app_commands_checked = true},
});

// The row of that crate version, or nullptr.
constexpr const AclRules* acl_rules(std::string_view tauri_version) {
    for (const AclRules& rules : kAclRules) {
        if (rules.tauri == tauri_version) return &rules;
    }
    return nullptr;
}

// The newest release modelled: the rules an Authority or a project uses unless told otherwise.
constexpr const AclRules& newest_acl_rules() {
    return kAclRules.back();
}

}  // namespace eventlab::acl
