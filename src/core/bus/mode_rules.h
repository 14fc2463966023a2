// What differs between the Tauri releases EventLab models, as one table: one field per rule that
// changed, one row per mode. The bus reads rules(mode).field instead of comparing modes, so
// modelling another Tauri release is one row here plus its Mode value; docs/tauri-rules.md
// ("Modes") shows the same table and a test holds the two equal. Each row names the releases it
// reproduces; the oracle (tauri/oracle, scripts/dev oracle) runs every shipped scenario against
// the release in `measured` and compares, so those claims are measured, not read.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "core/bus/mode.h"

namespace eventlab {

struct ModeRules {
    Mode mode;
    std::string_view name;      // as --tauri, a scenario's "tauri" and a trace's header spell it
    std::string_view aliases;   // older names --tauri and "tauri" still take, space-separated
    std::string_view releases;  // the Tauri releases it reproduces, for --help and the docs
    std::string_view measured;  // the release the oracle is built against to prove it
    // PR #11581 (Tauri 2.1.0): emit_to a label reaches AnyLabel listeners of that label, and an
    // AnyLabel emit_to reaches them; 2.0 never matches an AnyLabel listener from emit_to.
    bool any_label_matching;
    // PR #12444: a bad event name in a Rust emit* returns Err (listen still unwraps and panics);
    // before it, every Rust call with a bad name panics on the assert.
    bool rust_emit_name_err;
    // PR #13306 (@tauri-apps/api 2.6): a JS unlisten (and a JS once) drops the page's callback
    // at once; before it, the page forgets it only when a later eval arrives.
    bool js_unlisten_at_once;
    // PRs #15604, #15617 (Tauri 2.12.0): destroying a window purges its webview's JS listeners
    // (and Rust Webview{L} handlers) before `tauri://destroyed` goes out, and the Rust
    // Window{L} and WebviewWindow{L} handlers once it has reached them.
    bool destroy_purges_listeners;
    // PR #15475 (Tauri 2.11.3): a Rust `once` handler is unlistened before it runs, so its own
    // re-entrant emit no longer finds it (and no longer panics).
    bool once_unlisten_first;
    // The `tauri` crate release whose permission system a project is checked by: its core
    // permissions (src/core/acl/data/tauri-VERSION.json) and its refusal rules (acl::kAclRules).
    // EventLab has that data for 2.0.6 and 2.12.7; a release between them is checked as 2.12.7,
    // which only adds commands and default permissions to 2.0.6 (docs/permissions.md).
    std::string_view acl_tauri;
};

// Rows in the order of Mode's values (rules() indexes by it), oldest release first: the last row
// is the newest release, what `--tauri latest` names.
inline constexpr auto kModeRules = std::to_array<ModeRules>({
    {.mode = Mode::Tauri20,
     .name = "2.0",
     .aliases = "",
     .releases = "Tauri 2.0.x",
     .measured = "2.0.6",
     .any_label_matching = false,
     .rust_emit_name_err = false,
     .js_unlisten_at_once = false,
     .destroy_purges_listeners = false,
     .once_unlisten_first = false,
     .acl_tauri = "2.0.6"},
    {.mode = Mode::Stable,
     .name = "2.10",
     .aliases = "stable",
     .releases = "Tauri 2.6 to 2.11.2",
     .measured = "2.10.3",
     .any_label_matching = true,
     .rust_emit_name_err = true,
     .js_unlisten_at_once = true,
     .destroy_purges_listeners = false,
     .once_unlisten_first = false,
     .acl_tauri = "2.12.7"},
    {.mode = Mode::Tauri211,
     .name = "2.11",
     .aliases = "",
     .releases = "Tauri 2.11.3 to 2.11.x",
     .measured = "2.11.6",
     .any_label_matching = true,
     .rust_emit_name_err = true,
     .js_unlisten_at_once = true,
     .destroy_purges_listeners = false,
     .once_unlisten_first = true,
     .acl_tauri = "2.12.7"},
    {.mode = Mode::Next,
     .name = "2.12",
     .aliases = "next",
     .releases = "Tauri 2.12.x",
     .measured = "2.12.7",
     .any_label_matching = true,
     .rust_emit_name_err = true,
     .js_unlisten_at_once = true,
     .destroy_purges_listeners = true,
     .once_unlisten_first = true,
     .acl_tauri = "2.12.7"},
});

constexpr bool rows_in_mode_order() {
    for (std::size_t i = 0; i < kModeRules.size(); ++i) {
        if (static_cast<std::size_t>(kModeRules[i].mode) != i) return false;
    }
    return true;
}
static_assert(rows_in_mode_order(), "kModeRules: one row per Mode, in the enum's order");

constexpr const ModeRules& rules(Mode mode) {
    return kModeRules[static_cast<std::size_t>(mode)];
}

// The yes/no rules by their field names, for what reads or sets them by name: `eventlab modes`
// (which JS tests derive their expectations from) and `--tap-rule FIELD=true|false`.
struct RuleFlag {
    std::string_view name;
    bool ModeRules::*field;
};
inline constexpr auto kRuleFlags = std::to_array<RuleFlag>({
    {"any_label_matching", &ModeRules::any_label_matching},
    {"rust_emit_name_err", &ModeRules::rust_emit_name_err},
    {"js_unlisten_at_once", &ModeRules::js_unlisten_at_once},
    {"destroy_purges_listeners", &ModeRules::destroy_purges_listeners},
    {"once_unlisten_first", &ModeRules::once_unlisten_first},
});

// Every mode, in the table's order: for menus and for tests that run each mode.
inline constexpr std::array<Mode, kModeRules.size()> kAllModes = [] {
    std::array<Mode, kModeRules.size()> modes{};
    for (std::size_t i = 0; i < kModeRules.size(); ++i)
        modes[i] = kModeRules[i].mode;
    return modes;
}();

}  // namespace eventlab
