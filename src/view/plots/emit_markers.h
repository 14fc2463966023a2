// The trace timeline as a plot: one marker per emit record, at its time (x, seconds) on the row
// of its event name (y), so a zoomed-in stretch shows which events came when; a click picks the
// marker nearest to it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/record/record.h"
#include "core/util/symbols.h"

namespace eventlab {

struct EmitMarkers {
    std::vector<double> x;           // seconds since the trace began
    std::vector<double> y;           // the row of the marker's event, 0 for the first name
    std::vector<std::size_t> emits;  // the index of each marker in the timeline's emit list
    std::vector<std::string> rows;   // event names, in the order they first appear
};

// The markers of `emits` (record indices of the emit records in `records`, in time order).
EmitMarkers emit_markers(const std::vector<Record>& records, const std::vector<std::size_t>& emits,
                         const Symbols& symbols);

// The marker nearest to (x, y) within `max_dx` seconds and `max_dy` rows: its index into
// EmitMarkers::emits. x dominates: rows are far apart, times are close.
std::optional<std::size_t> nearest_marker(const EmitMarkers& markers, double x, double y,
                                          double max_dx, double max_dy);

}  // namespace eventlab
