// Who may connect: loopback origins and Host headers only (DNS rebinding), plus named origins.
#include <doctest/doctest.h>

#include "bridge/origin.h"

using eventlab::bridge::host_allowed;
using eventlab::bridge::origin_allowed;

TEST_CASE("bridge origin: loopback origins and Tauri's own are accepted") {
    for (const char* origin :
         {"http://localhost:5173", "http://127.0.0.1:1430", "http://127.0.0.2:80",
          "http://[::1]:8080", "http://localhost", "tauri://localhost", "http://tauri.localhost",
          "HTTP://LOCALHOST:3000"}) {
        INFO(origin);
        CHECK(origin_allowed(origin, {}));
    }
    CHECK(origin_allowed("", {}));  // Node and other non-browser clients send no Origin
}

TEST_CASE("bridge origin: other sites are refused unless named with --allow-origin") {
    for (const char* origin :
         {"http://evil.example", "https://localhost:5173", "http://localhost.evil.example:80",
          "http://127.0.0.1.evil.example", "http://192.168.1.5:1430", "null", "file://",
          "http://localhost:5173/path", "http://localhost:abc", "http://[::1"}) {
        INFO(origin);
        CHECK_FALSE(origin_allowed(origin, {}));
    }
    CHECK(origin_allowed("https://app.example", {"https://app.example"}));
    CHECK_FALSE(origin_allowed("https://app.example:444", {"https://app.example"}));
}

TEST_CASE("bridge host: loopback names and IP literals pass but DNS names do not") {
    for (const char* host : {"127.0.0.1:1430", "localhost:1430", "LOCALHOST", "[::1]:1430",
                             "10.0.0.7:1430", "127.0.0.1"}) {
        INFO(host);
        CHECK(host_allowed(host));
    }
    for (const char* host :
         {"evil.example:1430", "rebind.attacker.test", "", "localhost:", "[::1", "127.0.0.1:x"}) {
        INFO(host);
        CHECK_FALSE(host_allowed(host));
    }
}

TEST_CASE("bridge origin: the URL a page's commands are checked as coming from") {
    using eventlab::bridge::page_url_for_acl;
    // A Node page sends no Origin: its own word.
    CHECK(page_url_for_acl("node:/t/app.test.mjs", "", "127.0.0.1", 1430) ==
          "node:/t/app.test.mjs");
    CHECK(page_url_for_acl("https://example.com/app/", "", "127.0.0.1", 1430) ==
          "https://example.com/app/");
    // A browser page on the origin it says.
    CHECK(page_url_for_acl("https://example.com/app/?x=1", "https://example.com", "127.0.0.1",
                           1430) == "https://example.com/app/?x=1");
    CHECK(page_url_for_acl("http://localhost:1420/", "http://localhost:1420", "127.0.0.1", 1430) ==
          "http://localhost:1420/");
    // A page saying it is elsewhere than its browser's Origin is at that origin.
    CHECK(page_url_for_acl("http://localhost:1420/", "https://example.com", "127.0.0.1", 1430) ==
          "https://example.com/");
    // The files the bridge serves itself: the app's own.
    CHECK(page_url_for_acl("http://127.0.0.1:1430/index.html", "http://127.0.0.1:1430", "127.0.0.1",
                           1430)
              .empty());
    CHECK(page_url_for_acl("http://localhost:1430/", "http://localhost:1430", "127.0.0.1", 1430)
              .empty());
    CHECK(
        page_url_for_acl("http://192.168.1.5:1430/", "http://192.168.1.5:1430", "192.168.1.5", 1430)
            .empty());
    CHECK(page_url_for_acl("http://192.168.1.5:1431/", "http://192.168.1.5:1431", "192.168.1.5",
                           1430) == "http://192.168.1.5:1431/");
}
