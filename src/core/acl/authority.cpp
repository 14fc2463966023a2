#include "core/acl/authority.h"

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "core/acl/page_url.h"
#include "core/acl/refusal_text.h"

namespace eventlab::acl {

namespace {

// Tauri's FETCH_CHANNEL_DATA_COMMAND: a Channel's messages are fetched through it, unchecked.
constexpr std::string_view kChannelFetch = "plugin:__TAURI_CHANNEL__|fetch";

// Tauri's Origin::matches: a local page only by local grants, a remote one only by grants whose
// remote URL pattern covers it.
bool origin_matches(const Origin& origin, const CommandGrant& g) {
    if (origin.local || g.local) return origin.local && g.local;
    return remote_url_matches(g.remote_url, origin.url);
}

std::vector<CommandGrant> filtered(const std::vector<CommandGrant>* grants, auto keep) {
    std::vector<CommandGrant> out;
    if (!grants) return out;
    std::copy_if(grants->begin(), grants->end(), std::back_inserter(out), keep);
    return out;
}

const std::vector<CommandGrant>* find(const std::map<std::string, std::vector<CommandGrant>>& map,
                                      const std::string& command) {
    const auto it = map.find(command);
    return it == map.end() ? nullptr : &it->second;
}

// The capability gives its permissions to pages of that origin: local ones, or remote ones
// its `remote.urls` cover.
bool covers(const Capability& c, const Origin& origin) {
    if (origin.local) return c.local;
    return std::any_of(c.remote_urls.begin(), c.remote_urls.end(),
                       [&](const std::string& p) { return remote_url_matches(p, origin.url); });
}

// A `remote.urls` entry for every page of a remote page's site: "https://example.com".
std::string origin_pattern(const Origin& origin) {
    const auto parts = split_url(origin.url);
    if (!parts) return origin.url;
    return parts->scheme + "://" + parts->host + (parts->port.empty() ? "" : ":" + parts->port);
}

// The capability a permission would best be added to (see Advice).
void choose_capability(const Project& p, const AccessRequest& request, Advice& advice) {
    const auto applying = capabilities_for(p, request);
    const Capability* match = applying.empty() ? nullptr : applying.front();
    const Capability* default_file = nullptr;
    for (const Capability& c : p.capabilities) {
        if (c.active_on(p.platform) && !c.source.in_config &&
            c.source.file.ends_with("capabilities/default.json")) {
            default_file = &c;
            break;
        }
    }
    const Capability* chosen = match ? match : default_file;
    if (!request.origin.local && chosen != match)
        advice.remote_url = origin_pattern(request.origin);
    if (chosen) {
        advice.capability = chosen->identifier;
        advice.file = chosen->source.file;
        advice.pointer = chosen->source.pointer + "/permissions";
        advice.add_window = !chosen->applies_to(request.window, request.webview);
        return;
    }
    advice.file =
        p.relative((std::filesystem::path(p.tauri_dir) / "capabilities" / "default.json").string());
    advice.pointer = "/permissions";
    advice.add_window = true;
    advice.list_in_config = p.capabilities_listed;
}

// Why a command that is not allowed is not: the advice's words when no permission can help.
std::string unknown_note(const Project& p, const CommandName& name, NotAllowedDetail detail) {
    if (detail == NotAllowedDetail::PluginNotFound) {
        return "the app has no plugin \"" + name.key + "\"" +
               (p.acl_manifests_file ? ""
                                     : " known to EventLab: plugin permissions come from "
                                       "src-tauri/gen/schemas/acl-manifests.json, written when the "
                                       "app is built");
    }
    if (detail == NotAllowedDetail::CommandNotFound) {
        return "no permission of " + std::string(display_key(name.key)) + " names the command \"" +
               name.command + "\"";
    }
    return {};
}

// An explicit deny: the deny permissions to take out, and the capability of the first.
void advise_removal(const Project& p, const std::vector<CommandGrant>& denies, Advice& advice) {
    for (const CommandGrant& g : denies) {
        if (std::find(advice.remove.begin(), advice.remove.end(), g.permission_id) ==
            advice.remove.end()) {
            advice.remove.push_back(g.permission_id);
        }
    }
    const auto denying =
        std::find_if(p.capabilities.begin(), p.capabilities.end(),
                     [&](const Capability& c) { return c.identifier == denies[0].capability; });
    if (denying != p.capabilities.end()) {
        advice.capability = denying->identifier;
        advice.file = denying->source.file;
        advice.pointer = denying->source.pointer + "/permissions";
    }
}

// Tauri's text for the refusal (resolve_access_message's branches, in its order) and the advice.
Refusal refuse(const Project& p, const AccessRequest& request, const CommandName& name,
               const std::vector<CommandGrant>& denies, const std::vector<CommandGrant>* grants) {
    Refusal r;
    r.release_message = "Command " + std::string(request.command) + " not allowed by ACL";
    const std::string pretty = detail::pretty_name(name);
    const detail::Associated associated =
        detail::associated_permissions(p.manifests, name, *p.rules);
    r.advice.window = std::string(request.window);
    r.advice.permissions = associated.ids;
    if (!denies.empty()) {
        r.kind = RefusalKind::ExplicitlyDenied;
        r.message = detail::explicitly_denied_text(pretty, request.origin, denies);
        r.grants = denies;
        advise_removal(p, denies, r.advice);
        return r;
    }
    if (grants) {
        r.kind = RefusalKind::NotAllowedHere;
        r.message = detail::not_allowed_here_text(pretty, request, *grants);
        r.grants = *grants;
    } else {
        r.kind = RefusalKind::NotAllowed;
        r.detail = associated.detail;
        r.message = detail::not_allowed_text(pretty, associated);
        r.advice.note = unknown_note(p, name, associated.detail);
    }
    if (!r.advice.permissions.empty()) choose_capability(p, request, r.advice);
    return r;
}

std::string quoted_list(const std::vector<std::string>& items, std::string_view joint) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += i + 1 == items.size() ? std::string(joint) : std::string(", ");
        out += "\"" + items[i] + "\"";
    }
    return out;
}

}  // namespace

