// A page's message as Tauri's backend would read it: JSON text through serde_json.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace eventlab::bridge {

// The message, or nullopt with `error` saying what is wrong and where. Numbers come out as
// serde_json reads them: `-0` is the float -0.0 (written back as `-0.0`), not the integer 0.
std::optional<nlohmann::json> parse_page_message(std::string_view text, std::string& error);

}  // namespace eventlab::bridge
