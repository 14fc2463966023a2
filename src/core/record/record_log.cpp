#include "core/record/record_log.h"

#include <algorithm>

namespace eventlab {

RecordLog::RecordLog(std::size_t capacity)
    : mutex_(std::make_shared<AdaptiveMutex>()), ring_(capacity) {}

RecordLog::RecordLog(std::size_t capacity, const Recorder& recorder)
    : mutex_(recorder.lock()), recorder_lock_(true), ring_(capacity) {
    lend_ring(&ring_);
}

void RecordLog::write(const Record& record, const Symbols& symbols) {
    take(Record(record), symbols);
}

void RecordLog::take(Record&& record, const Symbols& /*symbols*/) {
    if (recorder_lock_) {
        ring_.claim() = std::move(record);
    } else {
        std::lock_guard lock(*mutex_);
        ring_.claim() = std::move(record);
    }
}

std::uint64_t RecordLog::first() const {
    std::lock_guard lock(*mutex_);
    return ring_.first();
}

std::uint64_t RecordLog::end() const {
    std::lock_guard lock(*mutex_);
    return ring_.end();
}

std::size_t RecordLog::capacity() const {
    std::lock_guard lock(*mutex_);
    return ring_.capacity();
}

bool RecordLog::get(std::uint64_t position, Record& out) const {
    std::lock_guard lock(*mutex_);
    if (position < ring_.first() || position >= ring_.end()) return false;
    out = ring_.at(position);
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
        p = std::max(p, ring_.first());
        const std::uint64_t stop = std::min({to, ring_.end(), p + kChunk});
        if (p >= stop) return;
        ring_.visit(p, stop, visit);
        p = stop;
    }
}

void RecordLog::clear() {
    std::lock_guard lock(*mutex_);
    ring_.clear();
}

}  // namespace eventlab
