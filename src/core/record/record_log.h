// An in-memory log: a ring buffer of records with a fixed capacity (the oldest records are
// dropped and counted), at absolute positions that never move, so a reader (the GUI's log,
// view/log/log_index.h) can catch up incrementally instead of rescanning a million rows.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "core/record/record_ring.h"
#include "core/record/recorder.h"
#include "core/util/adaptive_mutex.h"

namespace eventlab {

inline constexpr std::size_t kDefaultLogCapacity = 1'000'000;

class RecordLog final : public RecordSink {
  public:
    explicit RecordLog(std::size_t capacity = kDefaultLogCapacity);
    // A log fed by `recorder` only, guarded by the recorder's own lock: the recorder writes
    // into its ring with that lock held (it lends the ring), and readers lock it.
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
    std::shared_ptr<AdaptiveMutex> mutex_;
    bool recorder_lock_ = false;  // mutex_ is the recorder's, held by whoever calls take()
    RecordRing ring_;
};

}  // namespace eventlab
