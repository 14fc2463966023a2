#include "core/bus/mode.h"

#include "core/bus/mode_rules.h"

namespace eventlab {

std::string_view to_string(Mode mode) {
    const auto row = static_cast<std::size_t>(mode);
    return row < kModeRules.size() ? kModeRules[row].name : rules(kDefaultMode).name;
}

std::string_view to_string(Order order) {
    return order == Order::Random ? "random" : "registration";
}

namespace {

// Calls f with each space-separated word of `words`.
template <typename F>
void for_each_word(std::string_view words, F f) {
    while (!words.empty()) {
        const auto space = words.find(' ');
        f(words.substr(0, space));
        words = space == std::string_view::npos ? std::string_view() : words.substr(space + 1);
    }
}

}  // namespace

std::optional<Mode> parse_mode(std::string_view text) {
    if (text == "latest") return kModeRules.back().mode;
    for (const ModeRules& row : kModeRules) {
        bool alias = false;
        for_each_word(row.aliases, [&](std::string_view word) { alias = alias || word == text; });
        if (row.name == text || alias) return row.mode;
    }
    return std::nullopt;
}

std::string mode_choices() {
    std::string out;
    const auto add = [&out](std::string_view word) {
        out += (out.empty() ? "" : ", ") + std::string(word);
    };
    for (const ModeRules& row : kModeRules)
        add(row.name);
    for (const ModeRules& row : kModeRules)
        for_each_word(row.aliases, add);
    add("latest");
    return out;
}

std::optional<Order> parse_order(std::string_view text) {
    if (text == "registration") return Order::Registration;
    if (text == "random") return Order::Random;
    return std::nullopt;
}

}  // namespace eventlab
