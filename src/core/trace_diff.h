// Golden-trace comparison: for each emit (in order) what was delivered, with listeners known by
// side, window, event and target rather than by numeric id, so unrelated id shifts don't count.
#pragma once

#include <string>
#include <vector>

#include "core/trace.h"

namespace eventlab {

struct TraceDiff {
    std::size_t emits_a = 0;
    std::size_t emits_b = 0;
    std::vector<std::string> differences;  // readable, one per line
    bool equal() const { return differences.empty(); }
};

TraceDiff diff_traces(const TraceData& a, const TraceData& b);

}  // namespace eventlab
