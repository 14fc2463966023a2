#include "core/util/json_reader.h"

#include <algorithm>
#include <limits>

namespace eventlab {

void JsonReader::fail_line(std::string_view message) {
    if (ok()) error_ = source_ + ": " + std::string(message);
}

void JsonReader::fail(const std::string& pointer, std::string_view what) {
    fail_line(json_pointer_message(pointer, what));
}

void JsonReader::warn(const std::string& pointer, std::string_view what) {
    warnings_.push_back(source_ + ": " + pointer + ": " + std::string(what));
}

bool JsonReader::check(const JsonField& f, bool good, std::string_view expected) {
    if (!good) {
        fail(f.pointer,
             "expected " + std::string(expected) + "; got " + describe_json_value(f.value));
    }
    return good;
}

void JsonReader::warn_unknown(const nlohmann::json& object, const std::string& pointer,
                              const std::vector<std::string_view>& known) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
        warn(json_pointer_child(pointer, it.key()), "unknown field, ignored");
    }
}

std::optional<JsonField> JsonReader::field(const JsonObject& obj, std::string_view key,
                                           bool required) {
    const auto it = obj.value.find(key);
    if (it != obj.value.end()) return JsonField{*it, json_pointer_child(obj.pointer, key)};
    if (required) {
        const std::string owner = obj.owner.empty() ? "" : obj.owner + ' ';
        fail(obj.pointer,
             owner + "needs " + json_quote(key) + " (" + std::string(field_kind_(key)) + ")");
    }
    return std::nullopt;
}

std::optional<std::string> JsonReader::string_field(const JsonObject& obj, std::string_view key,
                                                    bool required) {
    if (auto f = field(obj, key, required)) return string_value(*f);
    return std::nullopt;
}

std::optional<std::string> JsonReader::string_value(const JsonField& f) {
    if (!check(f, f.value.is_string(), "a string")) return std::nullopt;
    return f.value.get<std::string>();
}

std::optional<bool> JsonReader::bool_value(const JsonField& f) {
    if (!check(f, f.value.is_boolean(), "a boolean")) return std::nullopt;
    return f.value.get<bool>();
}

std::optional<std::int64_t> JsonReader::int_value(const JsonField& f, std::int64_t min) {
    const std::string expected = "an integer >= " + std::to_string(min);
    if (!check(f, f.value.is_number_integer(), expected)) return std::nullopt;
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (f.value.is_number_unsigned() && f.value.get<std::uint64_t>() > kMax) {
        check(f, false, "an integer <= " + std::to_string(kMax));
        return std::nullopt;
    }
    const auto value = f.value.get<std::int64_t>();
    if (!check(f, value >= min, expected)) return std::nullopt;
    return value;
}

std::optional<std::uint64_t> JsonReader::count_value(const JsonField& f) {
    const bool good = f.value.is_number_unsigned() ||
                      (f.value.is_number_integer() && f.value.get<std::int64_t>() >= 0);
    if (!check(f, good, "an integer >= 0")) return std::nullopt;
    return f.value.get<std::uint64_t>();
}

}  // namespace eventlab
