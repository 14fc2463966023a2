// Internal to the Authority: Tauri's refusal texts (debug build), built as
// RuntimeAuthority::resolve_access_message builds them in crates/tauri/src/ipc/authority.rs.
#pragma once

#include <string>
#include <vector>

#include "core/acl/authority.h"
#include "core/acl/manifest.h"
#include "core/acl/resolve.h"
#include "core/acl/rules.h"

namespace eventlab::acl::detail {

// "window.set_title" for a plugin's command, the bare name for the app's.
std::string pretty_name(const CommandName& name);

// "{pretty} explicitly denied on origin local\n\nreferenced by: capability: c, permission: p"
std::string explicitly_denied_text(const std::string& pretty, const Origin& origin,
                                   const std::vector<CommandGrant>& denies);

// "{pretty} not allowed on window \"w\", webview \"v\", URL: local\n\nallowed on: [windows:
// \"main\", URL: local]\n\nreferenced by: capability: c, permission: p"
std::string not_allowed_here_text(const std::string& pretty, const AccessRequest& request,
                                  const std::vector<CommandGrant>& grants);

// The permissions of the command's plugin that allow it, as Tauri finds them: the default set,
// any set, any permission that lists the command (sets followed within the plugin only).
struct Associated {
    NotAllowedDetail detail = NotAllowedDetail::PluginNotFound;
    std::vector<std::string> listed;  // as the message names them, sorted
    std::vector<std::string> ids;     // full identifiers (manifest key), the most specific first
};
Associated associated_permissions(const AclManifests& manifests, const CommandName& name,
                                  const AclRules& rules);

// "{pretty} not allowed. Permissions associated with this command: ..." / "Command not found" /
// "Plugin not found"
std::string not_allowed_text(const std::string& pretty, const Associated& associated);

}  // namespace eventlab::acl::detail
