#include "view/plots/latency.h"

#include <algorithm>

namespace eventlab {

void LatencyHistograms::add_emit(std::uint32_t emit, std::int64_t t_us) {
    if (emits_.empty()) emits_.resize(kEmits);
    emits_[emit % kEmits] = {emit, t_us};
}

void LatencyHistograms::add_delivery(Sym window, std::uint32_t emit, std::int64_t t_us) {
    if (emit == 0 || emits_.empty()) return;
    const EmitTime& e = emits_[emit % kEmits];
    if (e.emit != emit) return;
    Histogram& h = windows_[window];
    ++h.counts[static_cast<std::size_t>(bin_of(std::max<std::int64_t>(0, t_us - e.t_us)))];
    ++h.total;
}

const LatencyHistograms::Histogram* LatencyHistograms::of(Sym window) const {
    const auto it = windows_.find(window);
    return it == windows_.end() ? nullptr : &it->second;
}

double LatencyHistograms::bin_floor_us(int i) {
    return i == 0 ? 0.0 : kFirstBinUs * static_cast<double>(std::uint64_t{1} << (i - 1));
}

int LatencyHistograms::bin_of(std::int64_t latency_us) {
    int bin = 0;
    while (bin + 1 < kBins && static_cast<double>(latency_us) >= bin_floor_us(bin + 1))
        ++bin;
    return bin;
}

}  // namespace eventlab
