#include "core/record/record_log.h"

#include <algorithm>

#include "core/util/ascii_fold.h"

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

TextFilter::TextFilter(std::string_view text) : text_(text) {
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string_view term = text.substr(start, comma - start);
        while (!term.empty() && term.front() == ' ')
            term.remove_prefix(1);
        while (!term.empty() && term.back() == ' ')
            term.remove_suffix(1);
        const bool exclude = !term.empty() && term.front() == '-';
        if (exclude) term.remove_prefix(1);
        if (!term.empty()) terms_.push_back({ascii_lower(term), exclude});  // a lone '-' is none
        start = comma + 1;
    }
}

bool TextFilter::passes(std::string_view row) const {
    bool any_include = false;
    bool included = false;
    for (const Term& term : terms_) {
        if (term.exclude) {
            if (contains_ascii_folded(row, term.lower)) return false;
        } else if (!included) {
            any_include = true;
            included = contains_ascii_folded(row, term.lower);
        }
    }
    return !any_include || included;
}

void LogIndex::reset(Predicate keep) {
    keep_ = std::move(keep);
    rows_.clear();
    next_ = 0;
}

bool LogIndex::update(const RecordLog& log, std::size_t budget) {
    const std::uint64_t first = log.first();
    // Forget rows the ring has dropped.
    auto alive = std::lower_bound(rows_.begin(), rows_.end(), first);
    rows_.erase(rows_.begin(), alive);
    next_ = std::max(next_, first);
    const std::uint64_t end = log.end();
    // budget may be SIZE_MAX ("everything"): compare the distance, never next_ + budget.
    const std::uint64_t stop = end - next_ > budget ? next_ + budget : end;
    log.scan(next_, stop, [this](std::uint64_t position, const Record& record) {
        if (!keep_ || keep_(record)) rows_.push_back(position);
    });
    next_ = stop;
    return next_ >= end;
}

double LogIndex::progress(const RecordLog& log) const {
    const std::uint64_t first = log.first();
    const std::uint64_t end = log.end();
    if (end <= first) return 1.0;
    return static_cast<double>(std::max(next_, first) - first) / static_cast<double>(end - first);
}

}  // namespace eventlab
