// A skip record read back in either form: the older one names one `listener`; since skips are
// one record per emit, webview and reason, a record lists them all in `listeners` with their
// `count` (docs/formats.md). Old traces load as before; a list that contradicts itself is refused.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/trace/trace.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

Record read_line(const std::string& line, Symbols& symbols) {
    auto record = parse_record_line(line, symbols);
    REQUIRE_MESSAGE(record.ok(), record.error());
    return *record;
}

std::string written(const Record& r, const Symbols& symbols) {
    std::string line;
    append_record_json(line, r, symbols);
    return line;
}

}  // namespace

TEST_CASE("core: a skip record of an older trace (one listener) reads as one skipped listener") {
    Symbols symbols;
    const Record r = read_line(
        R"({"seq":12,"t_us":10,"type":"skip","emit":2,"listener":5,"reason":"window gone","in":"settings","event":"e"})",
        symbols);
    CHECK(r.type == RecordType::Skip);
    CHECK(r.emit == 2);
    CHECK(record_skip_listeners(r) == std::vector<std::uint32_t>{5});
    CHECK(record_skip_count(r) == 1);
    CHECK(record_skip_words(r) == "window gone");
    // Written again, it takes the current form: the same listener, listed and counted.
    CHECK(
        written(r, symbols) ==
        R"({"seq":12,"t_us":10,"type":"skip","emit":2,"listener":5,"listeners":[5],"count":1,"reason":"window gone","in":"settings","event":"e"})");
}

TEST_CASE("core: a skip record listing several listeners reads back whole - byte for byte") {
    const std::string line =
        R"({"seq":40,"t_us":99,"type":"skip","emit":7,"listener":5,"listeners":[5,9,12,4294967295],"count":4,"reason":"registered by an earlier page","in":"main","event":"e"})";
    Symbols symbols;
    const Record r = read_line(line, symbols);
    CHECK(record_skip_listeners(r) == std::vector<std::uint32_t>{5, 9, 12, 4294967295U});
    CHECK(record_skip_count(r) == 4);
    CHECK(written(r, symbols) == line);
    // `count` is optional for a reader: the list says it.
    const Record without_count = read_line(
        R"({"seq":1,"t_us":0,"type":"skip","emit":1,"listener":3,"listeners":[3,4],"reason":"r","in":"main"})",
        symbols);
    CHECK(record_skip_count(without_count) == 2);
}

TEST_CASE("core: a skip record whose list contradicts itself is refused - saying why") {
    const std::string head = R"({"seq":1,"t_us":0,"type":"skip","emit":1,"listener":5,)";
    const std::string tail = R"(,"reason":"r","in":"main"})";
    const std::vector<std::pair<std::string, std::string>> bad = {
        {R"("listeners":[9,5])", "\"listener\" must be the first of \"listeners\""},
        {R"("listeners":[])", "\"listeners\" must be a non-empty array of listener ids"},
        {R"("listeners":5)", "\"listeners\" must be a non-empty array of listener ids"},
        {R"("listeners":[5,-1])", "\"listeners\" must be a non-empty array of listener ids"},
        {R"("listeners":[5,4294967296])",
         "\"listeners\" must be a non-empty array of listener ids"},
        {R"("listeners":[5,"6"])", "\"listeners\" must be a non-empty array of listener ids"},
        {R"("listeners":[5,6],"count":3)", "\"count\" must be the number of \"listeners\""},
        {R"("count":2)", "\"count\" must be the number of \"listeners\""},
    };
    for (const auto& [fields, why] : bad) {
        std::string line = head;
        line += fields;
        line += tail;
        CAPTURE(line);
        Symbols symbols;
        const auto record = parse_record_line(line, symbols);
        REQUIRE_FALSE(record.ok());
        CHECK(record.error().find(why) != std::string::npos);
    }
}
