#include "bridge/origin.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "core/acl/page_url.h"
#include "core/util/ascii_fold.h"

namespace eventlab::bridge {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);  // host names: ASCII, any locale
           });
}

// "host", "host:port", "[v6]", "[v6]:port" → the host part (brackets removed), or nullopt-ish
// empty string when the port part is not digits.
std::string_view host_part(std::string_view authority) {
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return {};
        const auto rest = authority.substr(close + 1);
        if (!rest.empty() && (rest.front() != ':' || rest.size() == 1)) return {};
        if (!std::all_of(rest.begin() + (rest.empty() ? 0 : 1), rest.end(),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            return {};
        }
        return authority.substr(1, close - 1);
    }
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) return authority;
    const auto port = authority.substr(colon + 1);
    if (port.empty() || !std::all_of(port.begin(), port.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        })) {
        return {};
    }
    return authority.substr(0, colon);
}

bool loopback_host(std::string_view host) {
    if (iequals(host, "localhost")) return true;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string(host), ec);
    return !ec && address.is_loopback();
}

}  // namespace

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed) {
    if (origin.empty()) return true;
    if (std::find(allowed.begin(), allowed.end(), origin) != allowed.end()) return true;
    if (iequals(origin, "tauri://localhost") || iequals(origin, "http://tauri.localhost")) {
        return true;
    }
    constexpr std::string_view kHttp = "http://";
    if (origin.size() <= kHttp.size() || !iequals(origin.substr(0, kHttp.size()), kHttp)) {
        return false;
    }
    const std::string_view authority = origin.substr(kHttp.size());
    if (authority.find('/') != std::string_view::npos) return false;  // an origin has no path
    const std::string_view host = host_part(authority);
    return !host.empty() && loopback_host(host);
}

bool host_allowed(std::string_view host) {
    const std::string_view name = host_part(host);
    if (name.empty()) return false;
    if (iequals(name, "localhost")) return true;
    boost::system::error_code ec;
    boost::asio::ip::make_address(std::string(name), ec);
    return !ec;  // an IP literal cannot be rebound by DNS
}

std::string page_url_for_acl(std::string_view reported, std::string_view origin,
                             std::string_view bridge_host, std::uint16_t bridge_port) {
    auto parts = acl::split_url(reported);
    const auto on_origin = [&](const acl::UrlParts& p) {
        return iequals(p.scheme + "://" + p.host + (p.port.empty() ? "" : ":" + p.port), origin);
    };
    std::string url(reported);
    if (!origin.empty() && (!parts || !on_origin(*parts))) {
        url = std::string(origin) + "/";
        parts = acl::split_url(url);
    }
    if (!parts || parts->scheme != "http") return url;
    const std::string port = parts->port.empty() ? "80" : parts->port;
    const std::string_view host =
        parts->host.starts_with('[')
            ? std::string_view(parts->host).substr(1, parts->host.size() - 2)
            : std::string_view(parts->host);
    const bool ours =
        port == std::to_string(bridge_port) && (loopback_host(host) || iequals(host, bridge_host));
    return ours ? std::string() : url;
}

bool is_loopback_address(std::string_view address) {
    return loopback_host(address);
}

}  // namespace eventlab::bridge
