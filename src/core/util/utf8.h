// UTF-8 for every layer: validating, counting, cutting and decoding text, on ICU's U8_* macros
// (kept out of this header so that the view, ui and bridge layers need not see ICU).
// One rule everywhere for bytes that are not UTF-8: each maximal ill-formed subsequence is one
// character, shown as one U+FFFD. It is Unicode's recommended practice, and what Rust's
// String::from_utf8_lossy and a webview's TextDecoder do, so EventLab counts and replaces the
// way the app it simulates would.
// Most text is ASCII (event names, labels, trace keys): each function checks eight bytes at a
// time before decoding anything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace eventlab::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// One character read from the text: a code point, or an ill-formed subsequence (valid false,
// code_point kReplacement). length is never 0 inside the text.
struct Decoded {
    char32_t code_point = 0;
    std::size_t length = 0;
    bool valid = false;
};

// The character that starts at byte `at` (at < text.size()).
Decoded decode(std::string_view text, std::size_t at);

// The offset of the first byte that is not part of a valid UTF-8 sequence (overlong forms,
// surrogates and code points past U+10FFFF included), or npos when the whole text is UTF-8.
std::size_t invalid_at(std::string_view text);

inline bool is_valid(std::string_view text) {
    return invalid_at(text) == std::string_view::npos;
}

// The text with each ill-formed subsequence replaced by U+FFFD, for messages that quote what
// they were given.
std::string replace_invalid(std::string_view text);

// How many characters the text holds.
std::size_t count(std::string_view text);

// The byte offset at which character number `chars` (from 0) starts; text.size() when the text
// holds no more than `chars` characters.
std::size_t offset_of(std::string_view text, std::size_t chars);

// The first `chars` characters of the text.
inline std::string_view first_chars(std::string_view text, std::size_t chars) {
    return text.substr(0, offset_of(text, chars));
}

// At most `max_bytes` of the text, never ending inside a valid multi-byte character.
std::string_view prefix_bytes(std::string_view text, std::size_t max_bytes);

// Appends the code point as UTF-8; one that is not a Unicode scalar value appends U+FFFD.
void append(std::string& out, char32_t code_point);

}  // namespace eventlab::utf8
