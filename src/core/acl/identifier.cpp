#include "core/acl/identifier.h"

#include <array>
#include <utility>

namespace eventlab::acl {

namespace {

constexpr std::string_view kPluginPrefix = "tauri-plugin-";
constexpr std::string_view kCorePrefix = "core:";
// Cargo's 64-character crate names less `tauri-plugin-`, a colon, and a 64-character base.
constexpr std::size_t kMaxLength = (64 - kPluginPrefix.size()) + 1 + 64;

bool alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

Failure bad(std::string_view text, std::string_view why) {
    return Failure{"invalid permission identifier \"" + std::string(text) +
                   "\": " + std::string(why)};
}

constexpr std::string_view kInvalidFormat =
    "identifiers can only include lowercase ASCII, hyphens which are not leading or trailing, "
    "and a single colon if using a prefix";

}  // namespace

Result<PermissionId> PermissionId::parse(std::string_view text) {
    if (text.starts_with(kPluginPrefix))
        return bad(text, "identifiers cannot start with tauri-plugin-");
    if (text.empty()) return bad(text, "identifiers cannot be empty");
    if (text.size() > kMaxLength) {
        return bad(text, "identifiers cannot be longer than " + std::to_string(kMaxLength) +
                             ", found " + std::to_string(text.size()));
    }
    if (!alnum(text[0])) return bad(text, kInvalidFormat);
    const bool core = text.starts_with(kCorePrefix);
    PermissionId id;
    id.text_ = std::string(text);
    char prev = text[0];
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ':') {
            if (prev == '-') return bad(text, kInvalidFormat);
            if (id.separator_ && !core) {
                return bad(text, "identifiers can only include a single separator ':'");
            }
            id.separator_ = i;  // a core identifier splits at its last colon
        } else if (!(alnum(c) || (c == '-' && prev != ':'))) {
            return bad(text, kInvalidFormat);
        }
        prev = c;
    }
    if (prev == ':') return bad(text, "identifiers cannot have a prefix without a base");
    if (prev == '-') return bad(text, "identifiers cannot have a trailing hyphen");
    return id;
}

std::string_view PermissionId::prefix() const {
    if (!separator_) return {};
    return std::string_view(text_).substr(0, *separator_);
}

std::string_view PermissionId::base() const {
    if (!separator_) return text_;
    return std::string_view(text_).substr(*separator_ + 1);
}

namespace {

constexpr std::array<std::pair<Platform, std::string_view>, 5> kPlatformNames{{
    {Platform::Linux, "linux"},
    {Platform::MacOS, "macOS"},
    {Platform::Windows, "windows"},
    {Platform::Android, "android"},
    {Platform::Ios, "iOS"},
}};

}  // namespace

std::optional<Platform> parse_platform(std::string_view text) {
    for (const auto& [platform, name] : kPlatformNames) {
        if (name == text) return platform;
    }
    return std::nullopt;
}

std::string_view to_string(Platform platform) {
    for (const auto& [p, name] : kPlatformNames) {
        if (p == platform) return name;
    }
    return "linux";
}

}  // namespace eventlab::acl
