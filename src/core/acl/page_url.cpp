#include "core/acl/page_url.h"

#include "core/util/ascii_fold.h"

namespace eventlab::acl {

namespace {

std::string_view default_port(std::string_view scheme) {
    if (scheme == "http" || scheme == "ws") return "80";
    if (scheme == "https" || scheme == "wss") return "443";
    return {};
}

bool is_web(std::string_view scheme) {
    return scheme == "http" || scheme == "https";
}

// `*` is any run of characters; everything else literal (URLPattern's wildcard, per part).
bool wildcard_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

// The URL's authority: host and port, "[v6]" kept in brackets.
void split_authority(std::string_view authority, UrlParts& parts) {
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);  // user info is no part of the origin
    }
    const std::size_t close = authority.starts_with('[') ? authority.find(']') : 0;
    const std::size_t colon =
        authority.find(':', close == std::string_view::npos ? authority.size() : close);
    parts.host = ascii_lower(authority.substr(0, colon));
    parts.has_port = colon != std::string_view::npos;
    if (parts.has_port) parts.port = std::string(authority.substr(colon + 1));
    if (parts.port == default_port(parts.scheme)) parts.port.clear();
}

bool loopback_name(std::string_view host) {
    return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

// The same scheme, host and port (Tauri: Url::make_relative from the app URL succeeds).
bool same_origin(const UrlParts& a, const UrlParts& b) {
    return a.scheme == b.scheme && a.host == b.host && a.port == b.port;
}

bool on_app_url(const std::optional<std::string>& app_url, const UrlParts& page) {
    if (!app_url) return false;
    const auto parts = split_url(*app_url);
    return parts && is_web(parts->scheme) && same_origin(*parts, page);
}

}  // namespace

std::optional<UrlParts> split_url(std::string_view url) {
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    UrlParts parts;
    parts.scheme = ascii_lower(url.substr(0, colon));
    url.remove_prefix(colon + 1);
    if (const auto hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
    if (const auto q = url.find('?'); q != std::string_view::npos) {
        parts.query = std::string(url.substr(q + 1));
        url = url.substr(0, q);
    }
    if (url.starts_with("//")) {
        url.remove_prefix(2);
        const std::size_t slash = url.find('/');
        split_authority(url.substr(0, slash), parts);
        url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
    }
    parts.path = url.empty() && is_web(parts.scheme) ? "/" : std::string(url);
    return parts;
}

bool remote_url_matches(std::string_view pattern, std::string_view url) {
    const auto p = split_url(pattern);
    const auto u = split_url(url);
    if (!p || !u) return false;
    // An absent port, a path left empty or "/" and an absent or empty query match any.
    const bool any_path = p->path.empty() || p->path == "/";
    const bool any_query = p->query.empty();
    return wildcard_match(p->scheme, u->scheme) && wildcard_match(p->host, u->host) &&
           (!p->has_port || wildcard_match(p->port, u->port)) &&
           (any_path || wildcard_match(p->path, u->path)) &&
           (any_query || wildcard_match(p->query, u->query));
}

Origin page_origin(const Project& project, std::string_view url) {
    const auto parts = split_url(url);
    if (!parts || !is_web(parts->scheme)) return Origin{};
    if (parts->host == "tauri.localhost" || loopback_name(parts->host)) return Origin{};
    if (on_app_url(project.dev_url, *parts) || on_app_url(project.frontend_dist, *parts)) {
        return Origin{};
    }
    return Origin::remote(std::string(url));
}

}  // namespace eventlab::acl
