// Event names (docs/tauri-rules.md, "Event names"): which names are valid, and the exact text each
// caller sees for a bad one in each mode. A bad name changes nothing and becomes an error record.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using namespace std::string_view_literals;

namespace {

constexpr std::string_view kAssertText =
    "Event name must include only alphanumeric characters, `-`, `/`, `:` and `_`.";

std::string js_text(std::string_view command) {
    return "invalid args `event` for command `" + std::string(command) +
           "`: " + std::string(kAssertText);
}

// The one error record the failing call must have produced (checked against what it returned).
void check_error_record(const BusFixture& f, const OpResult& r, bool panic) {
    const auto errors = f.sink->of("error");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0]["message"] == r.error);
    CHECK(errors[0]["panic"] == panic);
    CHECK(f.bus.last_error() == r.error);
}

}  // namespace

TEST_CASE("bus: JS calls with a bad event name reject with the invalid-args text in every mode") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        SUBCASE("js listen -> command `listen`") {
            BusFixture f(config(mode));
            f.window("main");
            const OpResult r = f.bus.js_listen("main", "bad name", EventTarget::any(), {});
            CHECK_FALSE(r.ok);
            CHECK(r.error == js_text("listen"));
            CHECK_FALSE(r.panic);
            check_error_record(f, r, false);
        }
        SUBCASE("js once -> command `listen`") {
            BusFixture f(config(mode));
            f.window("main");
            ListenOptions once;
            once.once = true;
            const OpResult r = f.bus.js_listen("main", "a.b", EventTarget::any(), {}, once);
            CHECK(r.error == js_text("listen"));
            CHECK_FALSE(r.panic);
            check_error_record(f, r, false);
        }
        SUBCASE("js emit -> command `emit`") {
            BusFixture f(config(mode));
            f.window("main");
            const OpResult r = f.bus.emit("a.b", nullptr, Source::js("main"));
            CHECK_FALSE(r.ok);
            CHECK(r.error == js_text("emit"));
            CHECK_FALSE(r.panic);
            check_error_record(f, r, false);
        }
        SUBCASE("js emitTo -> command `emit_to`") {
            BusFixture f(config(mode));
            f.window("main");
            const OpResult r =
                f.bus.emit_to(EventTarget::any_label("main"), "a b", nullptr, Source::js("main"));
            CHECK_FALSE(r.ok);
            CHECK(r.error == js_text("emit_to"));
            CHECK_FALSE(r.panic);
            check_error_record(f, r, false);
        }
        SUBCASE("js unlisten -> command `unlisten`") {
            BusFixture f(config(mode));
            f.window("main");
            const OpResult r = f.bus.js_unlisten("main", "a b", 0);
            CHECK_FALSE(r.ok);
            CHECK(r.error == js_text("unlisten"));
            CHECK_FALSE(r.panic);
            check_error_record(f, r, false);
        }
    }
}

TEST_CASE("bus: 2.0 Rust listen/once/emit* with a bad name panic with the assert text") {
    BusFixture f(config(Mode::Tauri20));
    std::vector<std::pair<std::string, OpResult>> results;
    ListenOptions once;
    once.once = true;
    results.emplace_back("listen", f.bus.listen("a b", EventTarget::app(), {}));
    results.emplace_back("once", f.bus.listen("a b", EventTarget::app(), {}, once));
    results.emplace_back("emit", f.bus.emit("a b", nullptr, Source::rust()));
    results.emplace_back("emit_to",
                         f.bus.emit_to(EventTarget::app(), "a b", nullptr, Source::rust()));
    results.emplace_back("emit_filter",
                         f.bus.emit_filter({EventTarget::app()}, "a b", nullptr, Source::rust()));
    const auto errors = f.sink->of("error");
    REQUIRE(errors.size() == results.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        INFO("call " << results[i].first);
        const OpResult& r = results[i].second;
        CHECK_FALSE(r.ok);
        CHECK(r.error == kAssertText);
        CHECK(r.panic);
        CHECK(errors[i]["message"] == kAssertText);
        CHECK(errors[i]["panic"] == true);
    }
}

