#include "view/log/log_index.h"

#include <algorithm>

namespace eventlab {

void LogIndex::reset(Predicate keep) {
    keep_ = std::move(keep);
    rows_.clear();
    next_ = 0;
}

bool LogIndex::update(const RecordLog& log, std::size_t budget) {
    const std::uint64_t first = log.first();
    // Forget rows the ring has dropped.
    auto alive = std::lower_bound(rows_.begin(), rows_.end(), first);
    rows_.erase(rows_.begin(), alive);
    next_ = std::max(next_, first);
    const std::uint64_t end = log.end();
    // budget may be SIZE_MAX ("everything"): compare the distance, never next_ + budget.
    const std::uint64_t stop = end - next_ > budget ? next_ + budget : end;
    log.scan(next_, stop, [this](std::uint64_t position, const Record& record) {
        if (!keep_ || keep_(record)) rows_.push_back(position);
    });
    next_ = stop;
    return next_ >= end;
}

double LogIndex::progress(const RecordLog& log) const {
    const std::uint64_t first = log.first();
    const std::uint64_t end = log.end();
    if (end <= first) return 1.0;
    return static_cast<double>(std::max(next_, first) - first) / static_cast<double>(end - first);
}

}  // namespace eventlab
