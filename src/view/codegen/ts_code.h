// The TypeScript a Tauri frontend would write, for both panels that show it: the Backend panel's
// preview (code_preview.h) and the simulated window's actions (listen, emit, emitTo, invoke, a
// React component's useEffect). One generator, so both print a call the same way: one line when
// it fits `width` columns, else prettier's layout, one argument per line with a trailing comma.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/target.h"
#include "view/codegen/call_layout.h"

namespace eventlab {

// A JS value literal: `{ data: "x" }` (identifier keys unquoted), arrays, JSON scalars.
std::string js_value(const nlohmann::json& value);
// `"main"` for AnyLabel, `{ kind: "Window", label: "main" }` for the others.
std::string js_target(const EventTarget& target);

// One statement each: `await emitTo("main", "test-event", { data: "x" });`.
std::string ts_listen(std::string_view event, const std::optional<EventTarget>& target, bool once,
                      std::size_t width = kOneLine);
// A payload of null is left out: JS emit() without a payload delivers null.
std::string ts_emit(std::string_view event, const nlohmann::json& payload,
                    std::size_t width = kOneLine);
std::string ts_emit_to(const EventTarget& target, std::string_view event,
                       const nlohmann::json& payload, std::size_t width = kOneLine);
std::string ts_invoke(std::string_view command, const nlohmann::json& args,
                      std::size_t width = kOneLine);
// The useEffect a React component would run, on several lines.
std::string ts_component(std::string_view component, const std::vector<std::string>& events,
                         bool cleanup, bool strict, std::size_t width = kOneLine);

}  // namespace eventlab