TEST_CASE(
    "bus: stable/next Rust listen with a bad name panics with the unwrap of IllegalEventName") {
    // The name is quoted as Rust's {:?} prints a &str (expected texts taken from rustc 1.95).
    const std::vector<std::pair<std::string_view, std::string_view>> names = {
        {"a b", R"("a b")"},
        {"a.b", R"("a.b")"},
        {"q\"uote", R"("q\"uote")"},
        {"back\\slash", R"("back\\slash")"},
        {"tab\t", R"("tab\t")"},
        {"new\nline", R"("new\nline")"},
        {"nul\0x"sv, R"("nul\0x")"},
        {"ctl\x7f", R"("ctl\u{7f}")"},
        {"nb\u00a0sp", R"("nb\u{a0}sp")"},
        {"zw\u200bj", R"("zw\u{200b}j")"},
        {"x\u2028", R"("x\u{2028}")"},
        {"emoji\U0001F600", "\"emoji\U0001F600\""},
    };
    for (Mode mode : {Mode::Stable, Mode::Next}) {
        for (const auto& [name, debug] : names) {
            INFO("mode " << to_string(mode) << ", expected " << debug);
            BusFixture f(config(mode));
            const OpResult r = f.bus.listen(name, EventTarget::app(), {});
            CHECK_FALSE(r.ok);
            CHECK(r.panic);
            CHECK(r.error == "called `Result::unwrap()` on an `Err` value: IllegalEventName(" +
                                 std::string(debug) + ")");
            check_error_record(f, r, true);
        }
    }
}

TEST_CASE("bus: stable/next Rust once with a bad name panics like listen (op `once`)") {
    for (Mode mode : {Mode::Stable, Mode::Next}) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        ListenOptions once;
        once.once = true;
        const OpResult r = f.bus.listen("a b", EventTarget::app(), {}, once);
        CHECK(r.panic);
        CHECK(r.error == R"(called `Result::unwrap()` on an `Err` value: IllegalEventName("a b"))");
        check_error_record(f, r, true);
        CHECK(f.sink->of("error").at(0)["op"] == "once");
    }
}

TEST_CASE("bus: stable/next Rust listen quotes grapheme-extending marks as u{..} like {:?}") {
    // Rust's str Debug escapes grapheme-extended characters (combining marks, variation
    // selectors) even in the middle of the name.
    const std::vector<std::pair<std::string_view, std::string_view>> names = {
        {"e\u0301", R"("e\u{301}")"},
        {"a\u0300b", R"("a\u{300}b")"},
        {"a\ufe0f", R"("a\u{fe0f}")"},
    };
    for (const auto& [name, debug] : names) {
        INFO("expected " << debug);
        BusFixture f(config(Mode::Stable));
        const OpResult r = f.bus.listen(name, EventTarget::app(), {});
        CHECK(r.error == "called `Result::unwrap()` on an `Err` value: IllegalEventName(" +
                             std::string(debug) + ")");
        const OpResult e = f.bus.emit(name, nullptr, Source::rust());
        CHECK(e.error == "only alphanumeric, '-', '/', ':', '_' permitted for event names: " +
                             std::string(debug));
    }
}

TEST_CASE("bus: stable/next Rust emit* with a bad name returns the Err text - no panic") {
    for (Mode mode : {Mode::Stable, Mode::Next}) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        const std::string want =
            R"(only alphanumeric, '-', '/', ':', '_' permitted for event names: "q\"t x")";
        const OpResult a = f.bus.emit("q\"t x", nullptr, Source::rust());
        const OpResult b =
            f.bus.emit_to(EventTarget::window("main"), "q\"t x", nullptr, Source::rust());
        const OpResult c =
            f.bus.emit_filter({EventTarget::app()}, "q\"t x", nullptr, Source::rust());
        for (const OpResult* r : {&a, &b, &c}) {
            CHECK_FALSE(r->ok);
            CHECK_FALSE(r->panic);
            CHECK(r->error == want);
        }
        const auto errors = f.sink->of("error");
        REQUIRE(errors.size() == 3);
        for (const auto& e : errors) {
            CHECK(e["message"] == want);
            CHECK(e["panic"] == false);
        }
    }
}

