#include "core/util/json_text.h"

#include <cstdint>

#include "core/util/utf8.h"

namespace eventlab {

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
                } else {
                    const utf8::Decoded d = utf8::decode(text, i);
                    if (d.valid) {
                        out.append(text.data() + i, d.length);
                    } else {
                        out += kRust ? "\\u{fffd}" : "\\ufffd";
                    }
                    i += d.length;
                    continue;
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
