#include "core/wide_glyphs.h"

#include <algorithm>

namespace eventlab {

bool is_cjk_code_point(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) ||  // radicals, CJK punctuation, kana, ideographs
           (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
           (c >= 0xFF00 && c <= 0xFFEF);    // halfwidth and fullwidth forms
}

bool needs_cjk_glyphs(std::string_view text, std::size_t limit) {
    text = text.substr(0, std::min(limit, text.size()));
    // Every code point above is three bytes long in UTF-8, led by 0xE2 to 0xEF.
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0xE2 || lead > 0xEF) continue;
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        const auto b2 = static_cast<unsigned char>(text[i + 2]);
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) continue;
        const char32_t c =
            (char32_t{lead & 0x0FU} << 12) | (char32_t{b1 & 0x3FU} << 6) | (b2 & 0x3FU);
        if (is_cjk_code_point(c)) return true;
    }
    return false;
}

}  // namespace eventlab
