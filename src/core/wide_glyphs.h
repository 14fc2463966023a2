// Whether a text needs the CJK glyphs. The GUI bakes them into its font atlas only once a text
// that needs them shows up: with Noto CJK merged in, building the atlas takes most of the
// start-up time, and most sessions never show an ideograph.
#pragma once

#include <cstddef>
#include <string_view>

namespace eventlab {

// True when `text` (UTF-8; invalid sequences are ignored) holds a code point of the CJK ranges
// the GUI can load: CJK punctuation, kana, ideographs, compatibility ideographs, fullwidth forms.
// Reads at most the first `limit` bytes: previews never show more.
bool needs_cjk_glyphs(std::string_view text, std::size_t limit = 4096);

// The same test for one code point (typed characters arrive one at a time).
bool is_cjk_code_point(char32_t c);

}  // namespace eventlab
