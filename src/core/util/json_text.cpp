#include "core/util/json_text.h"

#include <cstdint>

#include "core/util/utf8.h"

namespace eventlab {

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<std::uint8_t>(text[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            // copy the longest plain-ASCII run at once
            size_t j = i + 1;
            while (j < text.size()) {
                const auto d = static_cast<std::uint8_t>(text[j]);
                if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
                ++j;
            }
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
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xF];
                } else {
                    const utf8::Decoded d = utf8::decode(text, i);
                    if (d.valid) {
                        out.append(text.data() + i, d.length);
                    } else {
                        out += "\\ufffd";
                    }
                    i += d.length;
                    continue;
                }
        }
        ++i;
    }
    out += '"';
}

}  // namespace eventlab
