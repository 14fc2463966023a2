// Behaviour modes and handler order: the two settings that change what the bus does.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace eventlab {

// Tauri changed some event rules between releases; the bus reproduces one release at a time.
enum class Mode : std::uint8_t {
    Tauri20,  // "2.0": Tauri 2.0.x
    Stable,   // "stable": 2.1 and later (PR #11581 AnyLabel matching, PR #12444 Err on bad names)
    Next,     // "next": stable plus the 2026 dev branch (purge on destroy, once re-entrancy fix)
};

// Tauri keeps handlers in hash maps, so the order within one emit is unspecified. The simulator
// offers a stable order and a seeded shuffle that exposes order-dependent code.
enum class Order : std::uint8_t { Registration, Random };

std::string_view to_string(Mode mode);
std::string_view to_string(Order order);
std::optional<Mode> parse_mode(std::string_view text);
std::optional<Order> parse_order(std::string_view text);

}  // namespace eventlab
