// Backend commands declared as data (a scenario's top-level "commands"; docs/formats.md,
// "Declared commands"): served by Session::invoke like the seed guide's, with the same argument
// checks, their emits made as `invoke:NAME`, and schema errors that say where.
#include <string>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

// The example of docs/formats.md: save_settings emits to main and resolves, delete_account
// rejects.
constexpr std::string_view kCommands = R"("commands": [
    {"name": "save_settings", "args": ["theme", {"name": "font_size", "type": "json"}],
     "emit": {"event": "settings-changed", "payload": {"theme": "$theme", "size": "$font_size"},
              "target": "main"},
     "returns": {"saved": true, "theme": "$theme"}},
    {"name": "delete_account", "args": ["user_id"], "reject": "permission denied"}
  ])";

std::string scenario_with(std::string_view commands, std::string_view steps = "[]") {
    return R"({"windows": ["main", "settings"], )" + std::string(commands) + R"(, "steps": )" +
           std::string(steps) + "}";
}

Scenario parsed(std::string_view text) {
    const ScenarioParse parse = parse_scenario(text, "test.json");
    REQUIRE_MESSAGE(parse.ok(), parse.error());
    CHECK(parse.warnings().empty());
    return *parse;
}

// A session serving the example's commands, with main and settings open.
struct DeclaredFixture : SessionFixture {
    explicit DeclaredFixture(Mode mode = Mode::Stable)
        : SessionFixture(config(mode), {"main", "settings"}) {
        session.add_commands(parsed(scenario_with(kCommands)).commands);
    }
};

std::string error_of(std::string_view text) {
    const ScenarioParse result = parse_scenario(text, "bad.json");
    CHECK_FALSE(result.ok());
    return result.error();
}

}  // namespace

TEST_CASE(
    "declared commands: invoke resolves with returns and emits to its target as invoke:NAME") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        DeclaredFixture f(mode);
        f.js("main", "settings-changed", "main global");
        f.js("main", "settings-changed", "main targeted", EventTarget::any_label("main"));
        f.js("settings", "settings-changed", "settings global");
        f.js("settings", "settings-changed", "settings targeted",
             EventTarget::any_label("settings"));
        f.rust("settings-changed", "rust app");
        const InvokeResult r = f.session.invoke(
            "settings", "save_settings", json{{"theme", "dark"}, {"fontSize", {{"pt", 14}}}});
        REQUIRE_MESSAGE(r.ok, r.error);
        CHECK(r.value == json{{"saved", true}, {"theme", "dark"}});
        f.session.bus().drain_all();
        const json payload = {{"theme", "dark"}, {"size", {{"pt", 14}}}};
        CHECK(f.calls("main global") == 1);
        CHECK(f.calls("main targeted") == (mode == Mode::Tauri20 ? 0U : 1U));
        CHECK(f.calls("settings global") == 1);  // a global listen gets every emit
        CHECK(f.calls("settings targeted") == 0);
        CHECK(f.calls("rust app") == 0);
        CHECK(json::parse(f.last_payload("main global")) == payload);
        const auto emits = f.sink->of("emit");
        REQUIRE(emits.size() == 1);
        CHECK(emits[0]["api"] == "emit_to");
        CHECK(emits[0]["event"] == "settings-changed");
        CHECK(emits[0]["target"] == json{{"kind", "AnyLabel"}, {"label", "main"}});
        CHECK(emits[0]["from"] == "invoke:save_settings");
        CHECK(emits[0]["payload"] == payload);
        const auto invokes = f.sink->of("invoke");
        REQUIRE(invokes.size() == 1);
        CHECK(invokes[0]["ok"] == true);
        CHECK(invokes[0]["command"] == "save_settings");
        CHECK(f.session.bus().last_error().empty());
    }
}

