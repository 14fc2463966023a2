#include "core/acl/capability.h"

#include <algorithm>

#include "core/acl/label_pattern.h"
#include "core/util/json_io.h"
#include "core/util/json_reader.h"

namespace eventlab::acl {

namespace {

std::string_view capability_field_kind(std::string_view key) {
    if (key == "identifier") return "a string";
    if (key == "permissions") return "an array of permission identifiers or objects";
    if (key == "urls") return "an array of URL patterns";
    return "a value";
}

constexpr std::string_view kPlatformChoices = "linux, macOS, windows, android, iOS";

class CapabilityReader : public JsonReader {
  public:
    explicit CapabilityReader(const std::string& source)
        : JsonReader(source, capability_field_kind) {}

    std::optional<Capability> capability(const JsonField& f, const CapabilitySource& source) {
        if (!check(f, f.value.is_object(), "a capability object")) return std::nullopt;
        const JsonObject obj{f.value, f.pointer, "a capability"};
        warn_unknown(f.value, f.pointer,
                     {"$schema", "identifier", "description", "remote", "local", "windows",
                      "webviews", "permissions", "platforms"});
        Capability c;
        c.source = source;
        c.source.pointer = f.pointer;
        if (auto id = string_field(obj, "identifier", true)) c.identifier = std::move(*id);
        if (auto d = string_field(obj, "description", false)) c.description = std::move(*d);
        if (auto local = field(obj, "local", false)) c.local = bool_value(*local).value_or(true);
        if (auto remote = field(obj, "remote", false)) read_remote(*remote, c);
        if (auto w = field(obj, "windows", false)) c.windows = patterns(*w);
        if (auto w = field(obj, "webviews", false)) c.webviews = patterns(*w);
        if (auto p = field(obj, "permissions", true)) {
            c.permissions = list<PermissionEntry>(*p, capability_field_kind("permissions"),
                                                  [&](const JsonField& e) { return entry(e); })
                                .value_or(c.permissions);
        }
        if (auto p = field(obj, "platforms", false); p && !p->value.is_null()) {
            c.platforms = list<Platform>(*p, "an array of platforms", [&](const JsonField& item) {
                return one_of(item, parse_platform, kPlatformChoices);
            });
        }
        if (!ok()) return std::nullopt;
        return c;
    }

  private:
    void read_remote(const JsonField& f, Capability& c) {
        if (f.value.is_null()) return;
        if (!check(f, f.value.is_object(), "an object with urls")) return;
        const JsonObject obj{f.value, f.pointer, "remote"};
        if (auto urls = field(obj, "urls", true)) c.remote_urls = strings(*urls);
    }

    std::vector<std::string> strings(const JsonField& f) {
        return list<std::string>(f, "an array of strings",
                                 [&](const JsonField& item) { return string_value(item); })
            .value_or(std::vector<std::string>{});
    }

    // Tauri fails the build on a pattern the glob crate rejects; so does loading here.
    std::vector<std::string> patterns(const JsonField& f) {
        auto texts = list<std::string>(f, "an array of glob patterns", [&](const JsonField& item) {
            auto text = string_value(item);
            if (!text) return text;
            auto pattern = LabelPattern::parse(*text);
            if (!pattern) {
                fail(item.pointer, pattern.error());
                return std::optional<std::string>{};
            }
            return text;
        });
        return texts.value_or(std::vector<std::string>{});
    }

    std::optional<PermissionEntry> entry(const JsonField& f) {
        PermissionEntry e;
        const nlohmann::json* id_value = &f.value;
        std::string id_pointer = f.pointer;
        if (f.value.is_object()) {
            const JsonObject obj{f.value, f.pointer, "a permission entry"};
            const auto id = field(obj, "identifier", true);
            if (!id) return std::nullopt;
            id_value = &id->value;
            id_pointer = id->pointer;
            e.extended = true;
            e.scope.allow = values(obj, "allow");
            e.scope.deny = values(obj, "deny");
        }
        const auto text = string_value(JsonField{*id_value, id_pointer});
        if (!text) return std::nullopt;
        auto id = PermissionId::parse(*text);
        if (!id) {
            fail(id_pointer, id.error());
            return std::nullopt;
        }
        e.id = std::move(*id);
        if (!ok()) return std::nullopt;
        return e;
    }

    std::optional<std::vector<nlohmann::json>> values(const JsonObject& obj, std::string_view key) {
        const auto f = field(obj, key, false);
        if (!f || f->value.is_null()) return std::nullopt;
        if (!check(*f, f->value.is_array(), "an array of scope values")) return std::nullopt;
        return f->value.get<std::vector<nlohmann::json>>();
    }
};

bool any_matches(const std::vector<std::string>& patterns, std::string_view label) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& text) {
        const auto pattern = LabelPattern::parse(text);
        return pattern && pattern->matches(label);
    });
}

}  // namespace

bool Capability::active_on(Platform platform) const {
    return !platforms ||
           std::find(platforms->begin(), platforms->end(), platform) != platforms->end();
}

bool Capability::applies_to(std::string_view window, std::string_view webview) const {
    return any_matches(webviews, webview) || any_matches(windows, window);
}

std::string Capability::permission_pointer(std::size_t index) const {
    return json_pointer_child(json_pointer_child(source.pointer, "permissions"), index);
}

Result<std::vector<Capability>> read_capabilities(const nlohmann::json& doc,
                                                  const CapabilitySource& file) {
    CapabilityReader r(file.path);
    std::optional<std::vector<Capability>> out;
    const auto item = [&](const JsonField& f) { return r.capability(f, file); };
    if (doc.is_array()) {
        out = r.list<Capability>(JsonField{doc, ""}, "an array of capabilities", item);
    } else if (doc.is_object() && doc.contains("capabilities")) {
        out = r.list<Capability>(JsonField{doc.at("capabilities"), "/capabilities"},
                                 "an array of capabilities", item);
    } else if (auto one = item(JsonField{doc, ""})) {
        out = std::vector<Capability>{std::move(*one)};
    }
    Result<std::vector<Capability>> result =
        r.ok() && out ? Result<std::vector<Capability>>(std::move(*out))
                      : Result<std::vector<Capability>>(Failure{r.take_error()});
    result.set_warnings(r.take_warnings());
    return result;
}

Result<Capability> read_capability(const nlohmann::json& value, const CapabilitySource& at) {
    CapabilityReader r(at.path);
    auto c = r.capability(JsonField{value, at.pointer}, at);
    Result<Capability> result = r.ok() && c ? Result<Capability>(std::move(*c))
                                            : Result<Capability>(Failure{r.take_error()});
    result.set_warnings(r.take_warnings());
    return result;
}

}  // namespace eventlab::acl
