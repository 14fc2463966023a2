#include "core/acl/resolve.h"

#include <algorithm>

#include "core/util/json_io.h"

namespace eventlab::acl {

namespace {

// Tauri follows sets without a guard; a set that contains itself would never end there. Here
// it stops at this depth with an error.
constexpr int kMaxSetDepth = 64;

std::string join_keys(const AclManifests& manifests) {
    std::string out;
    for (const auto& [key, _] : manifests) {
        if (!out.empty()) out += ", ";
        out += key;
    }
    return out;
}

struct Walker {
    const AclManifests& manifests;
    std::vector<ReachedPermission> out;
    int depth = 0;

    // tauri-utils' get_permission_set_permissions: a member with a known prefix belongs to
    // that plugin; any other member is a name inside the set's own plugin.
    Result<bool> walk_set(std::string_view key, const Manifest& manifest,
                          const PermissionSet& set) {
        if (++depth > kMaxSetDepth) {
            return Failure{"permission set " + set.identifier + " contains itself"};
        }
        for (const std::string& member : set.permissions) {
            std::string_view member_key = key;
            const Manifest* member_manifest = &manifest;
            std::string_view name = member;
            auto id = PermissionId::parse(member);
            if (id && id->has_prefix()) {
                if (auto it = manifests.find(std::string(id->prefix())); it != manifests.end()) {
                    member_key = it->first;
                    member_manifest = &it->second;
                    name = id->base();
                }
            }
            auto found = set_member(member_key, *member_manifest, name, set);
            if (!found) return found;
        }
        --depth;
        return true;
    }

    Result<bool> set_member(std::string_view key, const Manifest& manifest, std::string_view name,
                            const PermissionSet& owner) {
        if (name == "default") {
            if (!manifest.default_permission) return true;
            return walk_set(key, manifest, *manifest.default_permission);
        }
        if (auto p = manifest.permissions.find(std::string(name));
            p != manifest.permissions.end()) {
            out.push_back({std::string(key), std::string(name), &p->second});
            return true;
        }
        if (auto s = manifest.permission_sets.find(std::string(name));
            s != manifest.permission_sets.end()) {
            return walk_set(key, manifest, s->second);
        }
        return Failure{"permission " + std::string(name) + " not found from set " +
                       owner.identifier};
    }
};

bool matches_any(const std::vector<LabelPattern>& patterns, std::string_view label) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const LabelPattern& p) { return p.matches(label); });
}

std::vector<LabelPattern> compiled(std::vector<std::string> texts) {
    std::sort(texts.begin(), texts.end());
    std::vector<LabelPattern> out;
    for (const std::string& text : texts) {
        if (auto p = LabelPattern::parse(text)) out.push_back(std::move(*p));  // checked on read
    }
    return out;
}

void append(std::optional<std::vector<nlohmann::json>>& to,
            const std::optional<std::vector<nlohmann::json>>& from) {
    if (!from) return;
    if (!to) to.emplace();
    to->insert(to->end(), from->begin(), from->end());
}

class Resolver {
  public:
    explicit Resolver(const AclManifests& manifests) : manifests_(manifests) {
        acl_.has_app_acl = manifests.contains(std::string(kAppAclKey));
    }

    Result<bool> add(const Capability& c, Platform platform) {
        for (std::size_t i = 0; i < c.permissions.size(); ++i) {
            const PermissionEntry& entry = c.permissions[i];
            auto reached = reached_permissions(entry.id, manifests_);
            if (!reached) {
                const std::string pointer = c.permission_pointer(i);
                return Failure{c.source.path + ": " +
                               json_pointer_message(pointer, reached.error())};
            }
            for (const ReachedPermission& r : *reached) {
                if (r.permission->active_on(platform)) grant(c, entry, r);
            }
        }
        return true;
    }

    ResolvedAcl take() { return std::move(acl_); }

