// Small helpers for writing JSON text by hand on hot paths (trace lines, payload templates).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eventlab {

// Appends text as a JSON string literal. Invalid UTF-8 bytes become U+FFFD so that every line
// written stays valid JSON.
void append_json_string(std::string& out, std::string_view text);

// The same loop for a Rust string literal, as the code previews print one: Rust has no `\b`,
// `\f` or `\u00XX`, so other control characters (and DEL) become `\u{..}`; `\0` is its own.
void append_rust_string(std::string& out, std::string_view text);

// The offset of the first byte that is not part of a valid UTF-8 sequence, or npos when the
// whole text is UTF-8. Plain ASCII is checked eight bytes at a time: a 100 MB payload is cheap.
std::size_t invalid_utf8_at(std::string_view text);

// The text with every byte that is not valid UTF-8 replaced by U+FFFD, for messages that quote
// what they were given.
std::string valid_utf8(std::string_view text);

}  // namespace eventlab
