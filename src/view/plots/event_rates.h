// Events per second per event name over the last minute, as the Plots panel draws it live: the
// log's emit records counted into one-second bins as they arrive (the panel feeds the new ones
// each frame, and stops feeding while the log is paused, so the plot pauses with it).
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/util/symbols.h"

namespace eventlab {

class EventRates {
  public:
    static constexpr int kSeconds = 60;

    // An emit of `event` at `t_us` (the session clock). Emits older than the minute before the
    // newest one are dropped.
    void add_emit(Sym event, std::int64_t t_us);
    void clear() { *this = EventRates(); }

    struct Series {
        Sym event = kNoSym;
        // Emits in each second of the minute that ends with the second of `now_us`, oldest first.
        std::array<double, kSeconds> per_second{};
        double total = 0;  // over the minute
    };
    // The `max_series` events with the most emits in the minute ending at `now_us`, busiest
    // first (ties: the event that came first); an event with none in that minute is left out.
    std::vector<Series> series(std::int64_t now_us, std::size_t max_series) const;

  private:
    struct Slot {
        std::int64_t second = -1;  // which second the counts are for
        std::unordered_map<Sym, std::uint32_t> counts;
    };
    std::array<Slot, kSeconds> slots_;  // by second modulo kSeconds
    std::int64_t newest_ = -1;
};

}  // namespace eventlab
