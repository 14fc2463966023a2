// The log's text filter: one parse and one case fold, the same on every machine.
#include <doctest/doctest.h>

#include <clocale>
#include <string>

#include "core/util/ascii_fold.h"
#include "view/log/text_filter.h"

using namespace eventlab;

TEST_CASE("log filter: a text filter reads its terms once in the order written") {
    const TextFilter filter(" Tick , -DROP,-, a b ,");
    REQUIRE(filter.terms().size() == 3);
    CHECK(filter.terms()[0].lower == "tick");
    CHECK_FALSE(filter.terms()[0].exclude);
    CHECK(filter.terms()[1].lower == "drop");
    CHECK(filter.terms()[1].exclude);
    CHECK(filter.terms()[2].lower == "a b");  // a lone '-' and an empty term are no terms
    CHECK(filter.passes("TICK 1"));
    CHECK_FALSE(filter.passes("tick drop"));
    CHECK(filter.passes("xa by"));
    CHECK_FALSE(filter.passes("other"));
    CHECK(TextFilter("-drop").passes("anything else"));
    CHECK_FALSE(TextFilter("").active());
}

TEST_CASE("log filter: the filter folds ASCII case only and the same under any locale") {
    // The C library's tolower depends on the locale (in a Turkish one "I" is not "i", and a
    // single-byte locale folds the bytes of UTF-8 characters); the filter must not.
    const char* const saved = std::setlocale(LC_ALL, nullptr);
    const std::string restore = saved != nullptr ? saved : "C";
    for (const char* locale : {"C", "C.UTF-8", "tr_TR.UTF-8", "tr_TR.ISO-8859-9", "de_DE"}) {
        if (std::setlocale(LC_ALL, locale) == nullptr) continue;
        INFO("locale " << locale);
        CHECK(TextFilter("I").passes("window-id"));
        CHECK(TextFilter("window-ID").passes("WINDOW-id"));
        // Bytes of UTF-8 characters are compared as they are: É (C3 89) is not é (C3 A9).
        CHECK(TextFilter("\xC3\xA9t\xC3\xA9").passes("\xC3\xA9T\xC3\xA9"));
        CHECK_FALSE(TextFilter("\xC3\x89T\xC3\x89").passes("\xC3\xA9t\xC3\xA9"));
        CHECK(contains_any_case("Main Window", "WINDOW"));
        CHECK(ascii_lower(std::string("\xC9I")) == "\xC9i");
    }
    std::setlocale(LC_ALL, restore.c_str());
}
