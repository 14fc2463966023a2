#include "core/acl/refusal_text.h"

#include <algorithm>

namespace eventlab::acl::detail {

namespace {

std::string origin_display(const Origin& origin) {
    return origin.local ? "local" : "remote: " + origin.url;
}

// "capability: c, permission: p || capability: d, permission: q"
std::string references(const std::vector<CommandGrant>& grants) {
    std::string out;
    for (const CommandGrant& g : grants) {
        if (!out.empty()) out += " || ";
        out += "capability: " + g.capability + ", permission: " + g.permission;
    }
    return out;
}

std::string quoted_patterns(const std::vector<LabelPattern>& patterns) {
    std::string out;
    for (const LabelPattern& p : patterns) {
        if (!out.empty()) out += ", ";
        out += "\"" + p.text() + "\"";
    }
    return out;
}

// "allowed on: [windows: \"main\", webviews: \"v\", URL: local], [...]"
std::string allowed_on(const std::vector<CommandGrant>& grants) {
    if (grants.empty()) return "command not allowed on any window/webview/URL context";
    std::string out = "allowed on: ";
    for (std::size_t i = 0; i < grants.size(); ++i) {
        const CommandGrant& g = grants[i];
        out += '[';
        if (!g.windows.empty()) out += "windows: " + quoted_patterns(g.windows) + ", ";
        if (!g.webviews.empty()) out += "webviews: " + quoted_patterns(g.webviews) + ", ";
        out += "URL: " + (g.local ? std::string("local") : g.remote_url);
        out += ']';
        if (i + 1 < grants.size()) out += ", ";
    }
    return out;
}

// Tauri's has_permissions_allowing_command: members are looked up in the same manifest only
// (a member naming another plugin's permission never matches); the guard stops a set that
// holds itself, on which Tauri would recurse forever.
bool set_allows(const Manifest& m, const PermissionSet& set, const std::string& command,
                int depth) {
    if (depth > 64) return false;
    for (const std::string& member : set.permissions) {
        if (member == "default") {
            if (m.default_permission && set_allows(m, *m.default_permission, command, depth + 1)) {
                return true;
            }
        } else if (auto s = m.permission_sets.find(member); s != m.permission_sets.end()) {
            if (set_allows(m, s->second, command, depth + 1)) return true;
        } else if (auto p = m.permissions.find(member); p != m.permissions.end()) {
            const auto& allow = p->second.allow;
            if (std::find(allow.begin(), allow.end(), command) != allow.end()) return true;
        }
    }
    return false;
}

// A permission naming the command alone first, then other permissions, then sets, then the
// default set: the smallest change that allows it.
int specificity(const Manifest& m, const std::string& name, const std::string& command) {
    if (const auto p = m.permissions.find(name); p != m.permissions.end()) {
        return p->second.allow == std::vector<std::string>{command} ? 0 : 1;
    }
    return name == "default" ? 3 : 2;
}

}  // namespace

std::string pretty_name(const CommandName& name) {
    if (name.key == kAppAclKey) return name.command;
    return name.key + "." + name.command;
}

std::string explicitly_denied_text(const std::string& pretty, const Origin& origin,
                                   const std::vector<CommandGrant>& denies) {
    return pretty + " explicitly denied on origin " + origin_display(origin) +
           "\n\nreferenced by: " + references(denies);
}

std::string not_allowed_here_text(const std::string& pretty, const AccessRequest& request,
                                  const std::vector<CommandGrant>& grants) {
    return pretty + " not allowed on window \"" + std::string(request.window) + "\", webview \"" +
           std::string(request.webview) +
           "\", URL: " + (request.origin.local ? std::string("local") : request.origin.url) +
           "\n\n" + allowed_on(grants) + "\n\nreferenced by: " + references(grants);
}

Associated associated_permissions(const AclManifests& manifests, const CommandName& name,
                                  const AclRules& rules) {
    Associated out;
    auto it = manifests.find(name.key);
    if (it == manifests.end()) it = manifests.find("core:" + name.key);
    if (it == manifests.end()) return out;
    const std::string& key = it->first;
    const Manifest& m = it->second;
    std::vector<std::string> names;
    if (m.default_permission && set_allows(m, *m.default_permission, name.command, 0)) {
        names.emplace_back("default");
    }
    for (const auto& [id, set] : m.permission_sets) {
        if (set_allows(m, set, name.command, 0)) names.push_back(set.identifier);
    }
    for (const auto& [id, p] : m.permissions) {
        if (std::find(p.allow.begin(), p.allow.end(), name.command) != p.allow.end()) {
            names.push_back(p.identifier);
        }
    }
    std::sort(names.begin(), names.end());
    out.detail =
        names.empty() ? NotAllowedDetail::CommandNotFound : NotAllowedDetail::PermissionsAssociated;
    // 2.0.6 prefixed them with the plugin name the command used ("window:"), which is no
    // identifier a capability accepts; the advice always uses the manifest key.
    const auto prefixed = [&](const std::string& prefix, const std::string& n) {
        if (key == kAppAclKey) return n;
        std::string id = prefix;
        id += ':';
        id += n;
        return id;
    };
    const std::string& listed_prefix = rules.associated_by_manifest_key ? key : name.key;
    for (const std::string& n : names)
        out.listed.push_back(prefixed(listed_prefix, n));
    std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
        return specificity(m, a, name.command) < specificity(m, b, name.command);
    });
    for (const std::string& n : names)
        out.ids.push_back(prefixed(key, n));
    return out;
}

std::string not_allowed_text(const std::string& pretty, const Associated& associated) {
    std::string detail;
    switch (associated.detail) {
        case NotAllowedDetail::PluginNotFound:
            detail = "Plugin not found";
            break;
        case NotAllowedDetail::CommandNotFound:
            detail = "Command not found";
            break;
        case NotAllowedDetail::PermissionsAssociated: {
            detail = "Permissions associated with this command: ";
            for (std::size_t i = 0; i < associated.listed.size(); ++i) {
                detail += (i ? ", " : "") + associated.listed[i];
            }
            break;
        }
    }
    return pretty + " not allowed. " + detail;
}

}  // namespace eventlab::acl::detail