std::vector<const Capability*> capabilities_for(const Project& project,
                                                const AccessRequest& request) {
    std::vector<const Capability*> out;
    for (const Capability& c : project.capabilities) {
        if (c.active_on(project.platform) && covers(c, request.origin) &&
            c.applies_to(request.window, request.webview)) {
            out.push_back(&c);
        }
    }
    return out;
}

std::optional<CommandName> plugin_command(std::string_view invoked) {
    if (!invoked.starts_with("plugin:")) return std::nullopt;
    invoked.remove_prefix(7);
    const std::size_t bar = invoked.find('|');
    if (bar == std::string_view::npos) return CommandName{std::string(invoked), ""};
    const std::string_view rest = invoked.substr(bar + 1);
    return CommandName{std::string(invoked.substr(0, bar)),
                       std::string(rest.substr(0, rest.find('|')))};
}

Authority::Authority(Project project)
    : project_(std::make_shared<const Project>(std::move(project))) {}

AccessDecision Authority::check(const AccessRequest& request) const {
    AccessDecision decision;
    if (!project_ || request.command == kChannelFetch) return decision;
    const Project& p = *project_;
    const AclRules& rules = *p.rules;
    const auto plugin = plugin_command(request.command);
    const bool checked =
        plugin || p.acl.has_app_acl || (rules.remote_app_commands_checked && !request.origin.local);
    if (!checked) return decision;

    const CommandName name =
        plugin ? *plugin : CommandName{std::string(kAppAclKey), std::string(request.command)};
    const std::string command = invoked_command(plugin ? name.key : kAppAclKey, name.command);
    const std::vector<CommandGrant> denies =
        filtered(find(p.acl.denied, command), [&](const CommandGrant& g) {
            return !rules.deny_per_origin || origin_matches(request.origin, g);
        });
    const auto* grants = find(p.acl.allowed, command);
    if (denies.empty()) {
        decision.grants = filtered(grants, [&](const CommandGrant& g) {
            return origin_matches(request.origin, g) &&
                   g.applies_to(request.window, request.webview);
        });
        if (!decision.grants.empty()) {
            decision.verdict = AccessDecision::Verdict::Allowed;
            return decision;
        }
    }

    decision.verdict = AccessDecision::Verdict::Refused;
    decision.refusal = refuse(p, request, name, denies, grants);
    return decision;
}

std::string Advice::text() const {
    const std::string where =
        (capability.empty() ? "" : "capability \"" + capability + "\" in ") + file;
    if (!remove.empty()) {
        return "remove " + quoted_list(remove, " and ") + " from \"permissions\" of " + where;
    }
    if (permissions.empty()) return note.empty() ? "no permission allows this command" : note;
    const std::string add = "add " + quoted_list({permissions.front()}, "");
    std::string out;
    if (capability.empty()) {
        out = "create " + file + " with a capability whose \"windows\" hold \"" + window +
              "\" and whose \"permissions\" hold \"" + permissions.front() + "\"";
    } else {
        out = add + " to \"permissions\" of " + where;
        if (add_window) out += ", and \"" + window + "\" to its \"windows\"";
    }
    if (!remote_url.empty()) out += ", and \"" + remote_url + "\" to its \"remote\" \"urls\"";
    if (list_in_config) out += ", and list it in app.security.capabilities of the Tauri config";
    return out;
}

}  // namespace eventlab::acl
