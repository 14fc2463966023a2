// Stamps every record with seq and t_us and hands it to the sinks that are attached (the GUI's
// in-memory log, a trace file, …). With no sink attached the bus builds no records at all.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/record/record.h"
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
    std::uint64_t appended() const { return seq_.load(std::memory_order_relaxed); }

    // The lock append() holds while it calls the sinks. A sink built on it (RecordLog) needs no
    // lock of its own for what the recorder hands it: with recording on, that halves the
    // atomic operations per record, which are most of a record's cost.
    const std::shared_ptr<AdaptiveMutex>& lock() const { return mutex_; }

  private:
    const Clock& clock_;
    Symbols symbols_;
    std::shared_ptr<AdaptiveMutex> mutex_ = std::make_shared<AdaptiveMutex>();
    std::vector<std::shared_ptr<RecordSink>> sinks_;
    std::atomic<bool> active_{false};
    std::atomic<std::uint64_t> seq_{0};
};

}  // namespace eventlab
