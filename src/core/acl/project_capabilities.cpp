// A project's capabilities and permissions, as tauri-build gathers them: every file of
// src-tauri/capabilities/ (recursively, JSON or TOML, a `schemas` folder skipped), selected by
// the config's app.security.capabilities (tauri-utils' acl::get_capabilities), checked against
// the plugins' manifests (tauri-build's validate_capabilities), then resolved.
#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "core/acl/config_document.h"
#include "core/acl/core_permissions.h"
#include "core/acl/project_reader.h"
#include "core/util/json_io.h"

namespace eventlab::acl::detail {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> capability_files(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string ext = p.extension().string();
        if (!it->is_regular_file() || (ext != ".json" && ext != ".toml" && ext != ".json5"))
            continue;
        if (p.parent_path().filename() == "schemas") continue;
        files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    return files;
}

using CapabilityMap = std::map<std::string, Capability>;

Result<CapabilityMap> read_files(const Project& project, std::vector<std::string>& warnings) {
    CapabilityMap by_id;
    for (const fs::path& file : capability_files(fs::path(project.tauri_dir) / "capabilities")) {
        auto doc = read_config_document(file.string());
        if (!doc) return Failure{doc.error()};
        const CapabilitySource source{project.relative(file.string()), file.string(), "", false};
        auto caps = read_capabilities(*doc, source);
        for (const auto& w : caps.warnings())
            warnings.push_back(w);
        if (!caps) return Failure{caps.error()};
        for (Capability& c : *caps) {
            if (auto other = by_id.find(c.identifier); other != by_id.end()) {
                return Failure{file.string() + ": capability with identifier `" + c.identifier +
                               "` already exists (in " + other->second.source.path + ")"};
            }
            by_id.emplace(c.identifier, std::move(c));
        }
    }
    return by_id;
}

std::vector<Capability> values(CapabilityMap&& map) {
    std::vector<Capability> out;
    for (auto& [_, c] : map)
        out.push_back(std::move(c));
    return out;
}

}  // namespace

Result<std::vector<Capability>> read_project_capabilities(const Project& project,
                                                          const nlohmann::json& entries,
                                                          const std::string& entries_pointer,
                                                          std::vector<Capability>& unselected) {
    std::vector<std::string> warnings;
    auto files = read_files(project, warnings);
    if (!files) return Failure{files.error()};
    const std::string source = project.config_file;
    if (!entries.is_array()) {
        return Failure{source + ": " +
                       json_pointer_message(entries_pointer,
                                            "expected an array of capability "
                                            "identifiers or objects; got " +
                                                describe_json_value(entries))};
    }
    CapabilityMap selected;
    if (entries.empty()) std::swap(selected, *files);  // every file's, none left out
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string pointer = json_pointer_child(entries_pointer, i);
        const nlohmann::json& entry = entries[i];
        if (entry.is_string()) {
            const auto it = files->find(entry.get<std::string>());
            if (it == files->end()) {
                return Failure{source + ": " +
                               json_pointer_message(pointer, "capability with identifier " +
                                                                 entry.get<std::string>() +
                                                                 " not found")};
            }
            selected.insert_or_assign(it->first, std::move(it->second));
            files->erase(it);
            continue;
        }
        const CapabilitySource at{project.relative(source), source, pointer, true};
        auto inline_cap = read_capability(entry, at);
        for (const auto& w : inline_cap.warnings())
            warnings.push_back(w);
        if (!inline_cap) return Failure{inline_cap.error()};
        selected.insert_or_assign(inline_cap->identifier, std::move(*inline_cap));
    }
    unselected = values(std::move(*files));
    Result<std::vector<Capability>> result(values(std::move(selected)));
    result.set_warnings(std::move(warnings));
    return result;
}

