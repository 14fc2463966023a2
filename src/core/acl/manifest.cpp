#include "core/acl/manifest.h"

#include <algorithm>

#include "core/util/json_io.h"
#include "core/util/json_reader.h"

namespace eventlab::acl {

namespace {

std::string_view manifest_field_kind(std::string_view key) {
    if (key == "identifier" || key == "description") return "a string";
    if (key == "permissions") return "an array or an object";
    return "a value";
}

// The optional members of a manifest, read leniently where Tauri's serde is lenient (absent
// members default) and strictly where it is not (a wrong type fails the whole file).
class ManifestReader : public JsonReader {
  public:
    explicit ManifestReader(const std::string& source) : JsonReader(source, manifest_field_kind) {}

    std::optional<std::vector<std::string>> strings(const JsonField& f) {
        return list<std::string>(f, "an array of strings",
                                 [&](const JsonField& item) { return string_value(item); });
    }

    std::optional<std::vector<nlohmann::json>> values(const JsonObject& obj, std::string_view key) {
        const auto f = field(obj, key, false);
        if (!f || f->value.is_null()) return std::nullopt;
        if (!check(*f, f->value.is_array(), "an array")) return std::nullopt;
        return f->value.get<std::vector<nlohmann::json>>();
    }

    std::optional<PermissionSet> set(const JsonField& f) {
        if (!check(f, f.value.is_object(), "a permission set object")) return std::nullopt;
        const JsonObject obj{f.value, f.pointer, "a permission set"};
        PermissionSet set;
        auto id = string_field(obj, "identifier", true);
        auto description = string_field(obj, "description", false);
        const auto members = field(obj, "permissions", true);
        auto names = members ? strings(*members) : std::nullopt;
        if (!ok() || !id || !names) return std::nullopt;
        return PermissionSet{std::move(*id), description.value_or(""), std::move(*names)};
    }

    std::optional<Permission> permission(const JsonField& f) {
        if (!check(f, f.value.is_object(), "a permission object")) return std::nullopt;
        const JsonObject obj{f.value, f.pointer, "a permission"};
        Permission p;
        if (auto id = string_field(obj, "identifier", true)) p.identifier = std::move(*id);
        if (auto d = field(obj, "description", false); d && !d->value.is_null()) {
            if (auto text = string_value(*d)) p.description = std::move(*text);
        }
        if (auto c = field(obj, "commands", false)) commands(*c, p);
        if (auto s = field(obj, "scope", false);
            s && check(*s, s->value.is_object(), "an object")) {
            const JsonObject scope{s->value, s->pointer, "a scope"};
            p.scope.allow = values(scope, "allow");
            p.scope.deny = values(scope, "deny");
        }
        if (auto platforms = field(obj, "platforms", false);
            platforms && !platforms->value.is_null()) {
            p.platforms = platform_list(*platforms);
        }
        if (!ok()) return std::nullopt;
        return p;
    }

    std::optional<std::vector<Platform>> platform_list(const JsonField& f) {
        return list<Platform>(f, "an array of platforms", [&](const JsonField& item) {
            return one_of(item, parse_platform, "linux, macOS, windows, android, iOS");
        });
    }

  private:
    void commands(const JsonField& f, Permission& p) {
        if (!check(f, f.value.is_object(), "an object with allow and deny")) return;
        const JsonObject obj{f.value, f.pointer, "commands"};
        if (auto a = field(obj, "allow", false)) p.allow = strings(*a).value_or(p.allow);
        if (auto d = field(obj, "deny", false)) p.deny = strings(*d).value_or(p.deny);
    }
};

std::optional<Manifest> read_manifest(ManifestReader& r, const JsonField& f) {
    if (!r.check(f, f.value.is_object(), "a manifest object")) return std::nullopt;
    const JsonObject obj{f.value, f.pointer, "a manifest"};
    Manifest m;
    if (auto d = r.field(obj, "default_permission", false); d && !d->value.is_null()) {
        m.default_permission = r.set(*d);
    }
    if (auto p = r.field(obj, "permissions", false)) {
        m.permissions =
            r.map<Permission>(*p, "an object of permissions", [&](const JsonField& item) {
                 return r.permission(item);
             }).value_or(m.permissions);
    }
    if (auto s = r.field(obj, "permission_sets", false)) {
        m.permission_sets =
            r.map<PermissionSet>(*s, "an object of permission sets", [&](const JsonField& item) {
                 return r.set(item);
             }).value_or(m.permission_sets);
    }
    if (!r.ok()) return std::nullopt;
    return m;
}

}  // namespace

bool Permission::active_on(Platform platform) const {
    return !platforms ||
           std::find(platforms->begin(), platforms->end(), platform) != platforms->end();
}

Result<AclManifests> read_acl_manifests(const nlohmann::json& manifests, const std::string& source,
                                        const std::string& pointer) {
    ManifestReader r(source);
    auto read = r.map<Manifest>(JsonField{manifests, pointer}, "an object of plugin manifests",
                                [&](const JsonField& f) { return read_manifest(r, f); });
    if (!r.ok() || !read) return Failure{r.take_error()};
    return std::move(*read);
}

Result<AclManifests> load_acl_manifests(const std::string& path) {
    auto text = read_text_file(path);
    if (!text) return Failure{text.error()};
    std::string error;
    auto doc = parse_json_text(*text, path, error);
    if (!doc) return Failure{error};
    return read_acl_manifests(*doc, path);
}

std::string_view display_key(std::string_view key) {
    return key == kAppAclKey ? "app manifest" : key;
}

}  // namespace eventlab::acl
