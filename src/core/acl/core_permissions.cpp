#include "core/acl/core_permissions.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include "core/util/json_io.h"

namespace eventlab::acl {

namespace {

// "2.12.7" after "2.9.0": numbers compared as numbers.
std::vector<int> version_numbers(std::string_view version) {
    std::vector<int> numbers;
    const char* at = version.data();
    const char* end = version.data() + version.size();
    while (at < end) {
        int n = 0;
        const auto [next, ec] = std::from_chars(at, end, n);
        numbers.push_back(ec == std::errc() ? n : 0);
        at = next == at ? at + 1 : next;
        if (at < end && *at == '.') ++at;
    }
    return numbers;
}

struct Table {
    std::vector<std::string_view> versions;
    std::map<std::string, AclManifests, std::less<>> manifests;
};

// Parsed on first use, once: the data is ours and tested, so a file that does not parse is
// left out rather than reported to a user who cannot fix it.
const Table& table() {
    static const Table t = [] {
        Table out;
        for (const auto& data : embedded_core_permissions()) {
            std::string error;
            const auto doc = parse_json_text(data.json, data.tauri_version, error);
            if (!doc || !doc->contains("manifests")) continue;
            auto manifests = read_acl_manifests(doc->at("manifests"),
                                                std::string(data.tauri_version), "/manifests");
            if (!manifests) continue;
            out.versions.push_back(data.tauri_version);
            out.manifests.emplace(std::string(data.tauri_version), std::move(*manifests));
        }
        std::sort(out.versions.begin(), out.versions.end(),
                  [](auto a, auto b) { return version_numbers(a) < version_numbers(b); });
        return out;
    }();
    return t;
}

}  // namespace

std::vector<std::string_view> core_permission_versions() {
    return table().versions;
}

const AclManifests* core_manifests(std::string_view tauri_version) {
    const auto& manifests = table().manifests;
    const auto it = manifests.find(tauri_version);
    return it == manifests.end() ? nullptr : &it->second;
}

}  // namespace eventlab::acl
