#include "view/plots/series_history.h"

#include <algorithm>

namespace eventlab {

void SeriesHistory::sample(double now, const std::vector<std::pair<std::string, double>>& values) {
    last_ = now;
    for (const auto& [label, value] : values) {
        Series& s = series_[label];
        s.label = label;
        s.t.push_back(now);
        s.value.push_back(value);
    }
    const double oldest = now - span_;
    for (auto it = series_.begin(); it != series_.end();) {
        Series& s = it->second;
        const auto keep = std::lower_bound(s.t.begin(), s.t.end(), oldest);
        const auto drop = keep - s.t.begin();
        s.t.erase(s.t.begin(), keep);
        s.value.erase(s.value.begin(), s.value.begin() + drop);
        if (s.t.empty()) {
            it = series_.erase(it);  // not sampled for a whole span: the window is gone
            continue;
        }
        s.peak = *std::max_element(s.value.begin(), s.value.end());
        ++it;
    }
}

std::vector<const SeriesHistory::Series*> SeriesHistory::highest(std::size_t max_series) const {
    std::vector<const Series*> out;
    out.reserve(series_.size());
    for (const auto& entry : series_)
        out.push_back(&entry.second);
    std::stable_sort(out.begin(), out.end(),
                     [](const Series* a, const Series* b) { return a->peak > b->peak; });
    if (out.size() > max_series) out.resize(max_series);
    return out;
}

}  // namespace eventlab