TEST_CASE("declared commands: reject rejects with exactly its text and is an error") {
    DeclaredFixture f;
    const InvokeResult r = f.session.invoke("main", "delete_account", json{{"userId", "u1"}});
    CHECK_FALSE(r.ok);
    CHECK(r.error == "permission denied");
    CHECK(f.session.bus().last_error() == "permission denied");
    const auto invokes = f.sink->of("invoke");
    REQUIRE(invokes.size() == 1);
    CHECK(invokes[0]["ok"] == false);
    CHECK(invokes[0]["error"] == "permission denied");
}

TEST_CASE("declared commands: arguments are checked as for the seed guide's commands") {
    DeclaredFixture f;
    f.js("main", "settings-changed", "feed");
    SUBCASE("a missing key names the camelCase key") {
        const InvokeResult r = f.session.invoke("main", "save_settings", json{{"theme", "dark"}});
        CHECK_FALSE(r.ok);
        CHECK(r.error ==
              "invalid args `fontSize` for command `save_settings`: command save_settings "
              "missing required key fontSize");
    }
    SUBCASE("the snake_case key is not the camelCase one") {
        const InvokeResult r =
            f.session.invoke("main", "save_settings", json{{"theme", "dark"}, {"font_size", 3}});
        CHECK(r.error ==
              "invalid args `fontSize` for command `save_settings`: command save_settings "
              "missing required key fontSize");
    }
    SUBCASE("a string parameter given a number is serde's invalid type") {
        const InvokeResult r =
            f.session.invoke("main", "save_settings", json{{"theme", 5}, {"fontSize", 3}});
        CHECK(r.error ==
              "invalid args `theme` for command `save_settings`: invalid type: integer `5`, "
              "expected a string");
    }
    SUBCASE("a json parameter takes any value, null too") {
        const InvokeResult r =
            f.session.invoke("main", "save_settings", json{{"theme", "x"}, {"fontSize", nullptr}});
        CHECK_MESSAGE(r.ok, r.error);
        f.session.bus().drain_all();
        CHECK(f.calls("feed") == 1);
        CHECK(json::parse(f.last_payload("feed")) == json{{"theme", "x"}, {"size", nullptr}});
    }
    f.session.bus().drain_all();
    if (!f.session.bus().last_error().empty()) CHECK(f.calls("feed") == 0);  // nothing ran
}

TEST_CASE("declared commands: emits run in order and a bad event name rejects with the bus text") {
    const std::string text = scenario_with(R"("commands": [
        {"name": "both", "args": ["x"],
         "emit": [{"event": "first", "payload": ["$x", "$$x", "$5", {"k": "$x"}]},
                  {"event": "second", "target": {"kind": "Window", "label": "settings"}}],
         "returns": "$x"},
        {"name": "broken", "emit": [{"event": "bad name"}, {"event": "never"}]}
    ])");
    SessionFixture f(config(Mode::Stable), {"main", "settings"});
    f.session.add_commands(parsed(text).commands);
    f.rust("first", "rust first");
    f.js("settings", "second", "second", EventTarget::window("settings"));
    f.js("main", "never", "never");

    const InvokeResult ok = f.session.invoke("main", "both", json{{"x", "v"}});
    REQUIRE_MESSAGE(ok.ok, ok.error);
    CHECK(ok.value == "v");
    f.session.bus().drain_all();
    CHECK(json::parse(f.last_payload("rust first")) == json{"v", "$x", "$5", {{"k", "v"}}});
    CHECK(f.calls("second") == 1);
    CHECK(f.last_payload("second") == "null");
    const auto emits = f.sink->of("emit");
    REQUIRE(emits.size() == 2);
    CHECK(emits[0]["api"] == "emit");
    CHECK(emits[0]["event"] == "first");
    CHECK(emits[0]["target"] == nullptr);
    CHECK(emits[1]["api"] == "emit_to");
    CHECK(emits[1]["target"] == json{{"kind", "Window"}, {"label", "settings"}});

    const InvokeResult bad = f.session.invoke("main", "broken", json::object());
    CHECK_FALSE(bad.ok);
    CHECK(bad.error ==
          R"(only alphanumeric, '-', '/', ':', '_' permitted for event names: "bad name")");
    CHECK(f.session.bus().last_error() == bad.error);
    f.session.bus().drain_all();
    CHECK(f.calls("never") == 0);
    CHECK(f.sink->of("emit").size() == 2);
}