TEST_CASE("bus: a bad name changes nothing: no listener - no id consumed - no emit - no delivery") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        CHECK(f.rust("", EventTarget::any(), "rust-any") == 0);
        CHECK(f.js("main", "", EventTarget::any(), "js-any") == 1);

        CHECK_FALSE(f.bus.listen("bad name", EventTarget::app(), f.logger("x")).ok);
        CHECK_FALSE(f.bus.js_listen("main", "bad name", EventTarget::any(), f.logger("y")).ok);
        CHECK_FALSE(f.bus.emit("bad name", nullptr, Source::rust()).ok);
        CHECK_FALSE(f.bus.emit("bad name", nullptr, Source::js("main")).ok);
        CHECK_FALSE(f.bus.emit_to(EventTarget::any(), "bad name", nullptr, Source::rust()).ok);
        CHECK_FALSE(f.bus.js_unlisten("main", "bad name", 1).ok);
        f.bus.drain_all();

        CHECK(f.bus.listeners().size() == 2);
        CHECK(f.sink->of("listen").size() == 2);
        CHECK(f.sink->of("emit").empty());
        CHECK(f.sink->of("deliver").empty());
        CHECK(f.names().empty());
        CHECK(f.bus.counters().emits == 0);
        CHECK(f.bus.counters().errors == 6);
        // The next good listen gets the next id: the bad calls consumed none.
        CHECK(f.rust("ok", EventTarget::app(), "ok") == 2);
    }
}

TEST_CASE("bus: event names are valid when alphanumeric (Unicode) or - / : _ - empty is valid") {
    // Validity of each name per Rust's char::is_alphanumeric (checked with rustc 1.95).
    const std::vector<std::pair<std::string_view, bool>> names = {
        {"", true},
        {"test-event", true},
        {"a/b:c_d-e", true},
        {"\u00c9v\u00e9nement", true},  // Événement
        {"\u65e5\u672c\u8a9e", true},   // 日本語
        {"\u216b", true},               // Ⅻ (letter number)
        {"x\u00b2", true},              // x² (other number)
        {"\u0663", true},               // Arabic-Indic three
        {"\u0345", true},               // combining ypogegrammeni: Other_Alphabetic
        {"\u00df", true},
        {"\u01c5", true},
        {"e\u0301", false},  // combining acute: not alphabetic
        {"a b", false},
        {"a.b", false},
        {"a\u200db", false},
        {"\U0001F600", false},
        {"tab\t", false},
        {"q\"uote", false},
        {"a*", false},
        {"\xff\xfe", false},  // not UTF-8
        // Non-ASCII names take another path than ASCII ones: the same punctuation rule there.
        {"caf\u00e9-menu/a:b_c", true},
        {"\u65e5\u672c/\u8a9e:x_y-z", true},
        {"caf\u00e9.menu", false},
        {"\u65e5\u672c.\u8a9e", false},
        {"caf\u00e9 menu", false},
        {"caf\u00e9*", false},
        {"caf\u00e9!", false},
        {"caf\u00e9\\menu", false},
    };
    for (Mode mode : kModes) {
        for (const auto& [name, valid] : names) {
            INFO("mode " << to_string(mode) << ", name #" << name << "#");
            BusFixture f(config(mode));
            f.window("main");
            CHECK(f.bus.listen(name, EventTarget::app(), f.logger("rust")).ok == valid);
            CHECK(f.bus.js_listen("main", name, EventTarget::any(), f.logger("js")).ok == valid);
            CHECK(f.bus.emit(name, nullptr, Source::rust()).ok == valid);
            f.bus.drain_all();
            CHECK(f.names().size() == (valid ? 2U : 0U));
        }
    }
}

TEST_CASE("bus: event names match exactly and case-sensitively") {
    BusFixture f;
    f.window("main");
    f.rust("Test-Event", EventTarget::app(), "rust-upper");
    f.js("main", "test-event", EventTarget::any(), "js-lower");
    f.js("main", "test_event", EventTarget::any(), "never");
    CHECK(f.emit("test-event").ok);
    f.bus.drain_all();
    CHECK(f.take_names() == std::vector<std::string>{"js-lower"});
    CHECK(f.emit("Test-Event").ok);
    f.bus.drain_all();
    CHECK(f.take_names() == std::vector<std::string>{"rust-upper"});
}
