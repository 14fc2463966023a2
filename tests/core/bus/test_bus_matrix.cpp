// The delivery matrix (docs/tauri-rules.md, "The delivery matrix"): every cell in every mode,
// through match_listener and through the bus with real Rust and JS listeners.
#include <map>
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

using Kind = EventTarget::Kind;

struct Column {
    std::string name;
    EmitFilter filter;
};

// Calls of the spec's matrix (L = "main", M = "other"), plus emit_to(Any).
std::vector<Column> columns() {
    return {
        {"emit", EmitFilter::none()},
        {"emit_to(\"main\")", EmitFilter::to(EventTarget::any_label("main"))},
        {"emit_to(App)", EmitFilter::to(EventTarget::app())},
        {"emit_to(Window{main})", EmitFilter::to(EventTarget::window("main"))},
        {"emit_to(Webview{main})", EmitFilter::to(EventTarget::webview("main"))},
        {"emit_to(WebviewWindow{main})", EmitFilter::to(EventTarget::webview_window("main"))},
        {"emit_to(\"other\")", EmitFilter::to(EventTarget::any_label("other"))},
        {"emit_to(Window{other})", EmitFilter::to(EventTarget::window("other"))},
        {"emit_to(Webview{other})", EmitFilter::to(EventTarget::webview("other"))},
        {"emit_to(WebviewWindow{other})", EmitFilter::to(EventTarget::webview_window("other"))},
        {"emit_to(Any)", EmitFilter::to(EventTarget::any())},
    };
}

struct Row {
    EventTarget listener;
    // One char per column: y = delivered, n = not, m = delivered except in 2.0.
    std::string cells;
};

// The spec's table, row by row (columns as above).
std::vector<Row> rows() {
    return {
        {EventTarget::any(), "yyyyyyyyyyy"},
        {EventTarget::app(), "ynynnnnnnny"},
        {EventTarget::window("main"), "yynynnnnnny"},
        {EventTarget::webview("main"), "yynnynnnnny"},
        {EventTarget::webview_window("main"), "yynnnynnnny"},
        {EventTarget::any_label("main"), "ymnmmmnnnny"},
    };
}

bool expected(char cell, Mode mode) {
    return cell == 'y' || (cell == 'm' && mode != Mode::Tauri20);
}

// emit_to through the bus API for a column's filter.
void call(EventBus& bus, const EmitFilter& filter, const Source& from) {
    if (filter.kind == EmitFilter::Kind::None) {
        REQUIRE(bus.emit("e", nullptr, from).ok);
    } else {
        REQUIRE(bus.emit_to(filter.target, "e", nullptr, from).ok);
    }
}

}  // namespace

TEST_CASE("bus: match_listener follows every cell of the spec's delivery matrix in every mode") {
    const auto cols = columns();
    for (Mode mode : kModes) {
        for (const Row& row : rows()) {
            REQUIRE(row.cells.size() == cols.size());
            for (std::size_t c = 0; c < cols.size(); ++c) {
                INFO("mode " << to_string(mode) << ": listener " << describe(row.listener)
                             << ", call " << cols[c].name);
                const MatchResult m = match_listener(row.listener, cols[c].filter, mode);
                CHECK(m.matched == expected(row.cells[c], mode));
            }
        }
    }
}

TEST_CASE("bus: match reasons name why a cell is reached or missed") {
    const EmitFilter to_window = EmitFilter::to(EventTarget::window("main"));
    CHECK(match_listener(EventTarget::any(), to_window, Mode::Stable).reason ==
          MatchReason::AnyListener);
    CHECK(match_listener(EventTarget::webview_window("main"), to_window, Mode::Stable).reason ==
          MatchReason::KindsNeverCross);
    CHECK(match_listener(EventTarget::window("other"), to_window, Mode::Stable).reason ==
          MatchReason::LabelDiffers);
    CHECK(match_listener(EventTarget::any_label("main"), to_window, Mode::Tauri20).reason ==
          MatchReason::AnyLabel20);
    CHECK(match_listener(EventTarget::any_label("main"), to_window, Mode::Stable).reason ==
          MatchReason::KindToAnyLabel);
    CHECK(match_listener(EventTarget::window("main"),
                         EmitFilter::to(EventTarget::any_label("main")), Mode::Stable)
              .reason == MatchReason::AnyLabelAccepts);
}

