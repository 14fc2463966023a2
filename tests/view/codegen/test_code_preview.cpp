// The equivalent code the Backend panel shows (code_preview.h) and the Periodic panel's form
// rules (periodic_form.h): what a person copies into a real Tauri app must be the right call.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/util/json_text.h"
#include "view/codegen/code_preview.h"
#include "view/panels/periodic_form.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

const nlohmann::json kTestPayload = {{"data", "hello"}};

EmitCall emit_call(EmitApi api, EventTarget target = EventTarget::any(),
                   std::vector<EventTarget> accept = {}) {
    EmitCall call;
    call.api = api;
    call.event = "test-event";
    call.payload = kTestPayload;
    call.target = std::move(target);
    call.accept = std::move(accept);
    return call;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("code preview: the payload is TestEventPayload exactly when it is {\"data\": string}") {
    CHECK(rust_payload(kTestPayload) == R"(TestEventPayload { data: "hello".into() })");
    CHECK(rust_payload({{"data", 1}}) == R"(serde_json::json!({"data": 1}))");
    CHECK(rust_payload({{"data", "x"}, {"more", true}}) ==
          R"(serde_json::json!({"data": "x", "more": true}))");
    CHECK(rust_payload({{"Data", "x"}}) == R"(serde_json::json!({"Data": "x"}))");
    CHECK(rust_payload(nlohmann::json::array({1, "a"})) == R"(serde_json::json!([1, "a"]))");
    CHECK(rust_payload("text") == R"(serde_json::json!("text"))");
    CHECK(rust_payload(nullptr) == "()");  // unit serializes to null
}

TEST_CASE("code preview: strings are escaped the Rust way - not the JSON way") {
    CHECK(rust_string("a\"b\\c") == R"("a\"b\\c")");
    CHECK(rust_string("line\nnext\ttab") == R"("line\nnext\ttab")");
    CHECK(rust_string(std::string("\x01", 1)) == R"("\u{1}")");
    CHECK(rust_string("é 語") == "\"é 語\"");  // Rust source is UTF-8
    CHECK(rust_payload({{"data", "say \"hi\"\n"}}) ==
          R"(TestEventPayload { data: "say \"hi\"\n".into() })");
}

TEST_CASE("code preview: Rust and JSON literals differ only where the languages do") {
    const auto json = [](std::string_view text) {
        std::string out;
        append_json_string(out, text);
        return out;
    };
    // Shared: quotes, backslashes, \n \r \t, and UTF-8 as it is.
    CHECK(rust_string("q\"b\\ é 語 😀\r") == R"("q\"b\\ é 語 😀\r")");
    CHECK(json("q\"b\\ é 語 😀\r") == R"("q\"b\\ é 語 😀\r")");
    // Rust has no \b, \f or \u00XX: its escape is \u{..}, with \0 of its own.
    const std::string controls("\b\f\x1b\x7f", 4);
    CHECK(rust_string(controls) == R"("\u{8}\u{c}\u{1b}\u{7f}")");
    CHECK(json(controls) == "\"\\b\\f\\u001b\x7f\"");  // DEL is plain JSON
    CHECK(rust_string(std::string("a\0b", 3)) == R"("a\0b")");
    CHECK(json(std::string("a\0b", 3)) == R"("a\u0000b")");
    // A typed label may be any bytes: the preview stays valid UTF-8 (a cut-off é here).
    CHECK(rust_string("caf\xC3") == R"("caf\u{fffd}")");
    CHECK(json("caf\xC3") == R"("caf\ufffd")");
}

TEST_CASE("code preview: emit") {
    const CodePreview p = preview_emit(emit_call(EmitApi::Emit));
    CHECK(p.rust ==
          "use tauri::Emitter;\n\n"
          R"(app.emit("test-event", TestEventPayload { data: "hello".into() })?;)");
    CHECK(p.ts ==
          "import { emit } from \"@tauri-apps/api/event\";\n\n"
          R"(await emit("test-event", { data: "hello" });)");
}

TEST_CASE("code preview: emit with a null payload passes unit in Rust and nothing in JS") {
    EmitCall call = emit_call(EmitApi::Emit);
    call.payload = nullptr;
    const CodePreview p = preview_emit(call);
    CHECK(contains(p.rust, R"(app.emit("test-event", ())?;)"));
    CHECK(contains(p.ts, R"(await emit("test-event");)"));
}

TEST_CASE("code preview: emit_to a bare label is a &str in Rust and a string in JS") {
    const CodePreview p = preview_emit(emit_call(EmitApi::EmitTo, EventTarget::any_label("main")));
    CHECK(p.rust ==
          "use tauri::Emitter;\n\n"
          R"(app.emit_to("main", "test-event", TestEventPayload { data: "hello".into() })?;)");
    CHECK(p.ts ==
          "import { emitTo } from \"@tauri-apps/api/event\";\n\n"
          R"(await emitTo("main", "test-event", { data: "hello" });)");
}

