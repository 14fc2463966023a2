#include "core/app/plugin_args.h"

#include <limits>

#include "core/app/commands.h"

namespace eventlab {

PhysicalSize SizeArg::physical(double scale_factor) const {
    return to_physical_size(width, height, logical ? scale_factor : 1.0);
}

PhysicalPosition PositionArg::physical(double scale_factor) const {
    return to_physical_position(x, y, logical ? scale_factor : 1.0);
}

const nlohmann::json* PluginArgs::find(std::string_view key) {
    if (failed()) return nullptr;
    const auto it = args_.is_object() ? args_.find(key) : args_.end();
    if (it == args_.end()) {
        fail(key, "command " + std::string(command_) + " missing required key " + std::string(key));
        return nullptr;
    }
    return &*it;
}

const nlohmann::json* PluginArgs::present(std::string_view key) {
    if (failed()) return nullptr;
    const auto it = args_.is_object() ? args_.find(key) : args_.end();
    if (it == args_.end() || it->is_null()) return nullptr;
    return &*it;
}

std::nullopt_t PluginArgs::wrong_type(std::string_view key, const nlohmann::json& value,
                                      std::string_view expected) {
    fail(key, "invalid type: " + serde_unexpected(value) + ", expected " + std::string(expected));
    return std::nullopt;
}

void PluginArgs::fail(std::string_view key, const std::string& why) {
    if (error_.empty()) error_ = invalid_args(command_, key, why);
}

std::optional<std::string> PluginArgs::string(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) return wrong_type(key, *value, "a string");
    return value->get<std::string>();
}

std::optional<std::string> PluginArgs::optional_string(std::string_view key) {
    const nlohmann::json* value = present(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) return wrong_type(key, *value, "a string");
    return value->get<std::string>();
}

namespace {

// serde_json's integer checks: an integer outside the type's range is an invalid value, anything
// else an invalid type.
template <typename Int>
bool in_range(const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        return value.get<std::uint64_t>() <=
               static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
    }
    const auto v = value.get<std::int64_t>();
    return v >= static_cast<std::int64_t>(std::numeric_limits<Int>::min()) &&
           v <= static_cast<std::int64_t>(std::numeric_limits<Int>::max());
}

}  // namespace

template <typename Int>
std::optional<Int> PluginArgs::integer(std::string_view key, std::string_view type) {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer()) return wrong_type(key, *value, type);
    if (!in_range<Int>(*value)) {
        fail(key, "invalid value: " + serde_unexpected(*value) + ", expected " + std::string(type));
        return std::nullopt;
    }
    return value->get<Int>();
}

std::optional<std::uint32_t> PluginArgs::u32(std::string_view key) {
    return integer<std::uint32_t>(key, "u32");
}

std::optional<std::uint16_t> PluginArgs::u16(std::string_view key) {
    return integer<std::uint16_t>(key, "u16");
}

std::optional<std::int32_t> PluginArgs::i32(std::string_view key) {
    return integer<std::int32_t>(key, "i32");
}

std::optional<double> PluginArgs::f64(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number()) return wrong_type(key, *value, "f64");
    return value->get<double>();
}

std::optional<bool> PluginArgs::boolean(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) return wrong_type(key, *value, "a boolean");
    return value->get<bool>();
}

std::optional<EventTarget> PluginArgs::target(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    std::string why;
    auto target = parse_target(*value, "", why);
    if (!target) {
        // parse_target says "POINTER: what was expected"; the pointer is empty here.
        if (why.starts_with(": ")) why.erase(0, 2);
        fail(key, why);
    }
    return target;
}

std::optional<std::vector<std::string>> PluginArgs::strings(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_array()) return wrong_type(key, *value, "a sequence");
    std::vector<std::string> out;
    for (const auto& item : *value) {
        if (!item.is_string()) return wrong_type(key, item, "a string");
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::optional<nlohmann::json> PluginArgs::value(std::string_view key) {
    const nlohmann::json* value = present(key);
    if (value == nullptr) return std::nullopt;
    return *value;
}

std::optional<double> PluginArgs::number_in(std::string_view key, const nlohmann::json& object,
                                            std::string_view field) {
    const auto it = object.find(field);
    if (it == object.end()) {
        fail(key, "missing field `" + std::string(field) + "`");
        return std::nullopt;
    }
    if (!it->is_number()) return wrong_type(key, *it, "f64");
    return it->get<double>();
}

// dpi's Size and Position are externally tagged enums: one key naming the variant, Physical or
// Logical, holding two numbers.
std::optional<PluginArgs::Tagged> PluginArgs::tagged(std::string_view key, std::string_view type,
                                                     std::string_view first,
                                                     std::string_view second) {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_object() || value->size() != 1) {
        return wrong_type(key, *value, "enum " + std::string(type));
    }
    const std::string& variant = value->begin().key();
    if (variant != "Physical" && variant != "Logical") {
        fail(key, "unknown variant `" + variant + "`, expected `Physical` or `Logical`");
        return std::nullopt;
    }
    const nlohmann::json& inner = value->begin().value();
    if (!inner.is_object()) return wrong_type(key, inner, "struct " + variant + std::string(type));
    const auto a = number_in(key, inner, first);
    const auto b = a ? number_in(key, inner, second) : std::nullopt;
    if (!a || !b) return std::nullopt;
    return Tagged{variant == "Logical", *a, *b};
}

std::optional<SizeArg> PluginArgs::size(std::string_view key) {
    const auto value = tagged(key, "Size", "width", "height");
    if (!value) return std::nullopt;
    return SizeArg{value->logical, value->first, value->second};
}

std::optional<SizeArg> PluginArgs::optional_size(std::string_view key) {
    if (present(key) == nullptr) return std::nullopt;
    return size(key);
}

std::optional<PositionArg> PluginArgs::position(std::string_view key) {
    const auto value = tagged(key, "Position", "x", "y");
    if (!value) return std::nullopt;
    return PositionArg{value->logical, value->first, value->second};
}

std::optional<Theme> PluginArgs::optional_theme(std::string_view key) {
    const nlohmann::json* value = present(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) return wrong_type(key, *value, "a string");
    return parse_theme(value->get_ref<const std::string&>());
}

std::string PluginArgs::payload() const {
    const auto it = args_.is_object() ? args_.find("payload") : args_.end();
    return it == args_.end() ? std::string("null") : it->dump();
}

}  // namespace eventlab
