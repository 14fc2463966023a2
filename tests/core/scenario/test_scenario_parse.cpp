// The scenario parser as a user meets it: a good file becomes steps, a bad one gives one line
// that says where (FILE:LINE:COL or the JSON pointer) and what was expected.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/scenario/scenario.h"

using eventlab::EventTarget;
using eventlab::Op;
using eventlab::parse_scenario;
using eventlab::ScenarioParse;

namespace {

// The error of a scenario that must not parse (fails the test if it does).
std::string error_of(std::string_view text) {
    const ScenarioParse result = parse_scenario(text, "bad.json");
    CHECK_FALSE(result.ok());
    return result.error();
}

// Wraps one step in a minimal scenario.
std::string with_step(const std::string& step) {
    return R"({"steps": [)" + step + "]}";
}

}  // namespace

TEST_CASE("scenario parse: the example from the spec") {
    const ScenarioParse result = parse_scenario(R"({
  "tauri": "stable",
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "test-event", "name": "feed"},
    {"op": "emit", "event": "test-event", "payload": {"data": "hi"}},
    {"op": "expect", "calls": {"feed": 1}}
  ]
})",
                                                "example.json");
    REQUIRE_MESSAGE(result.ok(), result.error());
    CHECK(result.warnings().empty());
    const eventlab::Scenario& s = *result;
    CHECK(s.mode == eventlab::Mode::Stable);
    CHECK_FALSE(s.order.has_value());
    CHECK_FALSE(s.seed.has_value());
    CHECK(s.windows == std::vector<std::string>{"main", "settings"});
    REQUIRE(s.steps.size() == 3);

    const eventlab::Step& listen = s.steps[0];
    CHECK(listen.op == Op::Listen);
    CHECK(listen.path == "/steps/0");
    CHECK(listen.in == "main");
    CHECK(listen.event == "test-event");
    CHECK(listen.name == "feed");
    CHECK_FALSE(listen.target.has_value());
    CHECK_FALSE(listen.once);

    const eventlab::Step& emit = s.steps[1];
    CHECK(emit.op == Op::Emit);
    CHECK(emit.path == "/steps/1");
    CHECK(emit.from == "rust");
    REQUIRE(emit.payload.has_value());
    CHECK(*emit.payload == nlohmann::json{{"data", "hi"}});

    const eventlab::Step& expect = s.steps[2];
    CHECK(expect.op == Op::Expect);
    REQUIRE(expect.expect.calls.has_value());
    CHECK(*expect.expect.calls == std::map<std::string, std::uint64_t>{{"feed", 1}});
    CHECK_FALSE(expect.expect.payload.has_value());
}

