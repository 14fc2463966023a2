// Stamps every record with seq and t_us and hands it to the sinks that are attached (the GUI's
// in-memory log, a trace file, …). With no sink attached the bus builds no records at all.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/record/record.h"
#include "core/record/record_ring.h"
#include "core/util/adaptive_mutex.h"
#include "core/util/clock.h"
#include "core/util/symbols.h"

namespace eventlab {

class RecordSink {
  public:
    virtual ~RecordSink() = default;
    // Called with the recorder's lock held, in seq order; must not call back into the bus.
    virtual void write(const Record& record, const Symbols& symbols) = 0;
    // The last sink may keep the record itself instead of a copy (saves the shared payload's
    // reference-count traffic on the hot path).
    virtual void take(Record&& record, const Symbols& symbols) { write(record, symbols); }

    // A sink that keeps records in a ring guarded by the recorder's lock (RecordLog) lends it:
    // as the last sink, the recorder then builds each record in the ring's next slot instead of
    // building it, then moving it through a virtual call (built on the stack and copied, a
    // record is read back with wider loads than the byte and word stores that wrote it, which
    // stalls store forwarding).
    RecordRing* lent_ring() const { return lent_ring_; }

  protected:
    void lend_ring(RecordRing* ring) { lent_ring_ = ring; }

  private:
    RecordRing* lent_ring_ = nullptr;
};

class Recorder {
  public:
    explicit Recorder(const Clock& clock) : clock_(clock) {}

    Symbols& symbols() { return symbols_; }
    const Symbols& symbols() const { return symbols_; }
    const Clock& clock() const { return clock_; }

    bool active() const { return active_.load(std::memory_order_relaxed); }
    void add_sink(std::shared_ptr<RecordSink> sink);
    void remove_sink(const RecordSink* sink);

    void append(Record&& record);
    // Appends the record that build(Record&) fills in, in the last sink's ring when it lends
    // one. build runs under the recorder's lock on an empty record: it must not call back into
    // the recorder or the bus, and should not allocate (allocate before, move in).
    template <class Build>
    void append_built(Build&& build);
    std::uint64_t appended() const { return seq_.load(std::memory_order_relaxed); }

    // The lock append() holds while it calls the sinks. A sink built on it (RecordLog) needs no
    // lock of its own for what the recorder hands it: with recording on, that halves the
    // atomic operations per record, which are most of a record's cost.
    const std::shared_ptr<AdaptiveMutex>& lock() const { return mutex_; }

  private:
    // Stamps seq and t_us; under the lock.
    void stamp(Record& record) {
        // Only append writes seq_, under the lock: a plain store, not a read-modify-write.
        const std::uint64_t seq = seq_.load(std::memory_order_relaxed) + 1;
        seq_.store(seq, std::memory_order_relaxed);
        record.seq = seq;
        record.t_us = clock_.now_us();
    }

    const Clock& clock_;
    Symbols symbols_;
    std::shared_ptr<AdaptiveMutex> mutex_ = std::make_shared<AdaptiveMutex>();
    std::vector<std::shared_ptr<RecordSink>> sinks_;
    std::atomic<bool> active_{false};
    std::atomic<std::uint64_t> seq_{0};
};

template <class Build>
void Recorder::append_built(Build&& build) {
    std::lock_guard lock(*mutex_);
    if (sinks_.empty()) return;
    RecordRing* ring = sinks_.back()->lent_ring();
    if (ring == nullptr) {
        Record record;
        build(record);
        stamp(record);
        for (size_t i = 0; i + 1 < sinks_.size(); ++i)
            sinks_[i]->write(record, symbols_);
        sinks_.back()->take(std::move(record), symbols_);
        return;
    }
    Record& record = ring->claim();
    build(record);
    stamp(record);
    for (size_t i = 0; i + 1 < sinks_.size(); ++i)
        sinks_[i]->write(record, symbols_);
}

}  // namespace eventlab
