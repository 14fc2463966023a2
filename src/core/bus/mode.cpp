#include "core/bus/mode.h"

namespace eventlab {

std::string_view to_string(Mode mode) {
    switch (mode) {
        case Mode::Tauri20:
            return "2.0";
        case Mode::Stable:
            return "stable";
        case Mode::Next:
            return "next";
    }
    return "stable";
}

std::string_view to_string(Order order) {
    return order == Order::Random ? "random" : "registration";
}

std::optional<Mode> parse_mode(std::string_view text) {
    if (text == "2.0") return Mode::Tauri20;
    if (text == "stable") return Mode::Stable;
    if (text == "next") return Mode::Next;
    return std::nullopt;
}

std::optional<Order> parse_order(std::string_view text) {
    if (text == "registration") return Order::Registration;
    if (text == "random") return Order::Random;
    return std::nullopt;
}

}  // namespace eventlab