TEST_CASE("scenario parse: every op reads its fields") {
    const ScenarioParse result = parse_scenario(R"({
  "description": "all ops", "order": "random", "seed": 42, "tauri": "2.0",
  "steps": [
    {"op": "listen", "in": "rust", "event": "e", "once": true, "say": "hello",
     "target": {"kind": "WebviewWindow", "label": "main"}},
    {"op": "unlisten", "name": "feed"},
    {"op": "emit", "event": "e", "from": "main"},
    {"op": "emit_to", "target": {"kind": "App", "label": "ignored"}, "event": "e", "payload": 3},
    {"op": "emit_filter", "accept": ["main", {"kind": "Any"}], "event": "e"},
    {"op": "invoke", "in": "main", "command": "save", "args": {"x": 1}, "name": "r"},
    {"op": "create_window", "label": "w2"},
    {"op": "close_window", "label": "w2"},
    {"op": "mount", "in": "main", "component": "Feed", "cleanup": true, "strict": true,
     "listen": [{"event": "a"}, {"event": "b", "target": "main", "name": "bee"}]},
    {"op": "unmount", "in": "main", "component": "Feed"},
    {"op": "periodic_start", "id": "tick", "event": "t", "interval_ms": 100, "payload": "n={n}"},
    {"op": "periodic_stop", "id": "tick"},
    {"op": "advance", "ms": 0},
    {"op": "expect", "payload": {"feed": null}, "listeners": {"rust": 2}, "leaked": {"main": 0},
     "error": "denied", "windows": ["main"]}
  ]
})",
                                                "all.json");
    REQUIRE_MESSAGE(result.ok(), result.error());
    const eventlab::Scenario& s = *result;
    CHECK(s.description == "all ops");
    CHECK(s.order == eventlab::Order::Random);
    CHECK(s.seed == 42u);
    CHECK(s.mode == eventlab::Mode::Tauri20);
    REQUIRE(s.steps.size() == 14);
    CHECK(s.steps[0].say == "hello");
    CHECK(s.steps[0].once);
    CHECK(s.steps[0].target == EventTarget::webview_window("main"));
    CHECK(s.steps[1].name == "feed");
    CHECK(s.steps[2].from == "main");
    CHECK_FALSE(s.steps[2].payload.has_value());
    CHECK(s.steps[3].target == EventTarget::app());
    CHECK(s.steps[3].payload == nlohmann::json(3));
    CHECK(s.steps[4].accept ==
          std::vector<EventTarget>{EventTarget::any_label("main"), EventTarget::any()});
    CHECK(s.steps[5].command == "save");
    CHECK(s.steps[5].args == nlohmann::json{{"x", 1}});
    CHECK(s.steps[6].label == "w2");
    CHECK(s.steps[7].op == Op::CloseWindow);

    const eventlab::Step& mount = s.steps[8];
    CHECK(mount.cleanup);
    CHECK(mount.strict);
    REQUIRE(mount.listen.size() == 2);
    CHECK(mount.listen[0].event == "a");
    CHECK_FALSE(mount.listen[0].target.has_value());
    CHECK(mount.listen[0].name == "Feed");  // absent name: the component's
    CHECK(mount.listen[1].target == EventTarget::any_label("main"));
    CHECK(mount.listen[1].name == "bee");

    CHECK(s.steps[9].component == "Feed");
    CHECK(s.steps[10].interval_ms == 100);
    CHECK(s.steps[10].payload == nlohmann::json("n={n}"));
    CHECK(s.steps[11].id == "tick");
    CHECK(s.steps[12].op == Op::Advance);
    CHECK(s.steps[12].ms == 0);

    const eventlab::Expectation& e = s.steps[13].expect;
    REQUIRE(e.payload.has_value());
    CHECK(e.payload->at("feed").is_null());
    CHECK(e.listeners == std::map<std::string, std::uint64_t>{{"rust", 2}});
    CHECK(e.leaked == std::map<std::string, std::uint64_t>{{"main", 0}});
    CHECK(e.error == "denied");
    CHECK(e.windows == std::vector<std::string>{"main"});
}

TEST_CASE("scenario parse: a string target is AnyLabel") {
    const ScenarioParse result =
        parse_scenario(with_step(R"({"op": "emit_to", "target": "main", "event": "e"})"), "t.json");
    REQUIRE_MESSAGE(result.ok(), result.error());
    CHECK(result->steps[0].target == EventTarget::any_label("main"));
}

TEST_CASE("scenario parse: an empty steps array is a valid scenario") {
    const ScenarioParse result = parse_scenario(R"({"steps": []})", "empty.json");
    REQUIRE(result.ok());
    CHECK(result->steps.empty());
}

TEST_CASE("scenario parse: a syntax error gives FILE:LINE:COL in characters") {
    // The stray '}' is on line 3; "é" is two bytes but one column.
    const std::string text = "{\n  \"steps\": [\n    {\"op\": \"é\", }\n  ]\n}";
    CHECK(error_of(text) ==
          "bad.json:3:17: syntax error while parsing object key - unexpected '}'; expected "
          "string literal");
}

TEST_CASE("scenario parse: input that ends early points past its last character") {
    CHECK(error_of("{\"steps\": [\n") ==
          "bad.json:2:1: syntax error while parsing value - unexpected end of input; expected "
          "'[', '{', or a literal");
}