TEST_CASE("code preview: emit_to every target kind") {
    struct Case {
        EventTarget target;
        std::string rust;
        std::string ts;
    };
    const Case cases[] = {
        {EventTarget::any(), "EventTarget::any()", R"({ kind: "Any" })"},
        {EventTarget::app(), "EventTarget::app()", R"({ kind: "App" })"},
        {EventTarget::window("main"), R"(EventTarget::window("main"))",
         R"({ kind: "Window", label: "main" })"},
        {EventTarget::webview("main"), R"(EventTarget::webview("main"))",
         R"({ kind: "Webview", label: "main" })"},
        {EventTarget::webview_window("main"), R"(EventTarget::webview_window("main"))",
         R"({ kind: "WebviewWindow", label: "main" })"},
    };
    for (const Case& c : cases) {
        INFO(describe(c.target));
        CHECK(rust_target(c.target) == c.rust);
        CHECK(js_target(c.target) == c.ts);
        const CodePreview p = preview_emit(emit_call(EmitApi::EmitTo, c.target), 200);
        CHECK(contains(p.rust, "use tauri::{Emitter, EventTarget};"));
        CHECK(contains(p.rust, "app.emit_to(" + c.rust + ", \"test-event\", "));
        CHECK(contains(p.ts, "await emitTo(" + c.ts + ", \"test-event\", { data: \"hello\" });"));
    }
}

TEST_CASE("code preview: emit_filter is a matches! closure - JS has none and says so") {
    const CodePreview one =
        preview_emit(emit_call(EmitApi::EmitFilter, {}, {EventTarget::window("main")}), 200);
    CHECK(contains(one.rust,
                   R"(app.emit_filter("test-event", TestEventPayload { data: "hello".into() }, )"
                   R"(|t| matches!(t, EventTarget::Window { label } if label == "main"))?;)"));
    CHECK(contains(one.ts, "// JS has no emit_filter"));
    CHECK(contains(one.ts, R"(await emitTo({ kind: "Window", label: "main" }, "test-event", )"));

    CHECK(rust_filter({}) == "|_| false");
    CHECK(rust_filter({EventTarget::app(), EventTarget::any_label("x")}) ==
          R"(|t| matches!(t, EventTarget::App) || )"
          R"(matches!(t, EventTarget::AnyLabel { label } if label == "x"))");
    const CodePreview none = preview_emit(emit_call(EmitApi::EmitFilter));
    CHECK(contains(none.rust, "|_| false"));
    CHECK(contains(none.ts, "accepts nothing"));
    CHECK_FALSE(contains(none.ts, "emitTo("));
}

TEST_CASE("code preview: a long emit_filter breaks its closure into a block - rustfmt style") {
    const CodePreview p = preview_emit(
        emit_call(EmitApi::EmitFilter, {}, {EventTarget::window("main"), EventTarget::app()}), 60);
    CHECK(contains(p.rust, "|t| {\n"));
    CHECK(
        contains(p.rust, "    matches!(t, EventTarget::Window { label } if label == \"main\")\n"));
    CHECK(contains(p.rust, "        || matches!(t, EventTarget::App)\n"));
}

TEST_CASE("code preview: calls wider than the width get one argument per line") {
    const CodePreview narrow =
        preview_emit(emit_call(EmitApi::EmitTo, EventTarget::webview_window("main")), 50);
    CHECK(contains(narrow.rust,
                   "app.emit_to(\n    EventTarget::webview_window(\"main\"),\n"
                   "    \"test-event\",\n"
                   "    TestEventPayload { data: \"hello\".into() },\n)?;"));
    CHECK(contains(narrow.ts, "await emitTo(\n  { kind: \"WebviewWindow\", label: \"main\" },\n"));
    const CodePreview wide =
        preview_emit(emit_call(EmitApi::EmitTo, EventTarget::webview_window("main")), 120);
    CHECK_FALSE(contains(wide.rust, "(\n"));
}

TEST_CASE("code preview: JS values use identifier keys bare and quote the rest") {
    CHECK(js_value({{"data", "x"}, {"two words", 1}}) == R"({ data: "x", "two words": 1 })");
    CHECK(js_value(nlohmann::json::object()) == "{}");
    CHECK(js_value({1, nullptr, false}) == "[1, null, false]");
    // A typed label is not checked for UTF-8: a bad byte shows as \ufffd, never throws.
    CHECK(js_target(EventTarget::any_label("a\xFF")) == R"("a\ufffd")");
}

