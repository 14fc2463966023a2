// Who may talk to the bridge. A page on any web site can open a WebSocket to 127.0.0.1, and a
// DNS-rebinding site can even make its requests look same-origin: the bridge accepts only
// loopback origins (plus those the user names) and only Host headers that cannot be rebound.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eventlab::bridge {

// `http://localhost:*`, `http://127.0.0.1:*` (any 127/8 address), `http://[::1]:*`,
// `tauri://localhost`, `http://tauri.localhost`, or an exact entry of `allowed`. An empty
// origin (Node clients and other non-browser peers send none) is accepted: no page can omit it.
bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed);

// A Host header that names a loopback host or an IP literal (with or without port). A DNS name
// other than localhost is refused: that is how a rebinding attack reaches a loopback server.
bool host_allowed(std::string_view host);

// The URL a page's commands are checked as coming from (Caller::page_url), from the URL it
// reported at hello, the Origin of its WebSocket upgrade and the bridge's own address:
//   - a browser cannot fake Origin: a page whose reported URL is not on that origin is taken to
//     be at the origin itself ("https://example.com/"), so a remote page never passes as local;
//   - a page the bridge served itself (--static: its host and port are the bridge's) is one of
//     the app's own, local: "".
std::string page_url_for_acl(std::string_view reported, std::string_view origin,
                             std::string_view bridge_host, std::uint16_t bridge_port);

// Whether an address to bind to is a loopback one (anything else deserves a warning).
bool is_loopback_address(std::string_view address);

}  // namespace eventlab::bridge