TEST_CASE("scenario parse: a number beyond a double's range is refused - not a crash") {
    // Found by fuzz_trace_loader: nlohmann throws out_of_range here, not parse_error.
    CHECK(error_of(with_step(R"({"op": "advance", "ms": 1e400})")) ==
          "bad.json: a number too large for a double");
}

TEST_CASE("scenario parse: a wrong target kind names its pointer and the six kinds") {
    const std::string text = R"({"steps": [
      {"op": "listen", "in": "main", "event": "e"},
      {"op": "emit", "event": "e"},
      {"op": "advance", "ms": 5},
      {"op": "emit_to", "target": {"kind": "Windw", "label": "main"}, "event": "e"}
    ]})";
    CHECK(error_of(text) ==
          "bad.json: /steps/3/target/kind: expected one of Any, AnyLabel, App, Window, Webview, "
          "WebviewWindow; got \"Windw\"");
}

TEST_CASE("scenario parse: a labelled kind without a label") {
    CHECK(error_of(with_step(R"({"op": "emit_to", "target": {"kind": "Window"}, "event": "e"})")) ==
          R"(bad.json: /steps/0/target: kind "Window" needs "label" (a string))");
}

TEST_CASE("scenario parse: a missing required field names the op and the field") {
    CHECK(error_of(R"({"steps": [{"op": "advance", "ms": 1}, {"op": "emit"}]})") ==
          R"(bad.json: /steps/1: op "emit" needs "event" (a string))");
    CHECK(error_of("{}") == R"(bad.json: the scenario needs "steps" (an array of steps))");
}

TEST_CASE("scenario parse: an unknown op lists the known ones") {
    CHECK(error_of(with_step(R"({"op": "emitt", "event": "e"})")) ==
          R"(bad.json: /steps/0/op: unknown op "emitt"; expected one of listen, unlisten, emit, )"
          "emit_to, emit_filter, invoke, create_window, close_window, destroy, prevent_default, "
          "mount, unmount, periodic_start, periodic_stop, advance, expect");
}

TEST_CASE("scenario parse: destroy and prevent_default only inside actions") {
    CHECK(error_of(with_step(R"({"op": "destroy"})")) ==
          R"(bad.json: /steps/0/op: "destroy" is only allowed inside the actions of a listener)");
    CHECK(error_of(with_step(R"({"op": "prevent_default"})")) ==
          "bad.json: /steps/0/op: \"prevent_default\" is only allowed inside the actions of a "
          "listener");

    const ScenarioParse result = parse_scenario(with_step(R"({
      "op": "listen", "in": "rust", "event": "tauri://close-requested",
      "actions": [{"op": "prevent_default"}, {"op": "destroy"}]})"),
                                                "ok.json");
    REQUIRE_MESSAGE(result.ok(), result.error());
    const eventlab::Step& listen = result->steps[0];
    REQUIRE(listen.actions.size() == 2);
    CHECK(listen.actions[0].op == Op::PreventDefault);
    CHECK(listen.actions[1].op == Op::Destroy);
    CHECK(listen.actions[1].path == "/steps/0/actions/1");
}

TEST_CASE("scenario parse: errors inside actions use the full pointer") {
    CHECK(error_of(R"({"steps": [{"op": "advance", "ms": 1}, {"op": "listen", "in": "main",
        "event": "e", "actions": [{"op": "emit", "event": 7}]}]})") ==
          "bad.json: /steps/1/actions/0/event: expected a string; got 7");
}

TEST_CASE("scenario parse: interval_ms must be at least 1") {
    CHECK(error_of(with_step(
              R"({"op": "periodic_start", "id": "p", "event": "t", "interval_ms": 0})")) ==
          "bad.json: /steps/0/interval_ms: expected an integer >= 1; got 0");
    CHECK(error_of(with_step(R"({"op": "advance", "ms": -1})")) ==
          "bad.json: /steps/0/ms: expected an integer >= 0; got -1");
}

