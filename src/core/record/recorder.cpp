#include "core/record/recorder.h"

#include <algorithm>

namespace eventlab {

void Recorder::add_sink(std::shared_ptr<RecordSink> sink) {
    std::lock_guard lock(*mutex_);
    sinks_.push_back(std::move(sink));
    active_.store(true, std::memory_order_relaxed);
}

void Recorder::remove_sink(const RecordSink* sink) {
    std::lock_guard lock(*mutex_);
    std::erase_if(sinks_, [sink](const auto& s) { return s.get() == sink; });
    active_.store(!sinks_.empty(), std::memory_order_relaxed);
}

void Recorder::append(Record&& record) {
    std::lock_guard lock(*mutex_);
    if (sinks_.empty()) return;
    // Only append writes seq_, under the lock: a plain store, not a read-modify-write.
    const std::uint64_t seq = seq_.load(std::memory_order_relaxed) + 1;
    seq_.store(seq, std::memory_order_relaxed);
    record.seq = seq;
    record.t_us = clock_.now_us();
    for (size_t i = 0; i + 1 < sinks_.size(); ++i)
        sinks_[i]->write(record, symbols_);
    sinks_.back()->take(std::move(record), symbols_);
}

}  // namespace eventlab
