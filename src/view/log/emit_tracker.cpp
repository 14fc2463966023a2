#include "view/log/emit_tracker.h"

#include <algorithm>

namespace eventlab {
namespace {

// Emit ids count up by one per emission; a jump this large means records from somewhere else
// (a synthetic log): start again at the new id rather than allocate the gap.
constexpr std::uint32_t kMaxGap = 1U << 22;

}  // namespace

void EmitTracker::reset() {
    entries_.clear();
    base_ = 0;
    newest_ = 0;
    next_ = 0;
    listens_.clear();
    listens_prune_at_ = 1024;
}

EmitEntry* EmitTracker::entry_for(std::uint32_t emit, bool create) {
    if (entries_.empty()) {
        if (!create) return nullptr;
        base_ = emit;
    }
    if (emit < base_) return nullptr;  // older than what is kept: its emit record is gone
    const std::uint64_t offset = emit - base_;
    if (offset >= entries_.size()) {
        if (!create) return nullptr;
        if (offset - entries_.size() > kMaxGap) {
            entries_.clear();
            base_ = emit;
        }
        entries_.resize(emit - base_ + 1);
    }
    return &entries_[emit - base_];
}

void EmitTracker::prune(std::uint64_t first) {
    auto gone = [first](std::uint64_t p) { return p == kNoPosition || p < first; };
    while (!entries_.empty() && gone(entries_.front().position) &&
           gone(entries_.front().last_outcome)) {
        entries_.pop_front();
        ++base_;
    }
    if (listens_.size() >= listens_prune_at_) {
        std::erase_if(listens_, [first](const auto& item) { return item.second < first; });
        listens_prune_at_ = std::max<std::size_t>(1024, listens_.size() * 2);
    }
}

bool EmitTracker::update(const RecordLog& log, std::size_t budget) {
    const std::uint64_t first = log.first();
    prune(first);
    next_ = std::max(next_, first);
    const std::uint64_t end = log.end();
    // No next_ + budget: a budget of SIZE_MAX ("everything") would wrap around.
    const std::uint64_t stop = end - std::min(next_, end) <= budget ? end : next_ + budget;
    log.scan(next_, stop, [this](std::uint64_t position, const Record& r) {
        switch (r.type) {
            case RecordType::Emit:
                if (EmitEntry* e = entry_for(r.emit, true)) {
                    e->position = position;
                    e->t_us = r.t_us;
                    newest_ = std::max(newest_, r.emit);
                }
                break;
            case RecordType::Deliver:
            case RecordType::Skip:
                if (EmitEntry* e = entry_for(r.emit, true)) {
                    if (e->first_outcome == kNoPosition) e->first_outcome = position;
                    e->last_outcome = position;
                    if (r.type == RecordType::Deliver) {
                        ++e->delivered;
                    } else {  // one skip record stands for every listener it lists
                        e->skipped += static_cast<std::uint32_t>(record_skip_count(r));
                    }
                }
                break;
            case RecordType::Listen:
                listens_[r.listener] = position;
                break;
            default:
                break;
        }
    });
    next_ = stop;
    return next_ >= end;
}

const EmitEntry* EmitTracker::find(std::uint32_t emit) const {
    if (entries_.empty() || emit < base_ || emit - base_ >= entries_.size()) return nullptr;
    const EmitEntry& e = entries_[emit - base_];
    return e.seen() || e.outcomes() > 0 ? &e : nullptr;
}

std::uint32_t EmitTracker::newest_emit() const {
    const EmitEntry* e = find(newest_);
    return e != nullptr && e->seen() ? newest_ : 0;
}

EmitFate EmitTracker::fate(std::uint32_t emit, const Settling& settling) const {
    const EmitEntry* e = find(emit);
    if (e == nullptr || !e->seen()) return EmitFate::Unknown;
    if (e->outcomes() > 0) return EmitFate::Reached;
    // Records the tracker has not read yet may hold its deliveries.
    if (next_ < settling.end || !settling.queues_empty) return EmitFate::Pending;
    const bool later_record = e->position + 1 < settling.end;
    const bool old = settling.now_us - e->t_us >= settling.settle_us;
    return later_record || old ? EmitFate::Lost : EmitFate::Pending;
}

std::uint64_t EmitTracker::listen_position(std::uint32_t id) const {
    auto it = listens_.find(id);
    return it == listens_.end() ? kNoPosition : it->second;
}

}  // namespace eventlab
