// Tauri's path plugin with Rust's path rules on Linux (core/app/path_plugin.h). The expected
// values of join, normalize and basename are those of the tests in Tauri's own
// crates/tauri/src/path/plugin.rs (2.12.7); the others follow Rust's std::path documentation.
#include <doctest/doctest.h>

#include "core/app/path_plugin.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file
namespace tp = eventlab::tauri_path;

TEST_CASE("path: join as Tauri's own tests have it") {
    CHECK(tp::join({""}) == ".");
    CHECK(tp::join({"", ""}) == ".");
    CHECK(tp::join({"a"}) == "a");
    CHECK(tp::join({"", "a"}) == "a");
    CHECK(tp::join({"a", "b"}) == "a/b");
    CHECK(tp::join({"a", "", "b"}) == "a/b");
    CHECK(tp::join({"a", "/b", "c"}) == "a/b/c");
    CHECK(tp::join({"a", "b/c", "d"}) == "a/b/c/d");
    CHECK(tp::join({"a/", "b"}) == "a/b");
    CHECK(tp::join({"/home", "user", "..", "docs"}) == "/home/docs");
}

TEST_CASE("path: normalize keeps a trailing separator and drops what `..` leaves") {
    CHECK(tp::normalize("") == ".");
    CHECK(tp::normalize(".") == ".");
    CHECK(tp::normalize("..") == "..");
    CHECK(tp::normalize("/a/./b/../c") == "/a/c");
    CHECK(tp::normalize("a//b/") == "a/b/");
    // Tauri pops past the start of a relative path, and doubles a lone root's separator.
    CHECK(tp::normalize("../a") == "a");
    CHECK(tp::normalize("/") == "//");
}

TEST_CASE("path: basename strips an extension given with or without its dot") {
    CHECK(tp::basename("/path/to/some-json-file.json", ".json") == "some-json-file");
    CHECK(tp::basename("/path/to/some-json-file.json", "json") == "some-json-file.");
    CHECK(tp::basename("/path/to/some-json-file.html.json", ".json") == "some-json-file.html");
    CHECK(tp::basename("/path/to/some-json-file.json.html", ".json") == "some-json-file.json.html");
    CHECK(tp::basename("/path/to/dir/", std::nullopt) == "dir");
    CHECK_FALSE(tp::basename("/", std::nullopt));
    CHECK_FALSE(tp::basename("a/..", std::nullopt));
}

TEST_CASE("path: dirname and extname as Path::parent and Path::extension") {
    CHECK(tp::dirname("/a/b") == "/a");
    CHECK(tp::dirname("/a") == "/");
    CHECK(tp::dirname("a") == "");
    CHECK(tp::dirname("a//b/c/") == "a//b");
    CHECK_FALSE(tp::dirname("/"));
    CHECK_FALSE(tp::dirname(""));
    CHECK(tp::extname("/x/archive.tar.gz") == "gz");
    CHECK(tp::extname("notes.") == "");
    CHECK_FALSE(tp::extname("/home/.bashrc"));
    CHECK_FALSE(tp::extname("/x/README"));
    CHECK(tp::is_absolute("/etc"));
    CHECK_FALSE(tp::is_absolute("etc"));
}

TEST_CASE("path: base directories live in the app's sandbox named by its identifier") {
    AppInfo app;
    app.identifier = "com.example.notes";
    app.sandbox_root = "/sandboxes";
    CHECK(tp::sandbox(app) == "/sandboxes/com.example.notes");
    using D = tp::BaseDirectory;
    const std::string home = "/sandboxes/com.example.notes/home";
    CHECK(tp::base_directory(app, D::Home) == home);
    CHECK(tp::base_directory(app, D::AppData) == home + "/.local/share/com.example.notes");
    CHECK(tp::base_directory(app, D::AppConfig) == home + "/.config/com.example.notes");
    CHECK(tp::base_directory(app, D::AppCache) == home + "/.cache/com.example.notes");
    CHECK(tp::base_directory(app, D::AppLog) == home + "/.local/share/com.example.notes/logs");
    CHECK(tp::base_directory(app, D::Document) == home + "/Documents");
    // resolve_directory pushes the path as PathBuf::push does: an absolute one replaces it.
    CHECK(tp::resolve_directory(app, D::AppData, "db/x.sqlite") ==
          home + "/.local/share/com.example.notes/db/x.sqlite");
    CHECK(tp::resolve_directory(app, D::AppData, "/etc/hosts") == "/etc/hosts");
    CHECK(tp::resolve_directory(app, D::Resource, "../icons/a.png") ==
          "/sandboxes/com.example.notes/resources/_up_/icons/a.png");
    CHECK(tp::resolve(tp::current_dir(app), {"a", "../b", "c"}) == home + "/b/c");
    CHECK(tp::resolve(tp::current_dir(app), {"/tmp", "x"}) == "/tmp/x");
}
