// Capability window/webview patterns and permission identifiers, matched and parsed as Tauri's
// glob crate and tauri-utils parse them.
#include <doctest/doctest.h>

#include "core/acl/identifier.h"
#include "core/acl/label_pattern.h"

using namespace eventlab::acl;  // NOLINT(google-build-using-namespace): test file

namespace {

bool matches(std::string_view pattern, std::string_view label) {
    auto p = LabelPattern::parse(pattern);
    REQUIRE_MESSAGE(p.ok(), p.error());
    return p->matches(label);
}

std::string pattern_error(std::string_view pattern) {
    auto p = LabelPattern::parse(pattern);
    return p.ok() ? "" : p.error();
}

}  // namespace

TEST_CASE("acl label pattern: literals match themselves only - case-sensitive") {
    CHECK(matches("main", "main"));
    CHECK_FALSE(matches("main", "Main"));
    CHECK_FALSE(matches("main", "main2"));
    CHECK_FALSE(matches("main", "mai"));
}

TEST_CASE("acl label pattern: star - question mark and sets") {
    CHECK(matches("*", "anything/at:all"));
    CHECK(matches("*", ""));
    CHECK(matches("editor-*", "editor-1"));
    CHECK(matches("editor-*", "editor-"));
    CHECK_FALSE(matches("editor-*", "editor"));
    CHECK(matches("*-panel", "left-panel"));
    CHECK(matches("a*b*c", "aXXbYYc"));
    CHECK_FALSE(matches("a*b*c", "aXXbYY"));
    CHECK(matches("win?", "win1"));
    CHECK_FALSE(matches("win?", "win"));
    CHECK_FALSE(matches("win?", "win12"));
    CHECK(matches("tab[12]", "tab2"));
    CHECK_FALSE(matches("tab[12]", "tab3"));
    CHECK(matches("tab[a-c]", "tabb"));
    CHECK_FALSE(matches("tab[a-c]", "tabd"));
    CHECK(matches("tab[!a-c]", "tabd"));
    CHECK_FALSE(matches("tab[!a-c]", "tabb"));
    CHECK(matches("[*]", "*"));  // a set escapes a metacharacter
    CHECK_FALSE(matches("[*]", "x"));
    CHECK(matches("[]]", "]"));  // a ] right after [ is a member
}

TEST_CASE("acl label pattern: a double star is a whole path component") {
    CHECK(matches("**", "main"));
    CHECK(matches("**/main", "main"));
    CHECK(matches("**/main", "a/b/main"));
    CHECK_FALSE(matches("**/main", "xmain"));
    CHECK(matches("docs/**", "docs/a/b"));
}

TEST_CASE("acl label pattern: malformed patterns fail with the glob crate's words") {
    CHECK(pattern_error("ma[in") == "Pattern syntax error near position 2: invalid range pattern");
    CHECK(pattern_error("a***") ==
          "Pattern syntax error near position 3: wildcards are either regular `*` or recursive "
          "`**`");
    CHECK(pattern_error("a**") ==
          "Pattern syntax error near position 0: recursive wildcards must form a single path "
          "component");
    CHECK(pattern_error("**a") ==
          "Pattern syntax error near position 2: recursive wildcards must form a single path "
          "component");
    CHECK(pattern_error("main").empty());
}

TEST_CASE("acl identifier: prefix and base - a core identifier splits at its last colon") {
    auto core = PermissionId::parse("core:window:allow-set-title");
    REQUIRE_MESSAGE(core.ok(), core.error());
    CHECK(core->prefix() == "core:window");
    CHECK(core->base() == "allow-set-title");
    auto plugin = PermissionId::parse("opener:default");
    REQUIRE(plugin.ok());
    CHECK(plugin->prefix() == "opener");
    CHECK(plugin->base() == "default");
    auto app = PermissionId::parse("allow-greet");
    REQUIRE(app.ok());
    CHECK_FALSE(app->has_prefix());
    CHECK(app->base() == "allow-greet");
}

TEST_CASE("acl identifier: Tauri's rules - each broken one with its sentence") {
    const auto why = [](std::string_view text) {
        auto id = PermissionId::parse(text);
        return id.ok() ? std::string() : id.error();
    };
    CHECK(why("") == R"(invalid permission identifier "": identifiers cannot be empty)");
    CHECK(why("tauri-plugin-fs:default").ends_with("identifiers cannot start with tauri-plugin-"));
    CHECK(why("fs:read:all").ends_with("identifiers can only include a single separator ':'"));
    CHECK(why("fs:").ends_with("identifiers cannot have a prefix without a base"));
    CHECK(why("fs:read-").ends_with("identifiers cannot have a trailing hyphen"));
    CHECK(why("fs-:read").ends_with("and a single colon if using a prefix"));
    CHECK(why("fs:-read").ends_with("and a single colon if using a prefix"));
    CHECK(why("-fs").ends_with("and a single colon if using a prefix"));
    CHECK(why("fs:read_all").ends_with("and a single colon if using a prefix"));
    CHECK(why(std::string(117, 'a')).ends_with("identifiers cannot be longer than 116, found 117"));
    CHECK(why("core:window:allow-set-title").empty());
}

TEST_CASE("acl identifier: platforms are spelled as Tauri spells them") {
    CHECK(parse_platform("macOS") == Platform::MacOS);
    CHECK(parse_platform("iOS") == Platform::Ios);
    CHECK(parse_platform("linux") == Platform::Linux);
    CHECK_FALSE(parse_platform("macos").has_value());
    CHECK(to_string(Platform::Windows) == "windows");
}