TEST_CASE("scenario parse: an expect that checks nothing") {
    CHECK(error_of(with_step(R"({"op": "expect"})")) ==
          "bad.json: /steps/0: op \"expect\" needs at least one of calls, payload, listeners, "
          "leaked, error, errors, windows");
}

TEST_CASE("scenario parse: wrong types of known fields are errors") {
    CHECK(
        error_of(R"({"tauri": "3.0", "steps": []})") ==
        R"(bad.json: /tauri: expected one of 2.0, 2.10, 2.11, 2.12, stable, next, latest; got "3.0")");
    CHECK(error_of(R"({"seed": -1, "steps": []})") ==
          "bad.json: /seed: expected an integer >= 0; got -1");
    CHECK(error_of(R"({"windows": ["main", 2], "steps": []})") ==
          "bad.json: /windows/1: expected a string; got 2");
    CHECK(error_of(with_step(R"({"op": "listen", "in": "main", "event": "e", "once": "yes"})")) ==
          R"(bad.json: /steps/0/once: expected a boolean; got "yes")");
    CHECK(error_of(with_step(R"({"op": "invoke", "in": "main", "command": "c", "args": []})")) ==
          "bad.json: /steps/0/args: expected an object; got []");
    CHECK(error_of(with_step(R"({"op": "emit_filter", "accept": {}, "event": "e"})")) ==
          "bad.json: /steps/0/accept: expected an array of targets; got {}");
    CHECK(error_of(with_step(R"({"op": "expect", "calls": {"feed": "1"}})")) ==
          R"(bad.json: /steps/0/calls/feed: expected an integer >= 0; got "1")");
    CHECK(error_of("[1, 2]") == "bad.json: expected a JSON object at the top level; got array");
}

TEST_CASE("scenario parse: an unknown field is a warning and the file still parses") {
    const ScenarioParse result = parse_scenario(
        R"({"steps": [{"op": "emit", "event": "e", "paylod": 1}], "comment": "x"})", "w.json");
    REQUIRE_MESSAGE(result.ok(), result.error());
    CHECK(result.warnings() ==
          std::vector<std::string>{"w.json: /steps/0/paylod: unknown field, ignored",
                                   "w.json: /comment: unknown field, ignored"});
    CHECK_FALSE(result->steps[0].payload.has_value());
}

TEST_CASE("scenario parse: deep nesting is refused - not a crash") {
    const std::string text(100000, '[');
    CHECK(error_of(text) == "bad.json:1:513: nesting deeper than 512 levels");
    // Brackets inside strings, escaped quotes included, are text.
    const std::string quoted = R"({"steps": [], "x": "\"[[[)" + std::string(1000, '[') + "\"}";
    const ScenarioParse result = parse_scenario(quoted, "q.json");
    CHECK_MESSAGE(result.ok(), result.error());
}

TEST_CASE("scenario parse: load_scenario reads files and reports unreadable ones") {
    const ScenarioParse missing = eventlab::load_scenario("/nonexistent/dir/missing.json");
    CHECK_FALSE(missing.ok());
    CHECK(missing.error() ==
          "/nonexistent/dir/missing.json: cannot read: No such file or directory");

    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / "eventlab_test_scenario_parse.json";
    std::ofstream(path) << R"({"steps": [{"op": "emit", "event": "e"}]})";
    const ScenarioParse loaded = eventlab::load_scenario(path.string());
    std::filesystem::remove(path);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error());
    CHECK(loaded->steps.size() == 1);
}

TEST_CASE("scenario parse: op names round-trip") {
    for (int i = 0; i <= static_cast<int>(Op::Expect); ++i) {
        const auto op = static_cast<Op>(i);
        CHECK(eventlab::parse_op(eventlab::to_string(op)) == op);
    }
    CHECK(eventlab::to_string(Op::EmitTo) == "emit_to");
    CHECK_FALSE(eventlab::parse_op("Emit").has_value());
}