TEST_CASE("code preview: each Rust listen API stores its target and reads as Tauri code") {
    struct Case {
        RustListenApi api;
        EventTarget target;
        std::string rust;  // the registering line
        std::string ts_target;
    };
    const Case cases[] = {
        {RustListenApi::App, EventTarget::app(), "let id = app.listen(\"test-event\", |event| {",
         R"({ target: { kind: "App" } })"},
        {RustListenApi::Window, EventTarget::window("main"),
         "let id = window.listen(\"test-event\", |event| {",
         R"({ target: { kind: "Window", label: "main" } })"},
        {RustListenApi::Webview, EventTarget::webview("main"),
         "let id = webview.listen(\"test-event\", |event| {",
         R"({ target: { kind: "Webview", label: "main" } })"},
        {RustListenApi::WebviewWindow, EventTarget::webview_window("main"),
         "let id = webview_window.listen(\"test-event\", |event| {",
         R"({ target: { kind: "WebviewWindow", label: "main" } })"},
        {RustListenApi::Any, EventTarget::any(),
         "let id = app.listen_any(\"test-event\", |event| {", ""},
    };
    for (const Case& c : cases) {
        ListenCall call{c.api, "main", "test-event", false};
        INFO(rust_listen_name(c.api));
        CHECK(listen_target(call) == c.target);
        const CodePreview p = preview_listen(call);
        CHECK(contains(p.rust, c.rust));
        CHECK(contains(p.rust, "println!(\"got {}\", event.payload());"));
        CHECK(contains(p.ts, "const unlisten = await listen("));
        if (c.ts_target.empty()) {
            CHECK_FALSE(contains(p.ts, "target:"));  // no target: the global listen, Any
        } else {
            CHECK(contains(p.ts, c.ts_target));
        }
    }
    const CodePreview window = preview_listen({RustListenApi::Window, "settings", "x", false});
    CHECK(contains(window.rust, "let window = app.get_window(\"settings\").unwrap();\n"));
    CHECK(contains(window.rust, "use tauri::{Listener, Manager};"));
    CHECK(contains(window.rust, "window.unlisten(id);"));
}

TEST_CASE("code preview: once variants") {
    CHECK(rust_listen_name(RustListenApi::App, true) == "app.once");
    CHECK(rust_listen_name(RustListenApi::Any, true) == "once_any");
    CHECK(rust_listen_name(RustListenApi::WebviewWindow, true) == "webview_window.once");
    const CodePreview any = preview_listen({RustListenApi::Any, "", "test-event", true});
    CHECK(contains(any.rust, "let id = app.once_any(\"test-event\", |event| {"));
    CHECK(contains(any.ts, "import { once } from \"@tauri-apps/api/event\";"));
    CHECK(contains(
        any.ts,
        "const unlisten = await once(\"test-event\", (event) => console.log(event.payload));"));
}

TEST_CASE("periodic form: the preset is the seed guide's 10 s sender to all windows") {
    const PeriodicSpec spec = seed_ticker_preset();
    CHECK(spec.id == "seed-ticker");
    CHECK(spec.event == "test-event");
    CHECK(spec.interval_us == 10'000'000);
    CHECK(spec.payload == nlohmann::json({{"data", "tick {n}"}}));
    CHECK_FALSE(spec.target.has_value());
    CHECK(check_periodic(spec, Mode::Stable).ok());
    CHECK(describe_periodic(spec) == "test-event every 10 s to all windows");
}

TEST_CASE("periodic form: intervals are read with units - ms by default") {
    CHECK(parse_interval("10 s").us == 10'000'000);
    CHECK(parse_interval("250").us == 250'000);
    CHECK(parse_interval(" 250ms ").us == 250'000);
    CHECK(parse_interval("1.5 s").us == 1'500'000);
    CHECK(parse_interval("2 min").us == 120'000'000);
    CHECK(parse_interval("1 H").us == 3'600'000'000LL);
    CHECK(parse_interval("1500 us").us == 1'500);
    CHECK(parse_interval("10 ms").message.empty());
}

TEST_CASE("periodic form: out-of-range intervals are clamped and say why - junk is refused") {
    const IntervalInput low = parse_interval("0.2 ms");
    CHECK(low.us == kMinIntervalUs);
    CHECK(low.clamped);
    CHECK(low.message == "the interval is from 1 ms to 1 h: using 1 ms");
    const IntervalInput high = parse_interval("2 h");
    CHECK(high.us == kMaxIntervalUs);
    CHECK(high.message == "the interval is from 1 ms to 1 h: using 1 h");
    for (const char* junk : {"", "fast", "10 parsecs", "nan", "1e400 s"}) {
        INFO(junk);
        const IntervalInput r = parse_interval(junk);
        CHECK_FALSE(r.us.has_value());
        CHECK_FALSE(r.message.empty());
    }
}

TEST_CASE("periodic form: intervals print in the largest exact unit - new ids do not collide") {
    CHECK(format_interval(10'000'000) == "10 s");
    CHECK(format_interval(250'000) == "250 ms");
    CHECK(format_interval(1'500'000) == "1500 ms");
    CHECK(format_interval(120'000'000) == "2 min");
    CHECK(format_interval(3'600'000'000LL) == "1 h");
    CHECK(format_interval(1'500) == "1500 us");
    for (std::int64_t us : {1'000LL, 1'500'000LL, 90'000'000LL, 3'600'000'000LL}) {
        CHECK(parse_interval(format_interval(us)).us == us);
    }
    CHECK(payload_text({{"data", "tick {n}"}, {"list", {1, 2}}}) ==
          R"({"data": "tick {n}", "list": [1, 2]})");
    CHECK(next_sender_id({"seed-ticker"}) == "sender-2");
    CHECK(next_sender_id({"sender-2", "sender-3"}) == "sender-4");
}
