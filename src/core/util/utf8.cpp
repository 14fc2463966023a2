#include "core/util/utf8.h"

#include <unicode/utf8.h>

#include <cstring>

namespace eventlab::utf8 {
namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// The eight bytes at `at` are all ASCII; false too when fewer than eight remain.
bool ascii_word(std::string_view text, std::size_t at) {
    if (text.size() - at < 8) return false;
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + at, sizeof word);
    return (word & kHighBits) == 0;
}

const std::uint8_t* bytes(std::string_view text) {
    return reinterpret_cast<const std::uint8_t*>(text.data());
}

// The byte after the character that starts at `at`; U8_NEXT steps over a whole ill-formed
// subsequence at once, which is what makes it one character.
std::size_t next(std::string_view text, std::size_t at) {
    const auto length = static_cast<std::int64_t>(text.size());
    auto offset = static_cast<std::int64_t>(at);
    UChar32 c = 0;
    U8_NEXT(bytes(text), offset, length, c);
    return static_cast<std::size_t>(offset);
}

}  // namespace

Decoded decode(std::string_view text, std::size_t at) {
    const auto length = static_cast<std::int64_t>(text.size());
    auto offset = static_cast<std::int64_t>(at);
    UChar32 c = 0;
    U8_NEXT(bytes(text), offset, length, c);
    Decoded out;
    out.length = static_cast<std::size_t>(offset) - at;
    out.valid = c >= 0;
    out.code_point = out.valid ? static_cast<char32_t>(c) : kReplacement;
    return out;
}

std::size_t invalid_at(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (ascii_word(text, i)) {
            i += 8;
        } else if (static_cast<std::uint8_t>(text[i]) < 0x80) {
            ++i;
        } else {
            const Decoded d = decode(text, i);
            if (!d.valid) return i;
            i += d.length;
        }
    }
    return std::string_view::npos;
}

std::string replace_invalid(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t bad = invalid_at(text); bad != std::string_view::npos;
         bad = invalid_at(text)) {
        out.append(text.substr(0, bad));
        out += "\xEF\xBF\xBD";
        text.remove_prefix(decode(text, bad).length + bad);
    }
    out.append(text);
    return out;
}

std::size_t count(std::string_view text) {
    std::size_t chars = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (ascii_word(text, i)) {
            i += 8;
            chars += 8;
        } else {
            i = static_cast<std::uint8_t>(text[i]) < 0x80 ? i + 1 : next(text, i);
            ++chars;
        }
    }
    return chars;
}

std::size_t offset_of(std::string_view text, std::size_t chars) {
    std::size_t i = 0;
    while (i < text.size() && chars > 0) {
        if (chars >= 8 && ascii_word(text, i)) {
            i += 8;
            chars -= 8;
        } else {
            i = static_cast<std::uint8_t>(text[i]) < 0x80 ? i + 1 : next(text, i);
            --chars;
        }
    }
    return i;
}

std::string_view prefix_bytes(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    // U8_SET_CP_START moves back only over the trail bytes of a valid character: a stray
    // continuation byte is a character of its own and may end the prefix.
    // A character is at most four bytes: the last four before the cut are all it looks at.
    const std::size_t base = max_bytes < 3 ? 0 : max_bytes - 3;
    auto end = static_cast<std::int32_t>(max_bytes - base);
    U8_SET_CP_START(bytes(text) + base, 0, end);
    return text.substr(0, base + static_cast<std::size_t>(end));
}

void append(std::string& out, char32_t code_point) {
    if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        code_point = kReplacement;
    }
    std::uint8_t buffer[U8_MAX_LENGTH];
    std::int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(code_point));
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

}  // namespace eventlab::utf8
