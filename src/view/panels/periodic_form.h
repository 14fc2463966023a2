// What the Periodic panel needs besides ImGui: the preset sender of the default workspace, the
// interval as a person types it ("250 ms", "10 s", "1 h") with its clamping, and new sender ids.
// Kept here so the rules are tested without a GUI.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/periodic.h"

namespace eventlab {

// The seed guide's sender as a preset row: `seed-ticker`, test-event every 10 s to all windows,
// payload {"data": "tick {n}"}. The panel shows it off until a person turns it on.
PeriodicSpec seed_ticker_preset();

struct IntervalInput {
    std::optional<std::int64_t> us;  // empty: the text is not an interval at all
    std::string message;  // why the text was refused, or why the value was clamped; else empty
    bool clamped = false;
};

// A number with an optional unit: us, ms (the default), s, min (or m), h; decimals allowed
// ("1.5 s"). 0 and below are refused; other values outside 1 ms .. 1 h are clamped to the
// nearest bound, and `message` says so.
IntervalInput parse_interval(std::string_view text);
// The largest unit that shows the interval exactly: "10 s", "250 ms", "2 min", "1 h", "1500 us".
std::string format_interval(std::int64_t us);

// "sender-2", "sender-3", ...: the first not in `taken`.
std::string next_sender_id(const std::vector<std::string>& taken);

// A payload as a person would type it: one line, with a space after each `:` and `,`
// ({"data": "tick {n}"}), unlike json::dump()'s packed form.
std::string payload_text(const nlohmann::json& payload);

// One line for a sender: "test-event every 10 s to all windows" / "... to WebviewWindow{main}".
std::string describe_periodic(const PeriodicSpec& spec);

}  // namespace eventlab
