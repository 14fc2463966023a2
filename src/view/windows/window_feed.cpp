#include "view/windows/window_feed.h"

namespace eventlab {

WindowFeed::WindowFeed(Symbols& symbols, std::string_view label, bool observed)
    : counts_(std::make_shared<Counts>()) {
    const Sym sym = symbols.intern(label);
    index_.reset([counts = counts_, sym, observed](const Record& r) {
        if (r.in != sym || r.observed != observed) return false;
        if (r.type == RecordType::Window) {
            if (static_cast<WindowAction>(r.code) == WindowAction::Created) {
                counts->page_start = counts->kept;
            }
            return false;
        }
        const bool keep =
            (r.type == RecordType::Deliver && r.side() == Side::Js) || r.type == RecordType::Skip;
        if (keep) ++counts->kept;
        return keep;
    });
}

bool WindowFeed::update(const RecordLog& log, std::size_t budget) {
    return index_.update(log, budget);
}

std::size_t WindowFeed::first_row() const {
    const std::uint64_t pruned = counts_->kept - index_.rows().size();
    return counts_->page_start > pruned ? static_cast<std::size_t>(counts_->page_start - pruned)
                                        : 0;
}

std::size_t WindowFeed::size() const {
    return index_.rows().size() - first_row();
}

std::optional<FeedEntry> WindowFeed::entry(const RecordLog& log, const Symbols& symbols,
                                           std::size_t newest_index) const {
    if (newest_index >= size()) return std::nullopt;
    const std::uint64_t position = index_.rows()[index_.rows().size() - 1 - newest_index];
    Record r;
    if (!log.get(position, r)) return std::nullopt;
    FeedEntry e;
    e.position = position;
    e.t_us = r.t_us;
    e.delivered = r.type == RecordType::Deliver;
    e.listener = r.listener;
    e.event = std::string(symbols.view(r.event));
    e.stale = r.has(flag::kStale);
    if (e.delivered) {
        e.listener_name = std::string(symbols.view(r.aux));
        e.payload = r.payload;
        e.why = record_match_words(r, symbols);
    } else {
        e.why = record_skip_words(r);
        e.skipped = record_skip_listeners(r);
    }
    return e;
}

std::string feed_listener_ids(const FeedEntry& e, std::size_t shown) {
    if (e.skipped.size() < 2) return "#" + std::to_string(e.listener);
    return list_ids(e.skipped, shown, "#") + " (" + std::to_string(e.skipped.size()) +
           " listeners)";
}

}  // namespace eventlab
