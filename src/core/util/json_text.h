// Small helpers for writing JSON text by hand on hot paths (trace lines, payload templates).
#pragma once

#include <string>
#include <string_view>

namespace eventlab {

// Appends text as a JSON string literal. Bytes that are not UTF-8 become U+FFFD (as utf8.h
// counts them) so that every line written stays valid JSON.
void append_json_string(std::string& out, std::string_view text);

// The same loop for a Rust string literal, as the code previews print one: Rust has no `\b`,
// `\f` or `\u00XX`, so other control characters (and DEL) become `\u{..}`; `\0` is its own.
void append_rust_string(std::string& out, std::string_view text);

}  // namespace eventlab
