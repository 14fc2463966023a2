// Behaviour modes and handler order: the two settings that change what the bus does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eventlab {

// Tauri changed some event rules between releases; the bus reproduces one release at a time.
// The names and the releases each mode reproduces are in kModeRules (mode_rules.h).
enum class Mode : std::uint8_t {
    Tauri20,   // "2.0": Tauri 2.0.x
    Stable,    // "2.10" (formerly "stable", the default): Tauri 2.6 to 2.11.2
    Tauri211,  // "2.11": Tauri 2.11.3 to 2.11.x, a Rust once unlistened before it runs
    Next,      // "2.12" (formerly "next"): Tauri 2.12, the purge on destroy
};

// What a scenario without "tauri" and a new session get: the mode `stable` named before the
// modes were named by release (docs/formats.md keeps that promise).
inline constexpr Mode kDefaultMode = Mode::Stable;

// Tauri keeps handlers in hash maps, so the order within one emit is unspecified. The simulator
// offers a stable order and a seeded shuffle that exposes order-dependent code.
enum class Order : std::uint8_t { Registration, Random };

std::string_view to_string(Mode mode);
std::string_view to_string(Order order);
// A mode's name, one of its old names (stable, next) or `latest`, the newest release's mode.
std::optional<Mode> parse_mode(std::string_view text);
// Every text parse_mode takes, names first: "2.0, 2.11, 2.12, stable, next, latest".
std::string mode_choices();
std::optional<Order> parse_order(std::string_view text);

}  // namespace eventlab
