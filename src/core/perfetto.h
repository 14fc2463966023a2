// Chrome trace-event JSON that ui.perfetto.dev opens: a process per simulated window plus one
// for the Rust backend, an X slice per emit on its sender's track and per delivery on its
// receiver's track, and a flow (s → f) from each emit to each of its deliveries.
#pragma once

#include <string>

#include "core/trace.h"

namespace eventlab {

// Many records share one t_us (virtual time stands still within a step), so each record gets
// its own nanosecond-spaced slot after its t_us: slices never overlap on a track and flows
// bind to exactly one slice.
std::string export_perfetto(const TraceData& trace);

}  // namespace eventlab
