// The GUI's in-memory log: a ring buffer of records with a fixed capacity (the oldest records
// are dropped and counted), and an index of the records a filter keeps, extended incrementally
// so a million-row log never needs a full rescan per frame.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/record/recorder.h"
#include "core/util/adaptive_mutex.h"

namespace eventlab {

inline constexpr std::size_t kDefaultLogCapacity = 1'000'000;

class RecordLog final : public RecordSink {
  public:
    explicit RecordLog(std::size_t capacity = kDefaultLogCapacity);
    // A log fed by `recorder` only, guarded by the recorder's own lock: write and take are then
    // called with it held (by Recorder::append) and take no lock themselves. Readers lock it.
    RecordLog(std::size_t capacity, const Recorder& recorder);

    void write(const Record& record, const Symbols& symbols) override;
    void take(Record&& record, const Symbols& symbols) override;

    // Records live at absolute positions [first(), end()); positions never move.
    std::uint64_t first() const;
    std::uint64_t end() const;
    std::uint64_t dropped() const { return first(); }
    std::size_t capacity() const;
    // Copies the record at an absolute position; false when it was dropped or is not there yet.
    bool get(std::uint64_t position, Record& out) const;
    // Calls visit(position, record) for positions in [from, to) that still exist, under one lock.
    void scan(std::uint64_t from, std::uint64_t to,
              const std::function<void(std::uint64_t, const Record&)>& visit) const;
    void clear();  // drops everything (positions keep counting up)

  private:
    std::size_t slot(std::uint64_t position) const {
        return static_cast<std::size_t>((position - base_) % capacity_);
    }
    void store(Record&& record);

    std::shared_ptr<AdaptiveMutex> mutex_;
    bool recorder_lock_ = false;  // mutex_ is the recorder's, held by whoever calls take()
    std::size_t capacity_;
    std::vector<Record> ring_;   // grows to capacity_, then wraps
    std::size_t next_slot_ = 0;  // slot(end_) without a division per record
    std::uint64_t base_ = 0;     // the position stored in ring_[0] (moves on clear)
    std::uint64_t end_ = 0;
    std::uint64_t first_ = 0;
};

// ImGuiTextFilter's syntax without ImGui: "a,b" keeps rows containing a or b, "-c" drops rows
// containing c; case-insensitive; an empty filter keeps everything.
// The text is parsed here once, and folded with ascii_lower: the log panel's RowMatcher takes
// its terms from terms(), so the two cannot read a filter differently.
class TextFilter {
  public:
    struct Term {
        std::string lower;  // ascii_lower'ed, spaces around it trimmed
        bool exclude = false;
    };

    explicit TextFilter(std::string_view text = {});
    bool active() const { return !terms_.empty(); }
    bool passes(std::string_view row) const;
    const std::string& text() const { return text_; }
    const std::vector<Term>& terms() const { return terms_; }  // in the order written

  private:
    std::string text_;
    std::vector<Term> terms_;
};

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
