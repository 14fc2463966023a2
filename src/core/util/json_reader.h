// Reading a parsed JSON document against a schema, with messages a person can act on: every
// error says where, as the JSON pointer of the value ("FILE: /steps/3/target: expected ...;
// got 7"), and unknown fields are warnings rather than errors, so a newer file still loads.
// Format-independent: the scenario reader builds its schema on it.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/json_io.h"

namespace eventlab {

// A JSON object being read, and how "needs" messages name it (`op "emit"`).
struct JsonObject {
    const nlohmann::json& value;
    std::string pointer;
    std::string owner;
};

// A present value and where it is.
struct JsonField {
    const nlohmann::json& value;
    std::string pointer;
};

// Keeps the first error only (later ones are often its echoes) and collects warnings.
class JsonReader {
  public:
    // What a required field must hold, for "needs" messages ("a string", "an array of steps").
    using FieldKind = std::string_view (*)(std::string_view key);

    JsonReader(std::string_view source, FieldKind field_kind)
        : source_(source), field_kind_(field_kind) {}

    bool ok() const { return error_.empty(); }
    std::string take_error() { return std::move(error_); }
    std::vector<std::string> take_warnings() { return std::move(warnings_); }

    // Every message starts with the source; fail() and check() add the pointer.
    void fail_line(std::string_view message);
    void fail(const std::string& pointer, std::string_view what);
    void warn(const std::string& pointer, std::string_view what);
    // Fails with "expected EXPECTED; got ..." unless good.
    bool check(const JsonField& f, bool good, std::string_view expected);
    void warn_unknown(const nlohmann::json& object, const std::string& pointer,
                      const std::vector<std::string_view>& known);

    // The member; absent and required fails with "OWNER needs KEY (KIND)".
    std::optional<JsonField> field(const JsonObject& obj, std::string_view key, bool required);
    [[nodiscard]] std::optional<std::string> string_field(const JsonObject& obj,
                                                          std::string_view key, bool required);

    [[nodiscard]] std::optional<std::string> string_value(const JsonField& f);
    [[nodiscard]] std::optional<bool> bool_value(const JsonField& f);
    [[nodiscard]] std::optional<std::int64_t> int_value(const JsonField& f, std::int64_t min);
    [[nodiscard]] std::optional<std::uint64_t> count_value(const JsonField& f);

    // A string that `parse` accepts; `names` lists the accepted ones for the message.
    template <class Parse>
    auto one_of(const JsonField& f, Parse parse, std::string_view names)
        -> decltype(parse(std::string_view{}));
    // An array, each element read by `item`; the first bad element fails the whole list.
    template <class T, class Item>
    std::optional<std::vector<T>> list(const JsonField& f, std::string_view expected, Item item);
    // An object, each member read by `value`.
    template <class T, class Value>
    std::optional<std::map<std::string, T>> map(const JsonField& f, std::string_view expected,
                                                Value value);

  private:
    std::string source_;
    FieldKind field_kind_;
    std::string error_;
    std::vector<std::string> warnings_;
};

template <class Parse>
auto JsonReader::one_of(const JsonField& f, Parse parse, std::string_view names)
    -> decltype(parse(std::string_view{})) {
    if (f.value.is_string()) {
        if (auto value = parse(f.value.template get_ref<const std::string&>())) return value;
    }
    check(f, false, "one of " + std::string(names));
    return std::nullopt;
}

template <class T, class Item>
std::optional<std::vector<T>> JsonReader::list(const JsonField& f, std::string_view expected,
                                               Item item) {
    if (!check(f, f.value.is_array(), expected)) return std::nullopt;
    std::vector<T> out;
    out.reserve(f.value.size());
    for (size_t i = 0; i < f.value.size(); ++i) {
        auto value = item(JsonField{f.value[i], json_pointer_child(f.pointer, i)});
        if (!value) return std::nullopt;
        out.push_back(std::move(*value));
    }
    return out;
}

template <class T, class Value>
std::optional<std::map<std::string, T>> JsonReader::map(const JsonField& f,
                                                        std::string_view expected, Value value) {
    if (!check(f, f.value.is_object(), expected)) return std::nullopt;
    std::map<std::string, T> out;
    for (auto it = f.value.begin(); it != f.value.end(); ++it) {
        auto item = value(JsonField{it.value(), json_pointer_child(f.pointer, it.key())});
        if (!item) return std::nullopt;
        out.emplace(it.key(), std::move(*item));
    }
    return out;
}

}  // namespace eventlab
