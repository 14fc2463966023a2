#include "view/fonts/cjk_glyphs.h"

#include <algorithm>
#include <array>

#include "core/util/utf8.h"

namespace eventlab {
namespace {

constexpr std::array<CodePointRange, 10> kCjkRanges{{
    {0x1100, 0x11FF},  // Hangul Jamo
    {0x2E80, 0x2FDF},  // CJK Radicals Supplement, Kangxi Radicals
    {0x3000, 0x31FF},  // CJK punctuation, kana, bopomofo, Hangul compatibility jamo, kanbun
    {0x3200, 0x33FF},  // enclosed CJK letters, CJK compatibility
    {0x3400, 0x4DBF},  // CJK Unified Ideographs Extension A
    {0x4E00, 0x9FFF},  // CJK Unified Ideographs
    {0xAC00, 0xD7AF},  // Hangul Syllables
    {0xF900, 0xFAFF},  // CJK Compatibility Ideographs
    {0xFE30, 0xFE4F},  // CJK Compatibility Forms
    {0xFF00, 0xFFEF},  // halfwidth and fullwidth forms
}};

static_assert(std::ranges::is_sorted(kCjkRanges, {}, &CodePointRange::first));

}  // namespace

std::span<const CodePointRange> cjk_code_point_ranges() {
    return kCjkRanges;
}

bool is_cjk_code_point(char32_t c) {
    // The first range that does not end before `c`; `c` is in it when it does not start after.
    const auto* it = std::ranges::lower_bound(kCjkRanges, c, {}, &CodePointRange::last);
    return it != kCjkRanges.end() && it->first <= c;
}

bool needs_cjk_glyphs(std::string_view text, std::size_t limit) {
    text = text.substr(0, std::min(limit, text.size()));
    for (std::size_t i = 0; i < text.size();) {
        // Every range above lies in U+0800..U+FFFF: ASCII is skipped without decoding.
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const utf8::Decoded d = utf8::decode(text, i);
        if (d.valid && is_cjk_code_point(d.code_point)) return true;
        i += d.length;
    }
    return false;
}

}  // namespace eventlab
