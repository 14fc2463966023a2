#include "core/record/record_log.h"

#include <algorithm>

namespace eventlab {

RecordLog::RecordLog(std::size_t capacity)
    : mutex_(std::make_shared<AdaptiveMutex>()), capacity_(std::max<std::size_t>(capacity, 1)) {}

RecordLog::RecordLog(std::size_t capacity, const Recorder& recorder)
    : mutex_(recorder.lock()),
      recorder_lock_(true),
      capacity_(std::max<std::size_t>(capacity, 1)) {}

void RecordLog::write(const Record& record, const Symbols& symbols) {
    take(Record(record), symbols);
}

void RecordLog::take(Record&& record, const Symbols& /*symbols*/) {
    if (recorder_lock_) {
        store(std::move(record));
    } else {
        std::lock_guard lock(*mutex_);
        store(std::move(record));
    }
}

void RecordLog::store(Record&& record) {
    if (ring_.size() < capacity_) {
        ring_.push_back(std::move(record));
    } else {
        ring_[next_slot_] = std::move(record);
        ++first_;
    }
    ++end_;
    if (++next_slot_ == capacity_) next_slot_ = 0;
}

std::uint64_t RecordLog::first() const {
    std::lock_guard lock(*mutex_);
    return first_;
}

std::uint64_t RecordLog::end() const {
    std::lock_guard lock(*mutex_);
    return end_;
}

std::size_t RecordLog::capacity() const {
    std::lock_guard lock(*mutex_);
    return capacity_;
}

bool RecordLog::get(std::uint64_t position, Record& out) const {
    std::lock_guard lock(*mutex_);
    if (position < first_ || position >= end_) return false;
    out = ring_[slot(position)];
    return true;
}

void RecordLog::scan(std::uint64_t from, std::uint64_t to,
                     const std::function<void(std::uint64_t, const Record&)>& visit) const {
    // Hold the lock for a chunk at a time: a filter rescanning a million records must not keep
    // recording threads waiting for the whole scan.
    constexpr std::uint64_t kChunk = 4096;
    std::uint64_t p = from;
    for (;;) {
        std::lock_guard lock(*mutex_);
        p = std::max(p, first_);
        const std::uint64_t stop = std::min({to, end_, p + kChunk});
        if (p >= stop) return;
        // One division per chunk, not per record: a 64-bit modulo costs as much as a visit.
        std::size_t s = slot(p);
        for (; p < stop; ++p) {
            visit(p, ring_[s]);
            if (++s == capacity_) s = 0;
        }
    }
}

void RecordLog::clear() {
    std::lock_guard lock(*mutex_);
    ring_.clear();
    ring_.shrink_to_fit();
    base_ = first_ = end_;
    next_slot_ = 0;
}

}  // namespace eventlab
