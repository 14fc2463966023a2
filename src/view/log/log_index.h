// Which records of a RecordLog a view shows, kept up to date a bounded number of records per
// frame, so a million-row log never needs a full rescan.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/record/record_log.h"

namespace eventlab {

// Positions of the records a predicate keeps, caught up a bounded number of records at a time.
class LogIndex {
  public:
    using Predicate = std::function<bool(const Record&)>;

    void reset(Predicate keep);  // a new filter: start again from the oldest record
    // Scans at most `budget` new records; returns true when fully caught up.
    bool update(const RecordLog& log, std::size_t budget);
    // Rows still present in the log (dropped ones are pruned at the next update).
    const std::vector<std::uint64_t>& rows() const { return rows_; }
    std::uint64_t scanned() const { return next_; }
    double progress(const RecordLog& log) const;  // 0..1 while catching up

  private:
    Predicate keep_;
    std::vector<std::uint64_t> rows_;
    std::uint64_t next_ = 0;
};

}  // namespace eventlab
