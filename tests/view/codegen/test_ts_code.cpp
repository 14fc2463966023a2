// The TypeScript the simulated-window panel shows for each action: what a person copies into a
// real Tauri frontend must be the right call.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "view/codegen/ts_code.h"

namespace eventlab {

TEST_CASE("ts code: the TypeScript line for each action") {
    CHECK(ts_listen("test-event", std::nullopt, false) ==
          R"(const unlisten = await listen("test-event", (e) => console.log(e.payload)))");
    CHECK(
        ts_listen("test-event", EventTarget::any_label("main"), false) ==
        R"(const unlisten = await listen("test-event", (e) => console.log(e.payload), { target: "main" }))");
    CHECK(
        ts_listen("e", EventTarget::webview_window("main"), true) ==
        R"(const unlisten = await once("e", (e) => console.log(e.payload), { target: { kind: "WebviewWindow", label: "main" } }))");

    CHECK(ts_emit("test-event", nullptr) == R"(await emit("test-event"))");
    CHECK(ts_emit("test-event", nlohmann::json{{"data", "x"}}) ==
          R"(await emit("test-event", { data: "x" }))");
    CHECK(ts_emit_to(EventTarget::any_label("main"), "test-event", nlohmann::json{{"data", "x"}}) ==
          R"(await emitTo("main", "test-event", { data: "x" }))");
    CHECK(ts_emit_to(EventTarget::app(), "e", nullptr) == R"(await emitTo({ kind: "App" }, "e"))");

    CHECK(ts_invoke("send_to_specific_window",
                    nlohmann::json{{"windowLabel", "main"}, {"data", "test data"}}) ==
          R"(await invoke("send_to_specific_window", { data: "test data", windowLabel: "main" }))");
    CHECK(ts_invoke("ping", nlohmann::json::object()) == R"(await invoke("ping"))");

    const std::string with_cleanup = ts_component("Feed", {"test-event"}, true, false);
    CHECK(with_cleanup ==
          "// <Feed />\n"
          "useEffect(() => {\n"
          "  const unlisten = listen(\"test-event\", (e) => console.log(e.payload));\n"
          "  return () => { unlisten.then((fn) => fn()); };\n"
          "}, []);");
    const std::string several = ts_component("Feed", {"a", "b"}, true, false);
    CHECK(several.find(R"(const unlisten = ["a", "b"].map((name) => listen(name, )") !=
          std::string::npos);
    CHECK(several.find("unlisten.forEach") != std::string::npos);
    const std::string leaky = ts_component("Feed", {"a"}, false, true);
    CHECK(leaky.find("return") == std::string::npos);
    CHECK(leaky.find("<StrictMode>") != std::string::npos);
    CHECK(leaky.find("no cleanup") != std::string::npos);
    CHECK(leaky.find("\n  listen(\"a\", ") != std::string::npos);
}

TEST_CASE("ts code: a TypeScript call too wide for the window packs its arguments") {
    const nlohmann::json payload = {{"data", "test data"}};
    CHECK(ts_emit_to(EventTarget::any_label("main"), "test-event", payload, 40) ==
          "await emitTo(\"main\", \"test-event\",\n  { data: \"test data\" })");
    // An argument that cannot fit after the call's head starts the next line.
    CHECK(ts_listen("test-event", EventTarget::any_label("main"), false, 34) ==
          "const unlisten = await listen(\n"
          "  \"test-event\",\n"
          "  (e) => console.log(e.payload),\n"
          "  { target: \"main\" })");
    // What fits stays on one line.
    CHECK(ts_emit("test-event", nullptr, 40) == R"(await emit("test-event"))");
}

}  // namespace eventlab
