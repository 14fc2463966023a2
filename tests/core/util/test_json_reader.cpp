// The generic JSON reader as a file's author meets it: each mistake named by its JSON pointer,
// only the first one reported, unknown fields a warning.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/util/json_reader.h"

using eventlab::JsonField;
using eventlab::JsonObject;
using eventlab::JsonReader;
using json = nlohmann::json;

namespace {

std::string_view kind(std::string_view key) {
    return key == "count" ? "an integer >= 0" : "a string";
}

}  // namespace

TEST_CASE("json reader: a wrong type names the pointer - what was expected and what was found") {
    const json doc = json::parse(R"({"items": [1, "two"]})");
    JsonReader reader("list.json", kind);
    const JsonObject root{doc, "", "the file"};
    const auto items = reader.field(root, "items", true);
    REQUIRE(items.has_value());
    const auto strings = reader.list<std::string>(
        *items, "an array of strings", [&](const JsonField& f) { return reader.string_value(f); });
    CHECK_FALSE(strings.has_value());
    CHECK_FALSE(reader.ok());
    CHECK(reader.take_error() == "list.json: /items/0: expected a string; got 1");
}

TEST_CASE("json reader: a missing required field says who needs it and what it holds") {
    const json doc = json::parse(R"({"name": "x"})");
    JsonReader reader("f.json", kind);
    const JsonObject root{doc, "", "the counter"};
    CHECK_FALSE(reader.field(root, "count", true).has_value());
    CHECK(reader.take_error() == R"(f.json: the counter needs "count" (an integer >= 0))");
}

TEST_CASE("json reader: only the first error is kept - later ones are often its echoes") {
    const json doc = json::parse(R"({"a": 1, "b": true})");
    JsonReader reader("f.json", kind);
    const JsonObject root{doc, "", ""};
    CHECK_FALSE(reader.string_field(root, "a", true).has_value());
    CHECK_FALSE(reader.string_field(root, "b", true).has_value());
    CHECK(reader.take_error() == "f.json: /a: expected a string; got 1");
}

TEST_CASE("json reader: unknown fields are warnings with their pointer - not errors") {
    const json doc = json::parse(R"({"known": 1, "colour": "red", "a/b": 2})");
    JsonReader reader("f.json", kind);
    reader.warn_unknown(doc, "/steps/0", {"known"});
    CHECK(reader.ok());
    CHECK(reader.take_warnings() ==
          std::vector<std::string>{"f.json: /steps/0/a~1b: unknown field, ignored",
                                   "f.json: /steps/0/colour: unknown field, ignored"});
}

TEST_CASE("json reader: integers are range-checked with the bound in the message") {
    const json doc = json::parse(R"({"ms": -5, "big": 18446744073709551615})");
    JsonReader reader("f.json", kind);
    CHECK_FALSE(reader.int_value(JsonField{doc["ms"], "/ms"}, 0).has_value());
    CHECK(reader.take_error() == "f.json: /ms: expected an integer >= 0; got -5");
    JsonReader other("f.json", kind);
    CHECK_FALSE(other.int_value(JsonField{doc["big"], "/big"}, 0).has_value());
    CHECK(other.take_error() ==
          "f.json: /big: expected an integer <= 9223372036854775807; got 18446744073709551615");
    JsonReader good("f.json", kind);
    CHECK(good.count_value(JsonField{doc["big"], "/big"}) == 18446744073709551615ULL);
}
