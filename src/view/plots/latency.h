// Emit-to-delivery latency per window, for the Plots panel's histogram of each bridged page: the
// time from an emit record to each JS deliver record of that emit in the window. For a real page
// that is when the bridge took the delivery from the window's queue to send it (the page's
// handler runs one WebSocket hop later, which the trace does not see). Counted into bins that
// double in width from 10 µs, so 20 µs and 2 s both read.
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/util/symbols.h"

namespace eventlab {

class LatencyHistograms {
  public:
    static constexpr int kBins = 20;  // from 10 µs, doubling: the last one holds 2.6 s and more
    static constexpr double kFirstBinUs = 10.0;

    void add_emit(std::uint32_t emit, std::int64_t t_us);
    // A delivery of `emit` in `window` at `t_us`; nothing when the emit is unknown (too old, or
    // recorded before the histograms started).
    void add_delivery(Sym window, std::uint32_t emit, std::int64_t t_us);
    void clear() { *this = LatencyHistograms(); }

    struct Histogram {
        std::array<std::uint64_t, kBins> counts{};
        std::uint64_t total = 0;
    };
    // Nullptr for a window with no delivery counted.
    const Histogram* of(Sym window) const;
    // The lower edge of bin `i` in microseconds (0 for the first).
    static double bin_floor_us(int i);
    static int bin_of(std::int64_t latency_us);

  private:
    // Emit times by id, the newest kEmits: an older emit's deliveries are not timed.
    static constexpr std::size_t kEmits = 1U << 16;
    struct EmitTime {
        std::uint32_t emit = 0;
        std::int64_t t_us = 0;
    };
    // Sized at the first emit: the inspector builds this with its Plots panel at start-up, and
    // a megabyte zeroed twice there (construct, then clear) was a visible part of the first frame.
    std::vector<EmitTime> emits_;
    std::unordered_map<Sym, Histogram> windows_;
};

}  // namespace eventlab
