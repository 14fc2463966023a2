// What the forms of one simulated window's panel read and prefill: event lists, the name a new
// listener gets, and the arguments an invoke starts with.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/commands.h"
#include "core/bus/mode.h"
#include "core/bus/target.h"
#include "core/util/result.h"

namespace eventlab {

// "a, b ,c" → {"a", "b", "c"}; empty items are dropped.
std::vector<std::string> parse_event_list(std::string_view text);
// Every name of the list valid, or the first bad one in the JS `listen` wording.
Result<void> check_event_list(const std::vector<std::string>& events, Mode mode);

// The name a listener made in the panel gets, in the style of the scenarios:
// "main: listen(test-event, {target: main})".
std::string default_listener_name(std::string_view label, std::string_view event,
                                  const std::optional<EventTarget>& target, bool once);

// The arguments object a JS invoke of `command` needs, camelCase keys, with sample values:
// {"windowLabel": "main", "data": "test data"}.
nlohmann::json default_invoke_args(const Command& command, std::string_view label);
// The same as JSON text in the command's parameter order (JSON objects sort their keys).
std::string default_invoke_text(const Command& command, std::string_view label);

}  // namespace eventlab
