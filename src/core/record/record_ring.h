// The records an in-memory log keeps: a fixed capacity (the oldest are dropped and counted), at
// absolute positions that never move. Not locked: its owner (RecordLog) says which lock guards
// it. Inline, so that the recorder builds each record straight in the next slot
// (Recorder::append_built) without a call per record.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/record/record.h"

namespace eventlab {

class RecordRing {
  public:
    explicit RecordRing(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

    // The slot of the next record, emptied of the one it replaces, already counted in end().
    Record& claim() {
        if (!full_) return add();
        Record& record = records_[next_slot_];
        record = Record();
        ++first_;
        ++end_;
        if (++next_slot_ == capacity_) next_slot_ = 0;
        return record;
    }

    std::uint64_t first() const { return first_; }
    std::uint64_t end() const { return end_; }
    std::size_t capacity() const { return capacity_; }
    // The record at a position in [first(), end()).
    const Record& at(std::uint64_t position) const { return records_[slot(position)]; }
    // Calls visit(position, record) for [from, to), which must lie in [first(), end()).
    template <class Visit>
    void visit(std::uint64_t from, std::uint64_t to, Visit&& visit) const {
        // One division per call, not per record: a 64-bit modulo costs as much as a visit.
        std::size_t s = slot(from);
        for (std::uint64_t p = from; p < to; ++p) {
            visit(p, records_[s]);
            if (++s == capacity_) s = 0;
        }
    }
    void clear() {  // drops everything (positions keep counting up)
        records_.clear();
        records_.shrink_to_fit();
        base_ = first_ = end_;
        next_slot_ = 0;
        full_ = false;
    }

  private:
    // The ring's first round: a new slot at the back (out of line: inlined, its growth code
    // kept the hot path from being inlined).
    [[gnu::noinline]] Record& add() {
        Record& record = records_.emplace_back();
        full_ = records_.size() == capacity_;
        ++end_;
        if (++next_slot_ == capacity_) next_slot_ = 0;
        return record;
    }
    std::size_t slot(std::uint64_t position) const {
        return static_cast<std::size_t>((position - base_) % capacity_);
    }

    std::size_t capacity_;
    std::vector<Record> records_;  // grows to capacity_, then wraps
    std::size_t next_slot_ = 0;    // slot(end_) without a division per record
    std::uint64_t base_ = 0;       // the position stored in records_[0] (moves on clear)
    std::uint64_t end_ = 0;
    std::uint64_t first_ = 0;
    bool full_ = false;  // records_ holds capacity_ records: claim() replaces the oldest
};

}  // namespace eventlab
