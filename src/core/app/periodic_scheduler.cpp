#include "core/app/periodic_scheduler.h"

#include <algorithm>

namespace eventlab {

struct PeriodicScheduler::Entry {
    std::shared_ptr<PeriodicSender> sender;
    std::int64_t next_due_us = 0;  // virtual time only
    std::unique_ptr<PeriodicThread> thread;
};

PeriodicScheduler::PeriodicScheduler(EventBus& bus, SessionClock& clock)
    : bus_(bus), clock_(clock) {}

PeriodicScheduler::~PeriodicScheduler() {
    join_all();
}

void PeriodicScheduler::join_all() {
    std::vector<std::unique_ptr<Entry>> senders;
    {
        std::lock_guard lock(mutex_);
        senders.swap(running_);
        for (auto& p : retired_)
            senders.push_back(std::move(p));
        retired_.clear();
    }
    // Unlocked: a tick in flight may call back into the scheduler before it finishes.
    for (auto& p : senders) {
        if (p->thread) p->thread->stop();
    }
}

OpResult PeriodicScheduler::start(PeriodicSpec spec) {
    if (const Result<void> runnable = check_periodic(spec, bus_.config().mode); !runnable) {
        bus_.record_error(runnable.error(), "periodic_start", false);
        return OpResult::failure(runnable.error());
    }
    std::lock_guard lock(mutex_);
    for (const auto& p : running_) {
        if (p->sender->spec().id == spec.id) {
            const std::string message = "periodic sender `" + spec.id + "` is already running";
            bus_.record_error(message, "periodic_start", false);
            return OpResult::failure(message);
        }
    }
    auto entry = std::make_unique<Entry>();
    entry->sender = std::make_shared<PeriodicSender>(bus_, std::move(spec));
    entry->next_due_us = clock_.now_us() + entry->sender->spec().interval_us;
    if (clock_.live()) {
        entry->thread = std::make_unique<PeriodicThread>(entry->sender, [this] { notify_wake(); });
    }
    running_.push_back(std::move(entry));
    return OpResult::success();
}

OpResult PeriodicScheduler::stop(std::string_view id) {
    std::unique_ptr<Entry> stopped;
    {
        std::lock_guard lock(mutex_);
        auto it = std::find_if(running_.begin(), running_.end(),
                               [id](const auto& p) { return p->sender->spec().id == id; });
        if (it != running_.end()) {
            stopped = std::move(*it);
            running_.erase(it);
        }
    }
    if (!stopped) {
        const std::string message = "no periodic sender `" + std::string(id) + "` is running";
        bus_.record_error(message, "periodic_stop", false);
        return OpResult::failure(message);
    }
    if (stopped->thread && stopped->thread->on_this_thread()) {
        // A handler of this sender's own tick stopped it: the thread cannot join itself.
        stopped->thread->request_stop();
        std::lock_guard lock(mutex_);
        retired_.push_back(std::move(stopped));
        return OpResult::success();
    }
    if (stopped->thread) stopped->thread->stop();  // joins: no tick after this returns
    return OpResult::success();
}

std::vector<PeriodicInfo> PeriodicScheduler::running() const {
    std::lock_guard lock(mutex_);
    std::vector<PeriodicInfo> out;
    for (const auto& p : running_) {
        out.push_back({p->sender->spec(), p->sender->ticks(), p->thread != nullptr});
    }
    return out;
}

void PeriodicScheduler::advance_us(std::int64_t us) {
    if (clock_.live() || us < 0) return;
    const std::int64_t end = clock_.now_us() + us;
    for (;;) {
        // The earliest due sender; ties go to the one started first. The tick runs on its own
        // reference to the sender: a handler may stop (and so destroy the Entry of) this
        // sender or any other, so nothing found under the lock is used after it is released.
        std::shared_ptr<PeriodicSender> sender;
        {
            std::lock_guard lock(mutex_);
            Entry* next = nullptr;
            for (const auto& p : running_) {
                if (p->next_due_us <= end &&
                    (next == nullptr || p->next_due_us < next->next_due_us)) {
                    next = p.get();
                }
            }
            if (next == nullptr) break;
            clock_.set_virtual_us(next->next_due_us);
            next->next_due_us += next->sender->spec().interval_us;
            sender = next->sender;
        }
        sender->tick();
        bus_.drain_all();
    }
    clock_.set_virtual_us(end);
}

void PeriodicScheduler::go_live() {
    std::lock_guard lock(mutex_);
    if (clock_.live()) return;
    clock_.go_live();
    for (auto& p : running_) {
        p->thread = std::make_unique<PeriodicThread>(p->sender, [this] { notify_wake(); });
    }
}

void PeriodicScheduler::notify_wake() {
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        wake = wake_;
    }
    if (wake) wake();
}

void PeriodicScheduler::set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

}  // namespace eventlab
