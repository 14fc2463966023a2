// Reading JSON the way a person needs it reported: FILE:LINE:COL (columns in characters) for
// syntax errors, a depth limit instead of a stack overflow, and the system's words for I/O.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace eventlab {

inline constexpr int kMaxJsonDepth = 512;

// Parses text; on failure returns nullopt and sets error to "SOURCE:LINE:COL: what is wrong".
std::optional<nlohmann::json> parse_json_text(std::string_view text, std::string_view source,
                                              std::string& error);

// Reads a whole file into text; on failure returns why, in the words of the system.
std::optional<std::string> read_text_file(const std::string& path, std::string& text);

}  // namespace eventlab