TEST_CASE(
    "declared commands: $name inside a string is the argument's text (the template's greet)") {
    const std::string text = scenario_with(R"("commands": [
        {"name": "greet", "args": ["name"],
         "returns": "Hello, $name! You've been greeted from Rust!"},
        {"name": "sized", "args": ["name", {"name": "n", "type": "json"}],
         "emit": {"event": "sized", "payload": {"label": "${name}s at ${n}px", "raw": "$n",
                                                "keep": "$$name costs US$ 5, $5"}},
         "returns": ["$name$n", "${name}_$n", "$$", "$"]}
    ])");
    SessionFixture f(config(Mode::Stable), {"main"});
    f.session.add_commands(parsed(text).commands);
    f.rust("sized", "rust sized");

    const InvokeResult greet = f.session.invoke("main", "greet", json{{"name", "Ada"}});
    REQUIRE_MESSAGE(greet.ok, greet.error);
    CHECK(greet.value == "Hello, Ada! You've been greeted from Rust!");

    const InvokeResult sized =
        f.session.invoke("main", "sized", json{{"name", "box"}, {"n", {{"w", 2}}}});
    REQUIRE_MESSAGE(sized.ok, sized.error);
    // A json argument inside a string is its JSON text; alone it keeps its type.
    CHECK(sized.value == json{R"(box{"w":2})", R"(box_{"w":2})", "$", "$"});
    f.session.bus().drain_all();
    CHECK(json::parse(f.last_payload("rust sized")) == json{{"label", R"(boxs at {"w":2}px)"},
                                                            {"raw", {{"w", 2}}},
                                                            {"keep", "$name costs US$ 5, $5"}});
}

TEST_CASE("declared commands: optional arguments take their default when absent or null") {
    const std::string text = scenario_with(R"("commands": [
        {"name": "plugin:opener|open_url", "args": ["url", {"name": "with", "optional": true}],
         "returns": {"url": "$url", "with": "$with"}},
        {"name": "hello", "args": ["name", {"name": "greeting", "default": "Hello"},
                                   {"name": "times", "type": "json", "default": 1}],
         "returns": "$greeting, $name! x$times"}
    ])");
    SessionFixture f(config(Mode::Stable), {"main"});
    f.session.add_commands(parsed(text).commands);
    const auto invoke = [&](std::string_view command, const json& args) {
        return f.session.invoke("main", command, args);
    };
    CHECK(invoke("plugin:opener|open_url", json{{"url", "https://tauri.app"}}).value ==
          json{{"url", "https://tauri.app"}, {"with", nullptr}});
    CHECK(invoke("plugin:opener|open_url", json{{"url", "u"}, {"with", "firefox"}}).value ==
          json{{"url", "u"}, {"with", "firefox"}});
    CHECK(invoke("hello", json{{"name", "Ada"}}).value == "Hello, Ada! x1");
    CHECK(invoke("hello", json{{"name", "Ada"}, {"greeting", nullptr}, {"times", 3}}).value ==
          "Hello, Ada! x3");
    CHECK(invoke("hello", json{{"name", "Ada"}, {"greeting", "Hi"}}).value == "Hi, Ada! x1");
    // Present, an optional string argument is still a string, as serde reads Option<String>.
    CHECK(invoke("hello", json{{"name", "Ada"}, {"greeting", 5}}).error ==
          "invalid args `greeting` for command `hello`: invalid type: integer `5`, expected a "
          "string");
    // The required one is still required.
    CHECK(invoke("plugin:opener|open_url", json::object()).error ==
          "invalid args `url` for command `plugin:opener|open_url`: command "
          "plugin:opener|open_url missing required key url");
}

