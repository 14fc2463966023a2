// The one UTF-8 module every layer uses: what counts as a character, where text may be cut, and
// what a byte that is not UTF-8 becomes in what a person reads.
#include <doctest/doctest.h>

#include <string>

#include "core/util/json_io.h"
#include "core/util/json_text.h"
#include "core/util/utf8.h"

using namespace eventlab;

namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

}  // namespace

TEST_CASE("utf8: valid text of every length is accepted and counted in characters") {
    // 1 to 4 bytes: a, é, €, 😀 (and the last code point, U+10FFFF)
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";
    CHECK(utf8::is_valid(text));
    CHECK(utf8::count(text) == 5);
    CHECK(utf8::count("") == 0);
    CHECK(utf8::count("twelve bytes") == 12);  // past the eight-byte ASCII step
    CHECK(utf8::count(std::string(1000, 'x') + "\xC3\xA9") == 1001);
    const utf8::Decoded euro = utf8::decode(text, 3);
    CHECK(euro.valid);
    CHECK(euro.code_point == U'\u20AC');
    CHECK(euro.length == 3);
}

TEST_CASE("utf8: invalid bytes are found at the first bad byte") {
    CHECK(utf8::invalid_at("abc") == std::string_view::npos);
    CHECK(utf8::invalid_at("abc\xFF") == 3);
    CHECK(utf8::invalid_at("0123456789\x80") == 10);   // a stray continuation byte
    CHECK(utf8::invalid_at("ab\xC3") == 2);            // cut off at the end
    CHECK(utf8::invalid_at("ab\xE2\x82x") == 2);       // cut off before more text
    CHECK(utf8::invalid_at("\xF5\x80\x80\x80") == 0);  // past U+10FFFF
    CHECK(utf8::invalid_at("\xF4\x90\x80\x80") == 0);  // U+110000
    CHECK(utf8::invalid_at("\xC0\xAF") == 0);          // overlong '/'
    CHECK(utf8::invalid_at("\xE0\x80\xAF") == 0);      // overlong '/' in three bytes
    CHECK(utf8::invalid_at("\xF0\x80\x80\xAF") == 0);  // and in four
    CHECK(utf8::invalid_at("ok \xED\xA0\x80") == 3);   // the surrogate U+D800
    CHECK(utf8::invalid_at("ok \xED\xBF\xBF") == 3);   // the surrogate U+DFFF
    CHECK(utf8::invalid_at("\xEF\xBF\xBE") == std::string_view::npos);  // U+FFFE: a noncharacter
}

TEST_CASE("utf8: each ill-formed sequence is one character shown as one U+FFFD") {
    // As String::from_utf8_lossy and TextDecoder do: a cut-off € (E2 82) is one U+FFFD, and a
    // byte that cannot start or continue anything is one U+FFFD of its own.
    CHECK(utf8::replace_invalid("a\xE2\x82"
                                "b") == "a" + std::string(kFffd) + "b");
    CHECK(utf8::replace_invalid("\x80\x80") == std::string(kFffd) + std::string(kFffd));
    CHECK(utf8::replace_invalid("\xC0\xAF") == std::string(kFffd) + std::string(kFffd));
    CHECK(utf8::replace_invalid("\xED\xA0\x80") ==
          std::string(kFffd) + std::string(kFffd) + std::string(kFffd));
    CHECK(utf8::count("a\xE2\x82"
                      "b") == 3);
    CHECK(utf8::count("\xED\xA0\x80") == 3);
    const utf8::Decoded cut = utf8::decode(
        "\xE2\x82"
        "b",
        0);
    CHECK_FALSE(cut.valid);
    CHECK(cut.code_point == utf8::kReplacement);
    CHECK(cut.length == 2);
    // The trace writer agrees: every line it writes stays JSON, one \ufffd per bad sequence.
    CHECK(json_string("a\xE2\x82"
                      "b\xFF") == "\"a\\ufffdb\\ufffd\"");
    CHECK(json_string("\xC3\xA9") == "\"\xC3\xA9\"");
}

TEST_CASE("utf8: text is cut between characters never inside one") {
    const std::string text =
        "ab\xE2\x82\xAC"
        "cd";  // ab€cd
    CHECK(utf8::first_chars(text, 2) == "ab");
    CHECK(utf8::first_chars(text, 3) == "ab\xE2\x82\xAC");
    CHECK(utf8::first_chars(text, 99) == text);
    CHECK(utf8::offset_of(text, 0) == 0);
    CHECK(utf8::offset_of(text, 4) == 6);
    CHECK(utf8::offset_of(std::string(20, 'x') + "\xC3\xA9", 21) == 22);
    // By bytes: a cut that would split the € keeps the text before it.
    CHECK(utf8::prefix_bytes(text, 2) == "ab");
    CHECK(utf8::prefix_bytes(text, 3) == "ab");
    CHECK(utf8::prefix_bytes(text, 4) == "ab");
    CHECK(utf8::prefix_bytes(text, 5) == "ab\xE2\x82\xAC");
    CHECK(utf8::prefix_bytes(text, 50) == text);
    CHECK(utf8::prefix_bytes("\xF0\x9F\x98\x80!", 3).empty());
    // A stray continuation byte belongs to no character before it: the cut stays where it is.
    CHECK(utf8::prefix_bytes("abc\x80\x80", 4) == "abc\x80");
}

TEST_CASE("utf8: a code point appends as UTF-8 and a non-scalar value as U+FFFD") {
    std::string out;
    utf8::append(out, U'a');
    utf8::append(out, U'\u00E9');
    utf8::append(out, U'\U0001F600');
    CHECK(out == "a\xC3\xA9\xF0\x9F\x98\x80");
    out.clear();
    utf8::append(out, 0xD800);
    utf8::append(out, 0x110000);
    CHECK(out == std::string(kFffd) + std::string(kFffd));
}

TEST_CASE("utf8: a JSON error's column counts characters after an invalid byte too") {
    std::string error;
    // "é" is two bytes and one column.
    CHECK_FALSE(parse_json_text("{\"\xC3\xA9\": 1,}", "a.json", error));
    CHECK(error.starts_with("a.json:1:9: "));
    CHECK_FALSE(parse_json_text("[1,\n\"\xC3\xA9\xC3\xA9\", x]", "b.json", error));
    CHECK(error.starts_with("b.json:2:7: "));
    // The depth check reports before the parser meets the bad byte: it is one column, as an
    // editor shows it (the old count skipped a stray continuation byte).
    const std::string deep = "[\"\xC3\xA9\x80\"," + std::string(512, '[');
    CHECK_FALSE(parse_json_text(deep, "c.json", error));
    CHECK(error == "c.json:1:518: nesting deeper than 512 levels");
}

TEST_CASE("utf8: a long string quoted in a message is cut after 40 characters") {
    std::string forty;
    for (int i = 0; i < 40; ++i)
        forty += "\xC3\xA9";
    CHECK(json_quote_short(forty) == "\"" + forty + "\"");
    CHECK(json_quote_short(forty + "x") == "\"" + forty + "\xE2\x80\xA6\"");
}
