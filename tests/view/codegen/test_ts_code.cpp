// The TypeScript the simulated-window panel and the Backend panel show: what a person copies
// into a real Tauri frontend must be the right call, printed as prettier would print it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "view/codegen/code_preview.h"
#include "view/codegen/ts_code.h"

namespace eventlab {

TEST_CASE("ts code: the TypeScript statement for each action") {
    CHECK(ts_listen("test-event", std::nullopt, false) ==
          R"(const unlisten = await listen("test-event", (event) => console.log(event.payload));)");
    CHECK(
        ts_listen("test-event", EventTarget::any_label("main"), false) ==
        R"(const unlisten = await listen("test-event", (event) => console.log(event.payload), { target: "main" });)");
    CHECK(
        ts_listen("e", EventTarget::webview_window("main"), true) ==
        R"(const unlisten = await once("e", (event) => console.log(event.payload), { target: { kind: "WebviewWindow", label: "main" } });)");

    CHECK(ts_emit("test-event", nullptr) == R"(await emit("test-event");)");
    CHECK(ts_emit("test-event", nlohmann::json{{"data", "x"}}) ==
          R"(await emit("test-event", { data: "x" });)");
    CHECK(ts_emit_to(EventTarget::any_label("main"), "test-event", nlohmann::json{{"data", "x"}}) ==
          R"(await emitTo("main", "test-event", { data: "x" });)");
    CHECK(ts_emit_to(EventTarget::app(), "e", nullptr) == R"(await emitTo({ kind: "App" }, "e");)");

    CHECK(
        ts_invoke("send_to_specific_window",
                  nlohmann::json{{"windowLabel", "main"}, {"data", "test data"}}) ==
        R"(await invoke("send_to_specific_window", { data: "test data", windowLabel: "main" });)");
    CHECK(ts_invoke("ping", nlohmann::json::object()) == R"(await invoke("ping");)");

    const std::string with_cleanup = ts_component("Feed", {"test-event"}, true, false);
    CHECK(with_cleanup ==
          "// <Feed />\n"
          "useEffect(() => {\n"
          "  const unlisten = listen(\"test-event\", (event) => console.log(event.payload));\n"
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

TEST_CASE("ts code: a call too wide gets one argument per line - prettier style") {
    const nlohmann::json payload = {{"data", "test data"}};
    CHECK(ts_emit_to(EventTarget::any_label("main"), "test-event", payload, 40) ==
          "await emitTo(\n"
          "  \"main\",\n"
          "  \"test-event\",\n"
          "  { data: \"test data\" },\n"
          ");");
    CHECK(ts_listen("test-event", EventTarget::any_label("main"), false, 34) ==
          "const unlisten = await listen(\n"
          "  \"test-event\",\n"
          "  (event) => console.log(event.payload),\n"
          "  { target: \"main\" },\n"
          ");");
    // What fits stays on one line.
    CHECK(ts_emit("test-event", nullptr, 40) == R"(await emit("test-event");)");
    // Inside useEffect the broken call keeps the block's indent.
    CHECK(ts_component("Feed", {"a", "b"}, true, false, 40) ==
          "// <Feed />\n"
          "useEffect(() => {\n"
          "  const unlisten = [\"a\", \"b\"].map(\n"
          "    (name) => listen(name, (event) => console.log(event.payload)),\n"
          "  );\n"
          "  return () => unlisten.forEach(\n"
          "    (p) => p.then((fn) => fn()),\n"
          "  );\n"
          "}, []);");
}

TEST_CASE("ts code: the Backend panel and the window panel print the same call") {
    EmitCall call;
    call.api = EmitApi::EmitTo;
    call.event = "test-event";
    call.payload = {{"data", "hello"}};
    call.target = EventTarget::webview_window("main");
    for (const std::size_t width : {kPreviewWidth, std::size_t{50}}) {
        INFO(width);
        const std::string window_line = ts_emit_to(call.target, call.event, call.payload, width);
        CHECK(preview_emit(call, width).ts.find(window_line) != std::string::npos);
    }
    const ListenCall listen{RustListenApi::Window, "main", "test-event", true};
    CHECK(preview_listen(listen, 40)
              .ts.find(ts_listen("test-event", EventTarget::window("main"), true, 40)) !=
          std::string::npos);
}

TEST_CASE("ts code: strings are JS literals - quotes - escapes - non-ASCII keys") {
    CHECK(ts_emit("say \"hi\"\n", nullptr) == R"(await emit("say \"hi\"\n");)");
    CHECK(js_value({{"naïve 語", "\t"}}) == R"({ "naïve 語": "\t" })");
}

}  // namespace eventlab
