// What the simulated-window panel's forms read and prefill: what a person types must become the
// listen and invoke calls they meant.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/app/commands.h"
#include "view/windows/window_forms.h"

namespace eventlab {

TEST_CASE("window forms: event lists - listener names - invoke args in camelCase") {
    CHECK(parse_event_list(" a, b ,,c ") == std::vector<std::string>{"a", "b", "c"});
    CHECK(parse_event_list("").empty());
    CHECK(check_event_list({"ok", "also-ok"}, Mode::Stable).ok());
    CHECK(check_event_list({"ok", "bad name"}, Mode::Stable).error().find("bad name") !=
          std::string::npos);

    CHECK(default_listener_name("main", "test-event", std::nullopt, false) ==
          "main: listen(test-event)");
    CHECK(default_listener_name("main", "test-event", EventTarget::any_label("main"), false) ==
          "main: listen(test-event, {target: main})");
    CHECK(default_listener_name("main", "e", EventTarget::window("main"), true) ==
          "main: once(e, {target: Window{main}})");

    const CommandRegistry registry = CommandRegistry::seed_guide();
    const Command* to_window = registry.find("send_to_specific_window");
    REQUIRE(to_window != nullptr);
    CHECK(default_invoke_args(*to_window, "main") ==
          nlohmann::json{{"windowLabel", "main"}, {"data", "test data"}});
    CHECK(default_invoke_text(*to_window, "main") ==
          R"({"windowLabel": "main", "data": "test data"})");
    const Command* to_all = registry.find("send_test_event_from_backend");
    REQUIRE(to_all != nullptr);
    CHECK(default_invoke_text(*to_all, "main") == R"({"data": "test data"})");
}

}  // namespace eventlab
