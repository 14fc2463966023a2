// The feed of one simulated window's panel: what its current page received, and what it skipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/bus.h"
#include "core/util/symbols.h"
#include "view/log/log_index.h"

namespace eventlab {

struct FeedEntry {
    std::uint64_t position = 0;  // in the RecordLog
    std::int64_t t_us = 0;
    bool delivered = true;  // false: a skip (the page had no callback, or the window went)
    EventId listener = 0;
    // A skip stands for every listener the emit skipped in this page for one reason (a page
    // reloaded N times skips N stale ids per emit): all of them, `listener` first.
    std::vector<EventId> skipped;
    std::string event;
    std::string listener_name;
    Text payload;     // the emit's JSON text (shared with the emit record); null for a skip
    std::string why;  // the match reason, or why it was skipped
    bool stale = false;
};

// The listener ids of an entry for its row: "#5", or for a skip of several
// "#5, #8, #11, … (40 listeners)", at most `shown` of them.
std::string feed_listener_ids(const FeedEntry& e, std::size_t shown = 3);

// What the current page of one window received (deliveries and skips), caught up incrementally:
// each update() scans at most `budget` new records, so a long log is never rescanned per frame.
// Records from an earlier page under the same label are left out: the newest `created` record
// of the label starts the feed.
class WindowFeed {
  public:
    // `observed`: the feed of a tapped app's window of that label (its records are observed).
    WindowFeed(Symbols& symbols, std::string_view label, bool observed = false);

    bool update(const RecordLog& log, std::size_t budget);  // true when caught up
    std::size_t size() const;
    double progress(const RecordLog& log) const { return index_.progress(log); }
    // The i-th newest entry (0: the newest); nullopt once the log's ring dropped it.
    std::optional<FeedEntry> entry(const RecordLog& log, const Symbols& symbols,
                                   std::size_t newest_index) const;

  private:
    // Shared with the predicate, which runs inside LogIndex::update and sees no positions:
    // counting kept rows lets the page start survive the index pruning dropped rows.
    struct Counts {
        std::uint64_t kept = 0;        // rows the index ever kept
        std::uint64_t page_start = 0;  // `kept` when the newest `created` record went by
    };
    std::size_t first_row() const;

    std::shared_ptr<Counts> counts_;
    LogIndex index_;
};

}  // namespace eventlab
