// Whether a text needs the CJK glyphs, and which glyphs those are. The GUI bakes them into its
// font atlas only once a text that needs them shows up: with a CJK font merged in, building the
// atlas takes most of the start-up time, and most sessions never show an ideograph. Both the test
// and the baking read the one table below, so a code point that triggers the reload is baked.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace eventlab {

struct CodePointRange {
    char32_t first;
    char32_t last;  // inclusive
};

// The CJK ranges the GUI bakes from the CJK font, ascending and disjoint, all in the Basic
// Multilingual Plane (ImGui's ImWchar is 16 bits): Hangul Jamo, radicals, CJK punctuation, kana,
// bopomofo, ideographs (Extension A and the unified block), Hangul syllables, compatibility
// ideographs, halfwidth and fullwidth forms.
std::span<const CodePointRange> cjk_code_point_ranges();

// True when `text` (UTF-8; invalid sequences are ignored) holds a code point of
// cjk_code_point_ranges(). Reads at most the first `limit` bytes: previews never show more.
bool needs_cjk_glyphs(std::string_view text, std::size_t limit = 4096);

// The same test for one code point (typed characters arrive one at a time).
bool is_cjk_code_point(char32_t c);

}  // namespace eventlab
