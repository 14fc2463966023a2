// What happened to each emission, kept up to date from the log a bounded number of records at a
// time: where its emit record is, how many deliver / skip records followed (JS deliveries come
// later than the emit: webviews run their queues on their own loop), and where they are. The
// log uses it to flag an emit nothing listened to; the route view to find an emit's deliveries
// without scanning the log. Entries go when the ring has dropped every record they point to.
#pragma once

#include <cstdint>
#include <deque>
#include <unordered_map>

#include "core/record/record_log.h"

namespace eventlab {

inline constexpr std::uint64_t kNoPosition = ~std::uint64_t{0};

struct EmitEntry {
    std::uint64_t position = kNoPosition;       // the emit record (kNoPosition: not seen)
    std::uint64_t first_outcome = kNoPosition;  // its first deliver or skip record
    std::uint64_t last_outcome = kNoPosition;   // its last one so far
    std::int64_t t_us = 0;
    std::uint32_t delivered = 0;
    std::uint32_t skipped = 0;

    bool seen() const { return position != kNoPosition; }
    std::uint32_t outcomes() const { return delivered + skipped; }
};

// Whether an emit reached anyone yet.
enum class EmitFate : std::uint8_t {
    Unknown,  // not in the tracker (dropped, or before it started)
    Pending,  // nothing yet, but deliveries may still come (a JS queue, a Rust dispatch)
    Reached,  // at least one deliver or skip record
    Lost,     // settled with no deliver or skip: nothing listened
};

// When an emit with no outcome counts as settled.
struct Settling {
    std::uint64_t end = 0;             // log.end() now
    std::int64_t now_us = 0;           // the session clock now
    bool queues_empty = true;          // no JS delivery and no Rust job waiting in the bus
    std::int64_t settle_us = 250'000;  // an emit this old, with empty queues, has settled
};

class EmitTracker {
  public:
    void reset();  // a new log: forget everything
    // Reads at most `budget` new records; returns true when caught up with the log.
    bool update(const RecordLog& log, std::size_t budget);
    std::uint64_t scanned() const { return next_; }

    const EmitEntry* find(std::uint32_t emit) const;
    std::uint32_t newest_emit() const;  // the newest emit record still in the log; 0: none
    // An emit is lost when nothing was delivered or skipped for it and it has settled: the
    // bus's queues are empty and either a later record exists or it is settle_us old.
    EmitFate fate(std::uint32_t emit, const Settling& settling) const;
    // Where listener `id` was registered (kNoPosition: before what the tracker has seen).
    std::uint64_t listen_position(std::uint32_t id) const;
    std::size_t entries() const { return entries_.size(); }

  private:
    EmitEntry* entry_for(std::uint32_t emit, bool create);
    void prune(std::uint64_t first);

    std::deque<EmitEntry> entries_;  // entries_[i] is emit base_ + i (emit ids are dense)
    std::uint32_t base_ = 0;
    std::uint32_t newest_ = 0;
    std::uint64_t next_ = 0;
    std::unordered_map<std::uint32_t, std::uint64_t> listens_;  // listener id → listen record
    std::size_t listens_prune_at_ = 1024;
};

}  // namespace eventlab
