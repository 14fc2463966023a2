// Backend commands through Session::invoke (docs/tauri-rules.md, "invoke"): camelCase
// JS keys map to snake_case parameters, and the rejection texts are Tauri's.
#include <string>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

// A rejected invoke: the text, an invoke record with ok=false, an error record, no emit.
void check_rejected(SessionFixture& f, std::string_view command, const json& args,
                    const std::string& want) {
    const InvokeResult r = f.session.invoke("main", command, args);
    CHECK_FALSE(r.ok);
    CHECK(r.error == want);
    f.session.bus().drain_all();
    CHECK(f.sink->of("emit").empty());
    const auto invokes = f.sink->of("invoke");
    REQUIRE(invokes.size() == 1);
    CHECK(invokes[0]["ok"] == false);
    CHECK(invokes[0]["error"] == want);
    CHECK(invokes[0]["args"] == args);
    const auto errors = f.sink->of("error");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0]["message"] == want);
    CHECK(f.session.bus().last_error() == want);
}

}  // namespace

TEST_CASE("session: invoke send_to_specific_window {windowLabel - data} emits to AnyLabel{label}") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        SessionFixture f(config(mode), {"main", "other"});
        f.js("main", "test-event", "global");
        f.js("other", "test-event", "other feed", EventTarget::any_label("other"));
        f.js("other", "test-event", "other window", EventTarget::window("other"));
        f.js("main", "test-event", "main feed", EventTarget::any_label("main"));
        f.rust("test-event", "rust app");
        const InvokeResult r = f.session.invoke("main", "send_to_specific_window",
                                                json{{"windowLabel", "other"}, {"data", "hi"}});
        REQUIRE_MESSAGE(r.ok, r.error);
        CHECK(r.value.is_null());
        f.session.bus().drain_all();
        CHECK(f.calls("global") == 1);
        CHECK(f.calls("other window") == 1);
        CHECK(f.calls("other feed") == (mode == Mode::Tauri20 ? 0U : 1U));
        CHECK(f.calls("main feed") == 0);
        CHECK(f.calls("rust app") == 0);
        CHECK(json::parse(f.last_payload("global")) == json{{"data", "hi"}});
        const auto emits = f.sink->of("emit");
        REQUIRE(emits.size() == 1);
        CHECK(emits[0]["api"] == "emit_to");
        CHECK(emits[0]["event"] == "test-event");
        CHECK(emits[0]["target"] == json{{"kind", "AnyLabel"}, {"label", "other"}});
        CHECK(emits[0]["from"] == "invoke:send_to_specific_window");
        const auto invokes = f.sink->of("invoke");
        REQUIRE(invokes.size() == 1);
        CHECK(invokes[0]["ok"] == true);
    }
}

TEST_CASE("session: invoke send_test_event_from_backend {data} emits test-event to all") {
    SessionFixture f(config(Mode::Stable), {"main", "other"});
    f.js("other", "test-event", "js", EventTarget::window("other"));
    f.rust("test-event", "rust");
    const InvokeResult r =
        f.session.invoke("main", "send_test_event_from_backend", json{{"data", "x"}});
    REQUIRE_MESSAGE(r.ok, r.error);
    f.session.bus().drain_all();
    CHECK(f.calls("js") == 1);
    CHECK(f.calls("rust") == 1);
    CHECK(f.last_payload("rust") == R"({"data":"x"})");
    const auto emits = f.sink->of("emit");
    REQUIRE(emits.size() == 1);
    CHECK(emits[0]["api"] == "emit");
    CHECK(emits[0]["target"] == nullptr);
}

TEST_CASE("session: invoke without windowLabel rejects with missing required key windowLabel") {
    SessionFixture f;
    check_rejected(f, "send_to_specific_window", json{{"data", "x"}},
                   "invalid args `windowLabel` for command `send_to_specific_window`: command "
                   "send_to_specific_window missing required key windowLabel");
}

TEST_CASE("session: invoke with a snake_case key (window_label) is missing windowLabel") {
    SessionFixture f;
    check_rejected(f, "send_to_specific_window", json{{"window_label", "main"}, {"data", "x"}},
                   "invalid args `windowLabel` for command `send_to_specific_window`: command "
                   "send_to_specific_window missing required key windowLabel");
}

TEST_CASE("session: invoke with data of the wrong type rejects with serde's invalid type") {
    SessionFixture f;
    check_rejected(f, "send_test_event_from_backend", json{{"data", 5}},
                   "invalid args `data` for command `send_test_event_from_backend`: invalid "
                   "type: integer `5`, expected a string");
}

TEST_CASE("session: invoke of an unknown command rejects with Command nope not found") {
    SessionFixture f;
    check_rejected(f, "nope", json::object(), "Command nope not found");
}
