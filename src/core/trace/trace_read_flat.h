// The lines a trace writer writes most (deliveries, skips, windows, …) are flat objects: no
// nested value, no escape. Such a line is read here in one pass over its bytes, faster than any
// general parser; anything else (a nested payload, an escape, a fraction, a big number, a byte
// out of place) makes it answer false, and the line goes to simdjson (trace_read_fast.cpp).
#pragma once

#include <string_view>

#include "core/trace/trace_read_members.h"

namespace eventlab {

// Fills members from a flat line, each value decoded as nlohmann would read it; false (and
// members in any state) when the line is anything else. The line is followed by at least 16
// readable bytes (FastRecordReader::kPadding).
bool read_flat_line(std::string_view line, Members& members);

}  // namespace eventlab
