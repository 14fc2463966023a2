// What differs between the Tauri releases EventLab models, as one table: one field per rule that
// changed, one row per mode. The bus reads rules(mode).field instead of comparing modes, so
// modelling another Tauri release is one row here plus its Mode value; docs/tauri-rules.md
// ("Modes") shows the same table and a test holds the two equal.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "core/bus/mode.h"

namespace eventlab {

struct ModeRules {
    Mode mode;
    std::string_view name;  // as --tauri, a scenario's "tauri" and a trace's header spell it
    // PR #11581 (Tauri 2.1.0): emit_to a label reaches AnyLabel listeners of that label, and an
    // AnyLabel emit_to reaches them; 2.0 never matches an AnyLabel listener from emit_to.
    bool any_label_matching;
    // PR #12444: a bad event name in a Rust emit* returns Err (listen still unwraps and panics);
    // before it, every Rust call with a bad name panics on the assert.
    bool rust_emit_name_err;
    // PR #13306 (@tauri-apps/api 2.6): a JS unlisten (and a JS once) drops the page's callback
    // at once; before it, the page forgets it only when a later eval arrives.
    bool js_unlisten_at_once;
    // PRs #15604, #15617: destroying a window purges its webview's JS listeners and the Rust
    // handlers aimed at it, before `tauri://destroyed` goes out.
    bool destroy_purges_listeners;
    // PR #15475: a Rust `once` handler is unlistened before it runs, so a re-entrant emit of the
    // same event no longer finds it (and no longer panics on the second call).
    bool once_unlisten_first;
};

// Rows in the order of Mode's values (rules() indexes by it).
inline constexpr auto kModeRules = std::to_array<ModeRules>({
    {.mode = Mode::Tauri20,
     .name = "2.0",
     .any_label_matching = false,
     .rust_emit_name_err = false,
     .js_unlisten_at_once = false,
     .destroy_purges_listeners = false,
     .once_unlisten_first = false},
    {.mode = Mode::Stable,
     .name = "stable",
     .any_label_matching = true,
     .rust_emit_name_err = true,
     .js_unlisten_at_once = true,
     .destroy_purges_listeners = false,
     .once_unlisten_first = false},
    {.mode = Mode::Next,
     .name = "next",
     .any_label_matching = true,
     .rust_emit_name_err = true,
     .js_unlisten_at_once = true,
     .destroy_purges_listeners = true,
     .once_unlisten_first = true},
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

// Every mode, in the table's order: for menus and for tests that run each mode.
inline constexpr std::array<Mode, kModeRules.size()> kAllModes = [] {
    std::array<Mode, kModeRules.size()> modes{};
    for (std::size_t i = 0; i < kModeRules.size(); ++i)
        modes[i] = kModeRules[i].mode;
    return modes;
}();

}  // namespace eventlab
