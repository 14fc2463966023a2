// The per-release rules (docs/tauri-rules.md, "Modes"): every mode has its row in kModeRules,
// its name round-trips, and the rows differ exactly where the docs' table says.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/acl/rules.h"
#include "core/bus/mode_rules.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

// A Mode missing here is a -Wswitch error: a new release must come with its row.
std::string_view expected_name(Mode mode) {
    switch (mode) {
        case Mode::Tauri20:
            return "2.0";
        case Mode::Stable:
            return "2.10";
        case Mode::Tauri211:
            return "2.11";
        case Mode::Next:
            return "2.12";
    }
    return {};
}

using Field = bool ModeRules::*;
const std::map<std::string, Field>& fields() {
    static const std::map<std::string, Field> kFields = {
        {"any_label_matching", &ModeRules::any_label_matching},
        {"rust_emit_name_err", &ModeRules::rust_emit_name_err},
        {"js_unlisten_at_once", &ModeRules::js_unlisten_at_once},
        {"destroy_purges_listeners", &ModeRules::destroy_purges_listeners},
        {"once_unlisten_first", &ModeRules::once_unlisten_first},
    };
    return kFields;
}

std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string cell;
    std::getline(in, cell, '|');  // before the first bar
    while (std::getline(in, cell, '|')) {
        const auto first = cell.find_first_not_of(' ');
        const auto last = cell.find_last_not_of(' ');
        out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    if (!out.empty() && out.back().empty()) out.pop_back();
    return out;
}

std::string unquote(const std::string& cell) {
    return cell.size() >= 2 && cell.front() == '`' && cell.back() == '`'
               ? cell.substr(1, cell.size() - 2)
               : cell;
}

// The docs' rule table: field -> (mode name -> yes/no).
std::map<std::string, std::map<std::string, bool>> documented_rules() {
    std::ifstream doc(std::string(EVENTLAB_ASSETS_DIR) + "/../docs/tauri-rules.md");
    REQUIRE(doc.good());
    std::map<std::string, std::map<std::string, bool>> out;
    std::vector<std::string> header;
    std::string line;
    while (std::getline(doc, line)) {
        if (line.rfind("| rule (`ModeRules` field)", 0) == 0) {
            header = cells(line);
            continue;
        }
        if (header.empty()) continue;
        if (line.empty() || line[0] != '|') break;  // the table ended
        const auto row = cells(line);
        if (row.size() != header.size() || row[0].rfind('`', 0) != 0) continue;  // the |---| row
        for (std::size_t i = 2; i < row.size(); ++i) {
            CHECK_MESSAGE((row[i] == "yes" || row[i] == "no"), line);
            out[unquote(row[0])][unquote(header[i])] = row[i] == "yes";
        }
    }
    return out;
}

// The `tauri` version tauri/oracle/releases/NAME/Cargo.toml pins ("=2.12.7" -> "2.12.7").
std::string oracle_pin(std::string_view release) {
    std::ifstream manifest(std::string(EVENTLAB_ASSETS_DIR) + "/../tauri/oracle/releases/" +
                           std::string(release) + "/Cargo.toml");
    REQUIRE_MESSAGE(manifest.good(), release);
    const std::string prefix = "tauri = { version = \"=";
    std::string line;
    while (std::getline(manifest, line)) {
        if (line.rfind(prefix, 0) == 0)
            return line.substr(prefix.size(), line.find('"', prefix.size()) - prefix.size());
    }
    return {};
}

}  // namespace

TEST_CASE("mode rules: every mode has its row and its name round-trips") {
    CHECK(kAllModes.size() == kModeRules.size());
    for (Mode mode : kAllModes) {
        CAPTURE(expected_name(mode));
        CHECK(rules(mode).mode == mode);
        CHECK(rules(mode).name == expected_name(mode));
        CHECK(to_string(mode) == expected_name(mode));
        CHECK(parse_mode(expected_name(mode)) == mode);
    }
    CHECK_FALSE(parse_mode("2.1").has_value());
    CHECK_FALSE(parse_mode("").has_value());
}

