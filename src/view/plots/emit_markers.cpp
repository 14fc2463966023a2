#include "view/plots/emit_markers.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace eventlab {

EmitMarkers emit_markers(const std::vector<Record>& records, const std::vector<std::size_t>& emits,
                         const Symbols& symbols) {
    EmitMarkers m;
    m.x.reserve(emits.size());
    m.y.reserve(emits.size());
    m.emits.reserve(emits.size());
    std::unordered_map<Sym, double> row_of;
    const std::int64_t start = records.empty() ? 0 : records.front().t_us;
    for (std::size_t i = 0; i < emits.size(); ++i) {
        const Record& r = records[emits[i]];
        auto [at, added] = row_of.try_emplace(r.event, static_cast<double>(m.rows.size()));
        if (added) m.rows.emplace_back(symbols.view(r.event));
        m.x.push_back(static_cast<double>(r.t_us - start) * 1e-6);
        m.y.push_back(at->second);
        m.emits.push_back(i);
    }
    return m;
}

std::optional<std::size_t> nearest_marker(const EmitMarkers& markers, double x, double y,
                                          double max_dx, double max_dy) {
    // The markers are in time order: only those within max_dx of x can be nearest.
    const auto from = std::lower_bound(markers.x.begin(), markers.x.end(), x - max_dx);
    std::optional<std::size_t> best;
    double best_distance = 0;
    for (auto it = from; it != markers.x.end() && *it <= x + max_dx; ++it) {
        const auto i = static_cast<std::size_t>(it - markers.x.begin());
        const double dy = std::abs(markers.y[i] - y);
        if (dy > max_dy) continue;
        const double distance = std::abs(*it - x) / max_dx + dy / std::max(max_dy, 1e-9);
        if (!best || distance < best_distance) {
            best = markers.emits[i];
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace eventlab
