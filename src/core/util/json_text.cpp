#include "core/util/json_text.h"

#include <cstdint>
#include <cstring>

namespace eventlab {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    size_t length = 0;
    std::uint32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + length > s.size()) return 0;
    std::uint32_t cp = b0 & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
        const auto b = static_cast<std::uint8_t>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

}  // namespace

std::size_t invalid_utf8_at(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        if (i + 8 <= text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + i, sizeof word);
            if ((word & kHighBits) == 0) {
                i += 8;
                continue;
            }
        }
        if (static_cast<std::uint8_t>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const size_t n = utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t bad = invalid_utf8_at(text); bad != std::string_view::npos;
         bad = invalid_utf8_at(text)) {
        out.append(text.substr(0, bad));
        out += "\xEF\xBF\xBD";
        text.remove_prefix(bad + 1);
    }
    out.append(text);
    return out;
}

namespace {

enum class Literal : std::uint8_t { Json, Rust };

// One loop for both languages, specialised at compile time so the JSON path (every trace line)
// pays nothing for Rust's rules.
template <Literal kLiteral>
void append_literal(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    constexpr bool kRust = kLiteral == Literal::Rust;
    // DEL is legal in both, but invisible in a code preview.
    const auto plain = [](std::uint8_t c) {
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && (!kRust || c != 0x7F);
    };
    out += '"';
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<std::uint8_t>(text[i]);
        if (plain(c)) {
            // copy the longest plain-ASCII run at once
            size_t j = i + 1;
            while (j < text.size() && plain(static_cast<std::uint8_t>(text[j])))
                ++j;
            out.append(text.data() + i, j - i);
            i = j;
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += kRust ? "\\u{8}" : "\\b";
                break;
            case '\f':
                out += kRust ? "\\u{c}" : "\\f";
                break;
            case '\0':
                out += kRust ? "\\0" : "\\u0000";
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    out += kRust ? "\\u{" : "\\u00";
                    if (!kRust || c >= 0x10) out += kHex[c >> 4];
                    out += kHex[c & 0xF];
                    if (kRust) out += '}';
                } else if (const size_t n = utf8_sequence_length(text, i); n > 0) {
                    out.append(text.data() + i, n);
                    i += n;
                    continue;
                } else {
                    out += kRust ? "\\u{fffd}" : "\\ufffd";
                }
        }
        ++i;
    }
    out += '"';
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    append_literal<Literal::Json>(out, text);
}

void append_rust_string(std::string& out, std::string_view text) {
    append_literal<Literal::Rust>(out, text);
}

}  // namespace eventlab