TEST_CASE("declared commands: an emit target may be an argument (\"$show_in\")") {
    const std::string text = scenario_with(R"("commands": [
        {"name": "show", "args": ["show_in", {"name": "to", "type": "json"}],
         "emit": [{"event": "shown", "target": "$show_in", "payload": "$show_in"},
                  {"event": "shown", "target": {"kind": "Window", "label": "$show_in"}},
                  {"event": "shown", "target": "$to"}]}
    ])");
    SessionFixture f(config(Mode::Stable), {"main", "settings"});
    f.session.add_commands(parsed(text).commands);
    f.js("main", "shown", "main", EventTarget::any_label("main"));
    f.js("settings", "shown", "settings", EventTarget::any_label("settings"));

    const InvokeResult r =
        f.session.invoke("main", "show", json{{"showIn", "settings"}, {"to", {{"kind", "App"}}}});
    REQUIRE_MESSAGE(r.ok, r.error);
    f.session.bus().drain_all();
    CHECK(f.calls("main") == 0);
    CHECK(f.calls("settings") == 2);  // AnyLabel{settings}, then Window{settings}
    const auto emits = f.sink->of("emit");
    REQUIRE(emits.size() == 3);
    CHECK(emits[0]["target"] == json{{"kind", "AnyLabel"}, {"label", "settings"}});
    CHECK(emits[0]["payload"] == "settings");
    CHECK(emits[1]["target"] == json{{"kind", "Window"}, {"label", "settings"}});
    CHECK(emits[2]["target"] == json{{"kind", "App"}});

    // An argument that is no target rejects the invoke; the emits before it were made.
    const InvokeResult bad = f.session.invoke("main", "show", json{{"showIn", "main"}, {"to", 5}});
    CHECK_FALSE(bad.ok);
    CHECK(
        bad.error ==
        R"(invalid emit target for command `show`: expected a target: a label or {"kind", "label"}; got 5)");
    f.session.bus().drain_all();
    CHECK(f.calls("main") == 2);
}

TEST_CASE("declared commands: a seed guide name replaces the built-in with a warning") {
    const ScenarioParse parse =
        parse_scenario(scenario_with(R"("commands": [{"name": "send_test_event_from_backend",
                                       "args": ["data"], "returns": 42}])"),
                       "test.json");
    REQUIRE_MESSAGE(parse.ok(), parse.error());
    REQUIRE(parse.warnings().size() == 1);
    CHECK(parse.warnings()[0] ==
          "test.json: /commands/0/name: replaces the seed guide's command "
          "\"send_test_event_from_backend\"");
    SessionFixture f(config(Mode::Stable), {"main"});
    f.js("main", "test-event", "feed");
    f.session.add_commands(parse->commands);
    const InvokeResult r =
        f.session.invoke("main", "send_test_event_from_backend", json{{"data", "x"}});
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.value == 42);
    f.session.bus().drain_all();
    CHECK(f.calls("feed") == 0);  // the declaration emits nothing
    // In its place: the command list still has two entries, the second guide command untouched.
    const auto& commands = f.session.commands().commands();
    REQUIRE(commands.size() == 2);
    CHECK(commands[0].name == "send_test_event_from_backend");
    CHECK(commands[1].name == "send_to_specific_window");
}

