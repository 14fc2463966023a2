// Where a page runs for the permission check: the `remote.urls` patterns as Tauri's
// RemoteUrlPattern (tauri-utils acl, a URLPattern) matches them, and which pages count as the
// app's own (Webview::is_local_url).
#include <doctest/doctest.h>

#include "acl_fixture.h"
#include "core/acl/page_url.h"

using namespace eventlab::acl;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::acl::test;  // NOLINT(google-build-using-namespace): test file

TEST_CASE("acl page url: a bare host pattern covers every page of that host - any port and query") {
    // tauri-utils' own cases (acl/mod.rs, url_pattern_domain_wildcard).
    CHECK(remote_url_matches("http://*", "http://tauri.app/path"));
    CHECK(remote_url_matches("http://*", "http://tauri.app/path?q=1"));
    CHECK(remote_url_matches("http://*", "http://localhost/path"));
    CHECK_FALSE(remote_url_matches("http://*.tauri.app", "http://tauri.app/path"));
    CHECK(remote_url_matches("http://*.tauri.app", "http://api.tauri.app/path?q=1"));
    CHECK_FALSE(remote_url_matches("http://*.tauri.app", "http://localhost/path"));

    CHECK(remote_url_matches("https://example.com", "https://example.com/"));
    CHECK(remote_url_matches("https://example.com/", "https://example.com:8443/a/b#top"));
    CHECK(remote_url_matches("https://EXAMPLE.com", "https://example.com/x"));
    CHECK_FALSE(remote_url_matches("https://example.com", "http://example.com/"));
    CHECK_FALSE(remote_url_matches("https://example.com", "https://example.com.evil.test/"));
}

TEST_CASE("acl page url: a wildcard stays within its part of the URL") {
    // `*` in the host never reaches into the path: the page is on evil.test.
    CHECK_FALSE(remote_url_matches("https://*.example.com", "https://evil.test/x.example.com"));
    CHECK_FALSE(remote_url_matches("https://*.example.com", "https://evil.test/?a.example.com"));
    CHECK(remote_url_matches("https://*.example.com", "https://a.b.example.com/"));
}

TEST_CASE("acl page url: a port or path or query in the pattern must match") {
    CHECK(remote_url_matches("http://localhost:8080", "http://localhost:8080/app"));
    CHECK_FALSE(remote_url_matches("http://localhost:8080", "http://localhost:9090/app"));
    CHECK(remote_url_matches("http://localhost:*", "http://localhost:9090/"));
    // The default port written out is the default port.
    CHECK(remote_url_matches("https://example.com:443", "https://example.com/"));
    CHECK_FALSE(remote_url_matches("https://example.com:443", "https://example.com:8443/"));

    CHECK(remote_url_matches("https://example.com/app/*", "https://example.com/app/page"));
    CHECK_FALSE(remote_url_matches("https://example.com/app/*", "https://example.com/other"));
    CHECK(remote_url_matches("https://example.com/app", "https://example.com/app?x=1"));
    CHECK_FALSE(remote_url_matches("https://example.com/app", "https://example.com/app/sub"));

    CHECK(remote_url_matches("https://example.com/app?mode=*", "https://example.com/app?mode=a"));
    CHECK_FALSE(remote_url_matches("https://example.com/app?mode=*", "https://example.com/app"));
    CHECK_FALSE(remote_url_matches("not a url", "https://example.com/"));
}

TEST_CASE("acl page url: the app's own pages are local - every other web page remote") {
    TempProject t;
    t.file("tauri.conf.json", R"({"identifier": "com.example.test",
        "build": {"devUrl": "http://192.168.1.20:1420", "frontendDist": "../dist"}})");
    const Project p = t.loaded();
    const auto local = [&](std::string_view url) { return page_origin(p, url).local; };
    CHECK(local(""));                                   // a simulated webview
    CHECK(local("node:/work/tests/app.test.mjs"));      // a Node client
    CHECK(local("tauri://localhost/index.html"));       // Tauri's own protocol
    CHECK(local("http://tauri.localhost/"));            // ... as Windows and Android spell it
    CHECK(local("https://tauri.localhost/settings"));   //
    CHECK(local("http://192.168.1.20:1420/settings"));  // the devUrl's origin, any path
    CHECK(local("http://localhost:5173/"));             // a dev server on this machine
    CHECK(local("http://127.0.0.1:1420/?eventlab-label=settings"));
    CHECK(local("http://[::1]:8080/"));

    CHECK_FALSE(local("http://192.168.1.20:1421/"));  // not the devUrl's port
    CHECK_FALSE(local("https://192.168.1.20:1420/"));
    const Origin remote = page_origin(p, "https://example.com/app?x=1");
    CHECK_FALSE(remote.local);
    CHECK(remote.url == "https://example.com/app?x=1");
}

TEST_CASE(
    "acl page url: a remote page is refused with the URL in Tauri's text and told what to add") {
    TempProject t;
    t.config_with_app(R"({"windows": [{"label": "main"}]})");
    t.file("capabilities/default.json",
           R"({"identifier": "default", "windows": ["main"], "permissions": ["core:default"]})");
    const Authority a(t.loaded());
    const auto remote = [&](std::string_view command) {
        return a.check(
            {command, "main", "main", page_origin(*a.project(), "https://example.com/app")});
    };
    CHECK(check(a, "plugin:window|title").verdict == AccessDecision::Verdict::Allowed);
    const AccessDecision d = remote("plugin:window|title");
    REQUIRE(d.refusal);
    CHECK(d.refusal->message ==
          "window.title not allowed on window \"main\", webview \"main\", URL: "
          "https://example.com/app\n\n"
          "allowed on: [windows: \"main\", URL: local]\n\n"
          "referenced by: capability: default, permission: allow-title");
    CHECK(
        d.refusal->advice.text() ==
        R"(add "core:window:allow-title" to "permissions" of capability "default" in )"
        R"(src-tauri/capabilities/default.json, and "https://example.com" to its "remote" "urls")");
}
