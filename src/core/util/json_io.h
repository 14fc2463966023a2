// Reading JSON the way a person needs it reported: FILE:LINE:COL (columns in characters) for
// syntax errors, a depth limit instead of a stack overflow, and the system's words for I/O.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace eventlab {

inline constexpr int kMaxJsonDepth = 512;

// The offset of the bracket that opens a value nested deeper than kMaxJsonDepth, or nullopt.
// Every reader checks this before it builds anything: dump() recurses, and a payload nested
// 100000 deep would overflow the stack.
std::optional<size_t> json_too_deep_at(std::string_view text);
// What json_too_deep_at found, in words: "nesting deeper than 512 levels".
std::string json_too_deep_message();

// Parses text; on failure returns nullopt and sets error to "SOURCE:LINE:COL: what is wrong".
std::optional<nlohmann::json> parse_json_text(std::string_view text, std::string_view source,
                                              std::string& error);

// The whole file, or why not in the words of the system.
[[nodiscard]] Result<std::string> read_text_file(const std::string& path);

// Messages about a value at a JSON pointer, shared by the readers of scenarios, traces and
// targets so that they word the same mistake the same way.
// The text as a JSON string: quoted and escaped, invalid UTF-8 replaced.
std::string json_quote(std::string_view text);
// As json_quote, cut after 40 characters with "…".
std::string json_quote_short(const std::string& text);
// What was found, for "got ..." in messages: a short quoted string, a number's value, "object".
std::string describe_json_value(const nlohmann::json& value);
// "POINTER: what", or just "what" at the root.
std::string json_pointer_message(const std::string& pointer, std::string_view what);
// The pointer to a member or an element (RFC 6901 escaping; control characters become '?').
std::string json_pointer_child(const std::string& pointer, std::string_view key);
std::string json_pointer_child(const std::string& pointer, size_t index);

}  // namespace eventlab
