// The GUI bakes CJK glyphs into its fonts only once a text needs them; this is the test it uses.
#include <doctest/doctest.h>

#include <string>

#include "view/fonts/cjk_glyphs.h"

namespace eventlab {
namespace {

TEST_CASE("cjk glyphs: ideographs - kana and fullwidth forms need the CJK font") {
    CHECK(needs_cjk_glyphs(R"({"data":"你好"})"));
    CHECK(needs_cjk_glyphs("こんにちは"));
    CHECK(needs_cjk_glyphs("\xEF\xBC\x81"));  // U+FF01 fullwidth exclamation mark
    CHECK(is_cjk_code_point(U'語'));
}

TEST_CASE("cjk glyphs: Hangul and rare ideographs need it too - the same ranges the GUI bakes") {
    CHECK(needs_cjk_glyphs("안녕하세요"));      // Hangul syllables
    CHECK(needs_cjk_glyphs("\xE1\x84\x80"));    // U+1100 Hangul choseong kiyeok
    CHECK(needs_cjk_glyphs("\xE4\xB6\xB5"));    // U+4DB5, Extension A
    CHECK(is_cjk_code_point(U'\u9FA5'));        // the last ideograph of GBK
    CHECK_FALSE(is_cjk_code_point(U'\uD7B0'));  // Hangul Jamo Extended-B: not baked
    // The platform bakes exactly these ranges as 16-bit ImWchar pairs, and every one is three
    // bytes in UTF-8, as needs_cjk_glyphs assumes.
    char32_t previous_last = 0;
    for (const CodePointRange& range : cjk_code_point_ranges()) {
        CHECK(range.first >= 0x0800);
        CHECK(range.first <= range.last);
        CHECK(range.last <= 0xFFFF);
        CHECK(range.first > previous_last);
        previous_last = range.last;
        CHECK(is_cjk_code_point(range.first));
        CHECK(is_cjk_code_point(range.last));
    }
}

TEST_CASE("cjk glyphs: ASCII - Latin - arrows and invalid UTF-8 do not") {
    CHECK_FALSE(needs_cjk_glyphs(R"({"data":"hello from Rust"})"));
    CHECK_FALSE(needs_cjk_glyphs("café → naïve ≤ ●"));  // the UI font has these
    CHECK_FALSE(needs_cjk_glyphs("\xE4\xBD"));          // a cut-off ideograph
    CHECK_FALSE(needs_cjk_glyphs("\xE4\x41\x41"));      // a lead byte without continuation
    CHECK_FALSE(is_cjk_code_point(U'é'));
}

TEST_CASE("cjk glyphs: only the first bytes are read - previews never show more") {
    const std::string late = std::string(5000, 'a') + "你";
    CHECK_FALSE(needs_cjk_glyphs(late));
    CHECK(needs_cjk_glyphs(late, late.size()));
}

}  // namespace
}  // namespace eventlab
