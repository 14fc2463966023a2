#include "view/plots/event_rates.h"

#include <algorithm>

namespace eventlab {
namespace {

constexpr std::int64_t kMicros = 1'000'000;

std::int64_t second_of(std::int64_t t_us) {
    return t_us >= 0 ? t_us / kMicros : -1 - (-t_us - 1) / kMicros;  // floor, also before 0
}

}  // namespace

void EventRates::add_emit(Sym event, std::int64_t t_us) {
    const std::int64_t second = second_of(t_us);
    if (second <= newest_ - kSeconds) return;  // older than the minute shown
    newest_ = std::max(newest_, second);
    Slot& slot = slots_[static_cast<std::size_t>(((second % kSeconds) + kSeconds) % kSeconds)];
    if (slot.second != second) {  // a second the ring has come round to again
        slot.second = second;
        slot.counts.clear();
    }
    ++slot.counts[event];
}

std::vector<EventRates::Series> EventRates::series(std::int64_t now_us,
                                                   std::size_t max_series) const {
    const std::int64_t last = second_of(now_us);
    const std::int64_t first = last - kSeconds + 1;
    std::vector<Series> out;
    std::unordered_map<Sym, std::size_t> index;
    for (std::int64_t second = first; second <= last; ++second) {
        const Slot& slot =
            slots_[static_cast<std::size_t>(((second % kSeconds) + kSeconds) % kSeconds)];
        if (slot.second != second) continue;
        for (const auto& [event, count] : slot.counts) {
            auto [at, added] = index.try_emplace(event, out.size());
            if (added) out.push_back(Series{event, {}, 0});
            out[at->second].per_second[static_cast<std::size_t>(second - first)] += count;
            out[at->second].total += count;
        }
    }
    // Busiest first; the symbol (the order names were first seen) breaks ties, so the colours
    // of equal series do not swap from frame to frame.
    std::sort(out.begin(), out.end(), [](const Series& a, const Series& b) {
        return a.total != b.total ? a.total > b.total : a.event < b.event;
    });
    if (out.size() > max_series) out.resize(max_series);
    return out;
}

}  // namespace eventlab