TEST_CASE("declared commands: scenario invoke steps reach them under run_scenario") {
    const ScenarioRun run = run_scenario_text(scenario_with(kCommands, R"([
        {"op": "listen", "in": "main", "event": "settings-changed", "name": "main feed",
         "target": "main"},
        {"op": "listen", "in": "settings", "event": "settings-changed", "name": "settings feed",
         "target": "settings"},
        {"op": "invoke", "in": "settings", "command": "save_settings", "name": "save",
         "args": {"theme": "dark", "fontSize": 3}},
        {"op": "expect", "calls": {"main feed": 1, "settings feed": 0, "save": 1},
         "payload": {"main feed": {"theme": "dark", "size": 3},
                     "save": {"saved": true, "theme": "dark"}}, "errors": 0},
        {"op": "invoke", "in": "main", "command": "delete_account", "name": "delete",
         "args": {"userId": "u1"}},
        {"op": "expect", "error": "permission denied", "errors": 1,
         "payload": {"delete": "permission denied"}}
    ])"));
    REQUIRE(run.report.outcomes.size() == 2);
    for (const ExpectOutcome& o : run.report.outcomes) {
        CHECK_MESSAGE(o.ok, o.path << ": " << o.message);
    }
}

TEST_CASE("declared commands: a scenario without commands serves only the seed guide") {
    const Scenario scenario = parsed(R"({"windows": ["main"], "steps": []})");
    CHECK(scenario.commands.empty());
    Session session(BusConfig{});
    auto executor = std::make_shared<StepExecutor>(session);
    executor->prepare(scenario);
    REQUIRE(session.commands().commands().size() == 2);
    CHECK(session.invoke("main", "save_settings", json::object()).error ==
          "Command save_settings not found");
}

