// Who may talk to the bridge. A page on any web site can open a WebSocket to 127.0.0.1, and a
// DNS-rebinding site can even make its requests look same-origin: the bridge accepts only
// loopback origins (plus those the user names) and only Host headers that cannot be rebound.
#pragma once

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

// Whether an address to bind to is a loopback one (anything else deserves a warning).
bool is_loopback_address(std::string_view address);

}  // namespace eventlab::bridge
