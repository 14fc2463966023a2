// A session's periodic senders: on virtual time until go_live(), then each on its own thread.
// The scheduler owns those threads, so it alone decides when they are joined: stop() joins the
// one it stops, join_all() every one left, before the bus they emit into goes away.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/app/periodic.h"
#include "core/bus/bus.h"
#include "core/util/clock.h"

namespace eventlab {

struct PeriodicInfo {
    PeriodicSpec spec;
    std::uint64_t ticks = 0;
    bool threaded = false;
};

class PeriodicScheduler {
  public:
    PeriodicScheduler(EventBus& bus, SessionClock& clock);
    ~PeriodicScheduler();  // join_all()
    PeriodicScheduler(const PeriodicScheduler&) = delete;
    PeriodicScheduler& operator=(const PeriodicScheduler&) = delete;

    OpResult start(PeriodicSpec spec);
    // Joins the sender's thread, so no tick follows; from that sender's own tick it cannot, and
    // the thread is only told to stop (joined by join_all).
    OpResult stop(std::string_view id);
    std::vector<PeriodicInfo> running() const;
    // Virtual time only: fires the ticks due in the next `us`, running the webviews' queues
    // after each tick (time passes, so the frontend gets to run).
    void advance_us(std::int64_t us);
    void go_live();  // real time from now on: one thread per sender
    // Called (from any thread) after a periodic tick, so an idle GUI wakes up to show it.
    void set_wake(std::function<void()> wake);
    // Stops and joins every sender thread. The owner calls it while everything a handler may
    // touch still exists.
    void join_all();

  private:
    struct Entry;

    void notify_wake();

    EventBus& bus_;
    SessionClock& clock_;
    mutable std::mutex mutex_;  // guards everything below
    std::vector<std::unique_ptr<Entry>> running_;
    std::vector<std::unique_ptr<Entry>> retired_;  // stopped from their own tick, not joined
    std::function<void()> wake_;
};

}  // namespace eventlab
