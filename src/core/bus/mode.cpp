#include "core/bus/mode.h"

#include "core/bus/mode_rules.h"

namespace eventlab {

std::string_view to_string(Mode mode) {
    const auto row = static_cast<std::size_t>(mode);
    return row < kModeRules.size() ? kModeRules[row].name : "stable";
}

std::string_view to_string(Order order) {
    return order == Order::Random ? "random" : "registration";
}

std::optional<Mode> parse_mode(std::string_view text) {
    for (const ModeRules& row : kModeRules) {
        if (row.name == text) return row.mode;
    }
    return std::nullopt;
}

std::optional<Order> parse_order(std::string_view text) {
    if (text == "registration") return Order::Registration;
    if (text == "random") return Order::Random;
    return std::nullopt;
}

}  // namespace eventlab
