// The TypeScript a frontend would write for what a simulated window's panel does: listen, emit,
// emitTo, invoke and a React component's useEffect.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/target.h"

namespace eventlab {

// One line each, in the style of the Backend panel's preview (js_value, js_target of
// view/codegen/code_preview.h): `await emitTo("main", "test-event", { data: "x" })`.
// `width` is the columns the code may take: a longer call has its arguments packed onto
// continuation lines (one line when it fits, as it always does with the default).
inline constexpr std::size_t kOneLine = std::string::npos;

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
