// Where a page runs, as Tauri's permission check sees it: a local page (the app's own) or a
// remote URL, and whether a capability's `remote.urls` pattern covers that URL.
//
// Tauri (crates/tauri/src/webview/mod.rs, Webview::is_local_url) counts as local a page on its
// own protocol (tauri://localhost, http(s)://tauri.localhost) and a page at the app's URL, the
// devUrl in development (the same scheme, host and port; any path). Everything else, a page
// the webview navigated to, is remote and gets only what a capability for its URL grants.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/acl/authority.h"

namespace eventlab::acl {

// A URL cut as the URL standard cuts it, lower-case scheme and host; `port` empty for the
// scheme's default port.
struct UrlParts {
    std::string scheme;     // "https"
    std::string host;       // "app.example.com", "[::1]"
    std::string port;       // "8443", or empty
    bool has_port = false;  // written in the URL (even as the default port)
    std::string path;       // "/page", at least "/" for http(s)
    std::string query;      // without its '?'
};
std::optional<UrlParts> split_url(std::string_view url);

// Tauri's RemoteUrlPattern (tauri-utils acl, a URLPattern): each part of the pattern matched
// against the same part of the URL, `*` standing for any run of characters within it. What the
// pattern leaves out matches anything: the port, the query, and the path when it is empty or
// "/" ("https://*.example.com" covers every page of every subdomain).
bool remote_url_matches(std::string_view pattern, std::string_view url);

// The origin of a page that reported `url`: local when it is empty (the app's own pages that
// need no URL: a simulated webview, a page served by EventLab itself), not a web URL (a Node
// client's "node:..."), on Tauri's own protocol, at the project's devUrl or frontendDist origin,
// or on this machine (localhost, 127.0.0.1, [::1]: the app's dev server whatever its port, the
// browser tab standing for the webview that Tauri points at the devUrl); else remote, with the
// URL as the refusal texts print it. Only an origin given to `--allow-origin` can be remote.
Origin page_origin(const Project& project, std::string_view url);

}  // namespace eventlab::acl