namespace {

constexpr std::string_view kManifestsFile = "gen/schemas/acl-manifests.json";

std::string listed(const Manifest& m, std::string_view key) {
    const std::string prefix = key == kAppAclKey ? "" : std::string(key) + ":";
    std::string out;
    const auto add = [&](const std::string& name) {
        out += (out.empty() ? "" : ", ") + prefix + name;
    };
    if (m.default_permission) add("default");
    for (const auto& [name, _] : m.permissions)
        add(name);
    for (const auto& [name, _] : m.permission_sets)
        add(name);
    return out;
}

std::string plugin_keys(const AclManifests& manifests) {
    std::string out;
    for (const auto& [key, _] : manifests)
        out += (out.empty() ? "" : ", ") + std::string(display_key(key));
    return out;
}

// tauri-build's validate_capabilities: the permission must exist (`default` always does), in
// Tauri's words; the list of what exists is that plugin's only (Tauri lists every plugin's).
std::optional<std::string> unknown_permission(const PermissionId& id,
                                              const AclManifests& manifests) {
    const std::string key(id.has_prefix() ? id.prefix() : kAppAclKey);
    const auto it = manifests.find(key);
    const std::string head = "Permission " + id.text() + " not found";
    if (it == manifests.end()) {
        if (key == kAppAclKey) return head + ": the app defines no permissions of its own";
        return head + ": no plugin " + key + " among " + plugin_keys(manifests);
    }
    const std::string name(id.base());
    const Manifest& m = it->second;
    if (name == "default" || m.permissions.contains(name) || m.permission_sets.contains(name)) {
        return std::nullopt;
    }
    return head + ", expected one of " + listed(m, key);
}

Result<bool> validate(const std::vector<Capability>& capabilities, const AclManifests& manifests,
                      Platform platform) {
    for (const Capability& c : capabilities) {
        if (!c.active_on(platform)) continue;
        for (std::size_t i = 0; i < c.permissions.size(); ++i) {
            const std::string pointer = c.permission_pointer(i);
            auto reached = reached_permissions(c.permissions[i].id, manifests);
            if (auto why = unknown_permission(c.permissions[i].id, manifests)) {
                return Failure{c.source.path + ": " + json_pointer_message(pointer, *why)};
            }
            if (!reached)
                return Failure{c.source.path + ": " +
                               json_pointer_message(pointer, reached.error())};
        }
    }
    return true;
}

// Without acl-manifests.json a plugin's permissions cannot be known: they are left out.
void drop_unknown_plugins(std::vector<Capability>& capabilities, const AclManifests& manifests,
                          std::vector<std::string>& warnings) {
    for (Capability& c : capabilities) {
        std::vector<PermissionEntry> kept;
        for (std::size_t i = 0; i < c.permissions.size(); ++i) {
            const PermissionId& id = c.permissions[i].id;
            const std::string key(id.has_prefix() ? id.prefix() : kAppAclKey);
            if (manifests.contains(key)) {
                kept.push_back(std::move(c.permissions[i]));
                continue;
            }
            const std::string pointer = c.permission_pointer(i);
            warnings.push_back(c.source.path + ": " + pointer + ": " + id.text() +
                               " left out: without src-tauri/" + std::string(kManifestsFile) +
                               " (written when the app is built, e.g. by `tauri dev`) the "
                               "permissions of " +
                               std::string(display_key(key)) +
                               " are unknown, so its commands are refused");
        }
        c.permissions = std::move(kept);
    }
}

}  // namespace

Result<bool> read_project_permissions(Project& p, std::vector<Capability> unselected) {
    const AclManifests* core = core_manifests(p.rules->tauri);
    if (!core) return Failure{"no core permission data for Tauri " + std::string(p.rules->tauri)};
    std::vector<std::string> warnings;
    const fs::path file = fs::path(p.tauri_dir) / kManifestsFile;
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) {
        auto manifests = load_acl_manifests(file.string());
        if (!manifests) return Failure{manifests.error()};
        // The release's own core permissions stand for the ones the app was built with.
        std::erase_if(*manifests, [](const auto& kv) {
            return kv.first == "core" || kv.first.starts_with("core:");
        });
        p.manifests = std::move(*manifests);
        p.acl_manifests_file = file.string();
    }
    p.manifests.insert(core->begin(), core->end());
    if (!p.acl_manifests_file) {
        drop_unknown_plugins(p.capabilities, p.manifests, warnings);
        drop_unknown_plugins(unselected, p.manifests, warnings);
    }
    Result<bool> result(true);
    auto valid = validate(p.capabilities, p.manifests, p.platform);
    // tauri-build checks every file, listed or not
    if (valid) valid = validate(unselected, p.manifests, p.platform);
    if (!valid) result = Failure{valid.error()};
    if (result) {
        auto acl = resolve_acl(p.manifests, p.capabilities, p.platform);
        if (acl)
            p.acl = std::move(*acl);
        else
            result = Failure{acl.error()};
    }
    result.set_warnings(std::move(warnings));
    return result;
}

}  // namespace eventlab::acl::detail
