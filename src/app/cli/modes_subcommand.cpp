// `eventlab modes`: the table of src/core/bus/mode_rules.h as JSON, so that what is not C++ (the
// JS tests, scripts) takes each mode's rules from the one table instead of comparing mode names.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/subcommands.h"
#include "core/acl/rules.h"
#include "core/bus/mode_rules.h"

namespace eventlab::app {

namespace {

nlohmann::json words(std::string_view text) {
    nlohmann::json out = nlohmann::json::array();
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        if (end > at) out.push_back(std::string(text.substr(at, end - at)));
        at = end + 1;
    }
    return out;
}

}  // namespace

int modes_subcommand() {
    nlohmann::json modes = nlohmann::json::array();
    for (const ModeRules& row : kModeRules) {
        nlohmann::json rules = nlohmann::json::object();
        for (const RuleFlag& flag : kRuleFlags)
            rules[std::string(flag.name)] = row.*flag.field;
        // The permission system's rules, of the Tauri release the mode checks permissions as.
        if (const acl::AclRules* acl = acl::acl_rules(row.acl_tauri)) {
            rules["associated_by_manifest_key"] = acl->associated_by_manifest_key;
            rules["deny_per_origin"] = acl->deny_per_origin;
            rules["remote_app_commands_checked"] = acl->remote_app_commands_checked;
        }
        modes.push_back({{"name", std::string(row.name)},
                         {"aliases", words(row.aliases)},
                         {"latest", &row == &kModeRules.back()},
                         {"releases", std::string(row.releases)},
                         {"measured", std::string(row.measured)},
                         {"acl_tauri", std::string(row.acl_tauri)},
                         {"rules", rules}});
    }
    std::cout << modes.dump(2) << "\n";
    return 0;
}

}  // namespace eventlab::app