TEST_CASE("declared commands: schema errors give the JSON pointer and what was expected") {
    const auto bad = [](std::string_view commands) { return error_of(scenario_with(commands)); };
    CHECK(bad(R"("commands": {})") ==
          "bad.json: /commands: expected an array of command declarations; got {}");
    CHECK(
        bad(R"("commands": ["save"])") ==
        R"(bad.json: /commands/0: expected an object {"name", ["args"], ["emit"], ["returns"] or ["reject"]}; got "save")");
    CHECK(bad(R"("commands": [{"args": []}])") ==
          R"(bad.json: /commands/0: command needs "name" (a string))");
    CHECK(bad(R"("commands": [{"name": ""}])") ==
          R"(bad.json: /commands/0/name: expected a command name; got "")");
    CHECK(bad(R"("commands": [{"name": "a"}, {"name": "b"}, {"name": "a"}])") ==
          R"(bad.json: /commands/2/name: command "a" is declared twice (at /commands/0))");
    CHECK(
        bad(R"("commands": [{"name": "a", "args": ["font-size"]}])") ==
        R"(bad.json: /commands/0/args/0: expected a parameter name as in the Rust fn (letters, digits, _); got "font-size")");
    CHECK(bad(R"("commands": [{"name": "a", "args": ["x", {"name": "x"}]}])") ==
          R"(bad.json: /commands/0/args/1: parameter "x" is listed twice (at /commands/0/args/0))");
    CHECK(
        bad(R"("commands": [{"name": "a", "args": [{"name": "x", "type": "number"}]}])") ==
        R"(bad.json: /commands/0/args/0/type: expected one of string, json, channel; got "number")");
    // A message goes on a parameter of type channel, with $ references as in payloads.
    CHECK(
        bad(R"("commands": [{"name": "a", "args": ["url"], "send": {"channel": "url", "message": 1}}])") ==
        R"(bad.json: /commands/0/send/channel: expected a parameter of type "channel" (the command has none); got "url")");
    CHECK(
        bad(R"("commands": [{"name": "a", "args": [{"name": "ch", "type": "channel"}], "send": [{"channel": "ch", "message": "$c"}]}])") ==
        R"(bad.json: /commands/0/send/0/message: expected $ and a parameter (ch), or "$$" for a literal "$"; got "$c")");
    CHECK(bad(R"("commands": [{"name": "a", "emit": {"payload": 1}}])") ==
          R"(bad.json: /commands/0/emit: emit needs "event" (a string))");
    CHECK(
        bad(R"("commands": [{"name": "a", "emit": "e"}])") ==
        R"(bad.json: /commands/0/emit: expected an emit {"event", ["payload"], ["target"]} or an array of them; got "e")");
    CHECK(
        bad(R"("commands": [{"name": "ok"}, {"name": "a", "emit": {"event": "e", "target": {"kind": "Windw", "label": "main"}}}])") ==
        "bad.json: /commands/1/emit/target/kind: expected one of Any, AnyLabel, App, Window, "
        "Webview, WebviewWindow; got \"Windw\"");
    CHECK(
        bad(R"("commands": [{"name": "a", "emit": [{"event": "e"}, {"event": "f", "target": {"kind": "Window"}}]}])") ==
        R"(bad.json: /commands/0/emit/1/target: kind "Window" needs "label" (a string))");
    CHECK(
        bad(R"("commands": [{"name": "a", "args": ["theme"], "emit": {"event": "e", "payload": {"t": ["$them"]}}}])") ==
        R"(bad.json: /commands/0/emit/payload/t/0: expected $ and a parameter (theme), or "$$" for a literal "$"; got "$them")");
    CHECK(
        bad(R"("commands": [{"name": "a", "returns": "$x"}])") ==
        R"(bad.json: /commands/0/returns: expected no "$" reference (the command has no parameters; "$$" is a literal "$"); got "$x")");
    CHECK(
        bad(R"x("commands": [{"name": "greet", "args": ["name"], "returns": "Hello, $nmae! (${name})"}])x") ==
        R"x(bad.json: /commands/0/returns: expected $ and a parameter (name), or "$$" for a literal "$"; got "Hello, $nmae! (${name})")x");
    CHECK(
        bad(R"("commands": [{"name": "a", "args": ["show_in"], "emit": {"event": "e", "target": "$show"}}])") ==
        R"(bad.json: /commands/0/emit/target: expected $ and a parameter (show_in), or "$$" for a literal "$"; got "$show")");
    CHECK(
        bad(R"("commands": [{"name": "a", "args": ["w"], "emit": {"event": "e", "target": {"kind": "Window", "label": "win-${x}"}}}])") ==
        R"(bad.json: /commands/0/emit/target/label: expected $ and a parameter (w), or "$$" for a literal "$"; got "win-${x}")");
    CHECK(
        bad(R"("commands": [{"name": "a", "args": ["w"], "emit": {"event": "e", "target": {"kind": "Windw", "label": "$w"}}}])") ==
        "bad.json: /commands/0/emit/target/kind: expected one of Any, AnyLabel, App, Window, "
        "Webview, WebviewWindow; got \"Windw\"");
    CHECK(bad(R"("commands": [{"name": "a", "args": [{"name": "x", "default": 5}]}])") ==
          "bad.json: /commands/0/args/0/default: expected a string or null (the parameter's "
          "type is string); got 5");
    CHECK(bad(R"("commands": [{"name": "a", "args": [{"name": "x", "optional": "yes"}]}])") ==
          R"(bad.json: /commands/0/args/0/optional: expected a boolean; got "yes")");
    CHECK(
        bad(R"("commands": [{"name": "a", "returns": 1, "reject": "no"}])") ==
        R"(bad.json: /commands/0: command has both "returns" and "reject"; expected one of them)");
    CHECK(bad(R"("commands": [{"name": "a", "reject": false}])") ==
          "bad.json: /commands/0/reject: expected a string; got boolean");
}

TEST_CASE("declared commands: unknown fields in a declaration are warnings with their pointer") {
    const ScenarioParse parse =
        parse_scenario(scenario_with(R"("commands": [{"name": "a", "retruns": 1,
                                       "args": [{"name": "x", "kind": "json"}],
                                       "emit": {"event": "e", "to": "main"}}])"),
                       "test.json");
    REQUIRE_MESSAGE(parse.ok(), parse.error());
    CHECK(sorted(parse.warnings()) ==
          sorted({"test.json: /commands/0/retruns: unknown field, ignored",
                  "test.json: /commands/0/args/0/kind: unknown field, "
                  "ignored",
                  "test.json: /commands/0/emit/to: unknown field, "
                  "ignored"}));
}