TEST_CASE("mode rules: the old names and latest still name a mode") {
    // Scenarios, traces and command lines written before the modes were named by release.
    CHECK(parse_mode("stable") == Mode::Stable);
    CHECK(parse_mode("next") == Mode::Next);
    // latest: the newest release the oracle is built against, the table's last row.
    CHECK(parse_mode("latest") == kModeRules.back().mode);
    CHECK(mode_choices() == "2.0, 2.10, 2.11, 2.12, stable, next, latest");
    for (const ModeRules& row : kModeRules) {
        CAPTURE(row.name);
        CHECK_FALSE(row.releases.empty());
        CHECK_FALSE(row.measured.empty());
    }
}

TEST_CASE("mode rules: the table in docs/tauri-rules.md is kModeRules") {
    const auto documented = documented_rules();
    REQUIRE(documented.size() == fields().size());  // every field documented and no other
    for (const auto& entry : fields()) {
        // Not a structured binding: clang before 16 cannot capture one in CAPTURE's lambda.
        const std::string& name = entry.first;
        const Field field = entry.second;
        CAPTURE(name);
        REQUIRE(documented.count(name) == 1);
        const auto& per_mode = documented.at(name);
        CHECK(per_mode.size() == kModeRules.size());  // a column per mode
        for (const ModeRules& row : kModeRules) {
            CAPTURE(row.name);
            REQUIRE(per_mode.count(std::string(row.name)) == 1);
            CHECK(row.*field == per_mode.at(std::string(row.name)));
        }
    }
}

TEST_CASE("mode rules: each mode checks permissions as a release EventLab has the data of") {
    // The docs' row of ModeRules::acl_tauri, in the column order of its header.
    std::ifstream doc(std::string(EVENTLAB_ASSETS_DIR) + "/../docs/tauri-rules.md");
    REQUIRE(doc.good());
    std::vector<std::string> header;
    std::vector<std::string> row;
    std::string line;
    while (std::getline(doc, line)) {
        if (line.rfind("| permissions (`ModeRules` field)", 0) == 0) header = cells(line);
        if (line.rfind("| `acl_tauri` |", 0) == 0) row = cells(line);
    }
    REQUIRE(header.size() == kModeRules.size() + 1);
    REQUIRE(row.size() == header.size());
    for (std::size_t i = 0; i < kModeRules.size(); ++i) {
        const ModeRules& mode = kModeRules[i];
        CAPTURE(mode.name);
        CHECK(unquote(header[i + 1]) == mode.name);
        CHECK(row[i + 1] == mode.acl_tauri);
        CHECK(acl::acl_rules(mode.acl_tauri) != nullptr);  // its permission data is compiled in
    }
}

TEST_CASE("mode rules: each release changes exactly the rules the docs list for it") {
    // The docs' Modes section: 2.10 adds PRs #11581, #12444, #13306 to 2.0; 2.11 the once fix
    // (PR #15475); 2.12 the destroy purge (PRs #15604, #15617).
    const auto differing = [](Mode older, Mode newer) {
        std::vector<std::string> out;
        for (const auto& [name, field] : fields()) {
            if (rules(older).*field != rules(newer).*field) out.push_back(name);
        }
        return out;
    };
    CHECK(differing(Mode::Tauri20, Mode::Stable) == std::vector<std::string>{"any_label_matching",
                                                                             "js_unlisten_at_once",
                                                                             "rust_emit_name_err"});
    CHECK(differing(Mode::Stable, Mode::Tauri211) ==
          std::vector<std::string>{"once_unlisten_first"});
    CHECK(differing(Mode::Tauri211, Mode::Next) ==
          std::vector<std::string>{"destroy_purges_listeners"});
}

TEST_CASE("mode rules: each mode is measured against the release its oracle folder pins") {
    for (const ModeRules& row : kModeRules) {
        CAPTURE(row.name);
        CHECK(oracle_pin(row.name) == row.measured);
    }
}

TEST_CASE("mode rules: the ACL rules are those of releases a mode is measured against") {
    // acl_rules(version) takes a mode's `measured`: the oldest and the newest mode have theirs,
    // and no ACL row names a release no mode reproduces.
    CHECK(eventlab::acl::acl_rules(kModeRules.front().measured) != nullptr);
    CHECK(eventlab::acl::acl_rules(kModeRules.back().measured) != nullptr);
    for (const eventlab::acl::AclRules& acl : eventlab::acl::kAclRules) {
        CAPTURE(acl.tauri);
        CHECK(std::any_of(kModeRules.begin(), kModeRules.end(),
                          [&](const ModeRules& row) { return row.measured == acl.tauri; }));
    }
}