TEST_CASE("bus: emit_filter is never asked about Any listeners - others need an exact accept") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        const EmitFilter nothing = EmitFilter::accepting({});
        CHECK(match_listener(EventTarget::any(), nothing, mode).matched);
        for (const Row& row : rows()) {
            if (row.listener.kind == Kind::Any) continue;
            CHECK_FALSE(match_listener(row.listener, nothing, mode).matched);
        }
        const EmitFilter window = EmitFilter::accepting({EventTarget::window("main")});
        CHECK(match_listener(EventTarget::window("main"), window, mode).matched);
        CHECK_FALSE(match_listener(EventTarget::any_label("main"), window, mode).matched);
        CHECK_FALSE(match_listener(EventTarget::webview_window("main"), window, mode).matched);
        CHECK_FALSE(match_listener(EventTarget::window("other"), window, mode).matched);

        // Through the bus: a filter that accepts nothing still reaches Rust and JS Any listeners.
        BusFixture f(config(mode));
        f.window("main");
        for (const Row& row : rows()) {
            f.rust("e", row.listener, "rust " + describe(row.listener));
            f.js("main", "e", row.listener, "js " + describe(row.listener));
        }
        REQUIRE(f.bus.emit_filter({}, "e", nullptr, Source::rust()).ok);
        f.bus.drain_all();
        CHECK(sorted(f.take_names()) == std::vector<std::string>{"js Any", "rust Any"});
        REQUIRE(f.bus
                    .emit_filter({EventTarget::app(), EventTarget::webview("main")}, "e", nullptr,
                                 Source::rust())
                    .ok);
        f.bus.drain_all();
        CHECK(sorted(f.take_names()) == std::vector<std::string>{"js Any", "js App",
                                                                 "js Webview{main}", "rust Any",
                                                                 "rust App", "rust Webview{main}"});
    }
}

TEST_CASE("bus: every matrix cell through the bus with Rust and JS listeners - Rust and JS emits") {
    const auto cols = columns();
    for (Mode mode : kModes) {
        for (const bool from_js : {false, true}) {
            BusFixture f(config(mode));
            f.window("main");
            f.window("other");
            for (const Row& row : rows()) {
                f.rust("e", row.listener, "rust " + describe(row.listener));
                // JS listeners live in `other`: where a JS listener lives never matters.
                f.js("other", "e", row.listener, "js " + describe(row.listener));
            }
            const Source from = from_js ? Source::js("main") : Source::rust();
            for (std::size_t c = 0; c < cols.size(); ++c) {
                INFO("mode " << to_string(mode) << ", from "
                             << describe_source(from.kind, from.name) << ", call " << cols[c].name);
                call(f.bus, cols[c].filter, from);
                f.bus.drain_all();
                std::vector<std::string> want;
                for (const Row& row : rows()) {
                    if (!expected(row.cells[c], mode)) continue;
                    want.push_back("js " + describe(row.listener));
                    want.push_back("rust " + describe(row.listener));
                }
                CHECK(sorted(f.take_names()) == sorted(want));
            }
        }
    }
}

TEST_CASE("bus: stable emit_to(\"main\") reaches AnyLabel{main} listeners (PR #11581)") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.js("main", "e", EventTarget::any_label("main"), "js listen({target: 'main'})");
        f.rust("e", EventTarget::any_label("main"), "rust AnyLabel{main}");
        REQUIRE(f.bus.emit_to(EventTarget::any_label("main"), "e", nullptr, Source::rust()).ok);
        f.bus.drain_all();
        const std::size_t want = mode == Mode::Tauri20 ? 0 : 1;
        CHECK(f.count("js listen({target: 'main'})") == want);
        CHECK(f.count("rust AnyLabel{main}") == want);
    }
}

TEST_CASE("bus: a global JS listen gets targeted emits even to labels that do not exist (#11379)") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.js("main", "e", EventTarget::any(), "global");
        f.js("main", "e", EventTarget::any_label("main"), "main only");
        f.js("main", "e", EventTarget::webview_window("main"), "current webview window");
        for (const EventTarget& t : {EventTarget::any_label("ghost"), EventTarget::window("ghost"),
                                     EventTarget::webview("ghost"),
                                     EventTarget::webview_window("ghost"), EventTarget::app()}) {
            INFO("emit_to " << describe(t));
            REQUIRE(f.bus.emit_to(t, "e", nullptr, Source::rust()).ok);
            f.bus.drain_all();
            CHECK(f.take_names() == std::vector<std::string>{"global"});
        }
    }
}

TEST_CASE("bus: emit_to(Window{main}) does not reach getCurrentWebviewWindow().listen") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.js("main", "e", EventTarget::webview_window("main"), "webview window");
        f.js("main", "e", EventTarget::webview("main"), "webview");
        f.js("main", "e", EventTarget::window("main"), "window");
        f.rust("e", EventTarget::webview_window("main"), "rust webview window");
        REQUIRE(f.bus.emit_to(EventTarget::window("main"), "e", nullptr, Source::rust()).ok);
        f.bus.drain_all();
        CHECK(f.take_names() == std::vector<std::string>{"window"});
        REQUIRE(f.bus.emit_to(EventTarget::webview("main"), "e", nullptr, Source::js("main")).ok);
        f.bus.drain_all();
        CHECK(f.take_names() == std::vector<std::string>{"webview"});
    }
}

TEST_CASE("bus: emit_to(Any) behaves as emit and is recorded as emit_to") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        for (const Row& row : rows())
            f.rust("e", row.listener, describe(row.listener));
        REQUIRE(f.bus.emit_to(EventTarget::any(), "e", nullptr, Source::rust()).ok);
        CHECK(f.take_names().size() == rows().size());
        const auto emits = f.sink->of("emit");
        REQUIRE(emits.size() == 1);
        CHECK(emits[0]["api"] == "emit_to");
        CHECK(emits[0]["target"] == nlohmann::json{{"kind", "Any"}});
    }
}