  private:
    void grant(const Capability& c, const PermissionEntry& entry, const ReachedPermission& r) {
        Scopes scope;  // the entry's own scope first, then the permission's, as Tauri merges
        if (entry.extended) {
            append(scope.allow, entry.scope.allow);
            append(scope.deny, entry.scope.deny);
        }
        append(scope.allow, r.permission->scope.allow);
        append(scope.deny, r.permission->scope.deny);
        const Permission& p = *r.permission;
        if (p.allow.empty() && p.deny.empty()) {  // a scope for the plugin's every command
            ResolvedScope& global = acl_.global_scopes[r.key];
            if (scope.allow)
                global.allow.insert(global.allow.end(), scope.allow->begin(), scope.allow->end());
            if (scope.deny)
                global.deny.insert(global.deny.end(), scope.deny->begin(), scope.deny->end());
            return;
        }
        std::optional<std::uint64_t> scope_id;
        if (scope.allow || scope.deny) {
            scope_id = ++last_scope_id_;
            acl_.command_scopes[*scope_id] = {scope.allow.value_or(std::vector<nlohmann::json>{}),
                                              scope.deny.value_or(std::vector<nlohmann::json>{})};
        }
        const std::string id = r.key == kAppAclKey ? r.name : r.key + ":" + r.name;
        for (const std::string& command : p.allow) {
            add_grants(acl_.allowed[invoked_command(r.key, command)], c, r.name, id, scope_id);
        }
        for (const std::string& command : p.deny) {
            add_grants(acl_.denied[invoked_command(r.key, command)], c, r.name, id, scope_id);
        }
    }

    // One grant per context the capability has: local pages, then each remote URL.
    static void add_grants(std::vector<CommandGrant>& to, const Capability& c,
                           const std::string& permission, const std::string& permission_id,
                           std::optional<std::uint64_t> scope_id) {
        CommandGrant g{.local = true,
                       .remote_url = {},
                       .capability = c.identifier,
                       .permission = permission,
                       .permission_id = permission_id,
                       .windows = compiled(c.windows),
                       .webviews = compiled(c.webviews),
                       .scope_id = scope_id};
        if (c.local) to.push_back(g);
        for (const std::string& url : c.remote_urls) {
            g.local = false;
            g.remote_url = url;
            to.push_back(g);
        }
    }

    const AclManifests& manifests_;
    ResolvedAcl acl_;
    std::uint64_t last_scope_id_ = 0;
};

}  // namespace

bool CommandGrant::applies_to(std::string_view window, std::string_view webview) const {
    return matches_any(webviews, webview) || matches_any(windows, window);
}

std::string invoked_command(std::string_view key, std::string_view command) {
    if (key == kAppAclKey) return std::string(command);
    if (key.starts_with("core:")) key.remove_prefix(5);
    return "plugin:" + std::string(key) + "|" + std::string(command);
}

Result<std::vector<ReachedPermission>> reached_permissions(const PermissionId& id,
                                                           const AclManifests& manifests) {
    const std::string key(id.has_prefix() ? id.prefix() : kAppAclKey);
    const auto it = manifests.find(key);
    if (it == manifests.end()) {
        return Failure{"unknown ACL for " + std::string(display_key(key)) + ", expected one of " +
                       join_keys(manifests)};
    }
    const Manifest& manifest = it->second;
    const std::string name(id.base());
    Walker walker{manifests, {}};
    if (name == "default") {
        if (manifest.default_permission) {
            auto done = walker.walk_set(key, manifest, *manifest.default_permission);
            if (!done) return Failure{done.error()};
        }
    } else if (auto s = manifest.permission_sets.find(name); s != manifest.permission_sets.end()) {
        auto done = walker.walk_set(key, manifest, s->second);
        if (!done) return Failure{done.error()};
    } else if (auto p = manifest.permissions.find(name); p != manifest.permissions.end()) {
        walker.out.push_back({key, name, &p->second});
    } else {
        return Failure{"unknown permission " + name + " for " + std::string(display_key(key))};
    }
    return std::move(walker.out);
}

Result<ResolvedAcl> resolve_acl(const AclManifests& manifests,
                                const std::vector<Capability>& capabilities, Platform platform) {
    std::vector<const Capability*> ordered;
    for (const Capability& c : capabilities) {
        if (c.active_on(platform)) ordered.push_back(&c);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const Capability* a, const Capability* b) {
        return a->identifier < b->identifier;
    });
    Resolver resolver(manifests);
    for (const Capability* c : ordered) {
        auto added = resolver.add(*c, platform);
        if (!added) return Failure{added.error()};
    }
    return resolver.take();
}

}  // namespace eventlab::acl
