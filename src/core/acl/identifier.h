// The names Tauri's permission system is written in: permission identifiers
// (`core:window:allow-set-title`, `opener:default`, `allow-greet`) and the platforms a capability
// or a permission may be limited to. Parsed as tauri-utils' acl/identifier.rs and
// platform.rs accept them (2.x), with the same error words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace eventlab::acl {

// A permission identifier: PREFIX:BASE, or BASE alone for the app's own permissions.
// Core identifiers split at their last colon (`core:window` + `allow-set-title`); others may
// hold one colon only.
class PermissionId {
  public:
    // Tauri's rules: ASCII letters and digits, inner hyphens (none next to a colon), no
    // `tauri-plugin-` start, at most 116 characters. The error is Tauri's sentence.
    static Result<PermissionId> parse(std::string_view text);

    const std::string& text() const { return text_; }
    // The plugin key (`core:window`, `opener`); empty for an app permission.
    std::string_view prefix() const;
    bool has_prefix() const { return separator_.has_value(); }
    // The permission's name inside its plugin (`allow-set-title`, `default`).
    std::string_view base() const;

  private:
    std::string text_;
    std::optional<std::size_t> separator_;
};

// The targets of a capability's or a permission's `platforms`.
enum class Platform : std::uint8_t { Linux, MacOS, Windows, Android, Ios };

// Tauri's spelling: "linux", "macOS", "windows", "android", "iOS".
std::optional<Platform> parse_platform(std::string_view text);
std::string_view to_string(Platform platform);

}  // namespace eventlab::acl
