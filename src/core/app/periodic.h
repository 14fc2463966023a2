// Periodic senders: the seed guide's `thread::spawn` loop that emits every N seconds.
// One PeriodicSender holds the loop body (format the payload, emit, count); it is driven either
// by virtual time (`eventlab run`, deterministic) or by a real thread (the GUI).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/bus/bus.h"
#include "core/util/result.h"

namespace eventlab {

struct PeriodicSpec {
    std::string id;
    std::string event;
    std::int64_t interval_us = 10'000'000;  // the seed guide's 10 s
    nlohmann::json payload;                 // strings may use {n}, the tick count from 1
    std::optional<EventTarget> target;      // absent: emit to all
};

inline constexpr std::int64_t kMinIntervalUs = 1'000;            // 1 ms
inline constexpr std::int64_t kMaxIntervalUs = 3'600'000'000LL;  // 1 h

// The spec can run, or why not (bad interval, bad event name in this mode).
Result<void> check_periodic(const PeriodicSpec& spec, Mode mode);

class PeriodicSender {
  public:
    PeriodicSender(EventBus& bus, PeriodicSpec spec);

    // One turn of the loop: the payload for tick n, then emit (or emit_to).
    void tick();
    const PeriodicSpec& spec() const { return spec_; }
    std::uint64_t ticks() const { return ticks_.load(std::memory_order_relaxed); }
    std::string payload_for(std::uint64_t n) const;

  private:
    Text next_payload(std::uint64_t n);

    EventBus& bus_;
    PeriodicSpec spec_;
    Source source_;
    std::vector<std::string> parts_;  // the payload's JSON text split at every {n}
    std::atomic<std::uint64_t> ticks_{0};
    // The last tick's payload, rewritten in place for the next tick once nothing else holds it
    // (no queue, record or listener): a 1 ms sender then allocates nothing per tick.
    std::shared_ptr<std::string> spare_;
    std::atomic<bool> spare_taken_{false};
};

// Runs a sender on its own thread. A stop request wakes a sender sleeping between ticks at once
// (std::stop_token), so stopping never waits out an interval of up to an hour.
class PeriodicThread {
  public:
    PeriodicThread(std::shared_ptr<PeriodicSender> sender, std::function<void()> after_tick);
    ~PeriodicThread();
    PeriodicThread(const PeriodicThread&) = delete;
    PeriodicThread& operator=(const PeriodicThread&) = delete;

    void stop();          // wakes and joins the thread
    void request_stop();  // wakes it without waiting (for a stop that comes from its own tick)
    bool on_this_thread() const { return std::this_thread::get_id() == thread_.get_id(); }
    const PeriodicSender& sender() const { return *sender_; }

  private:
    void run(const std::stop_token& stop);

    std::shared_ptr<PeriodicSender> sender_;
    std::function<void()> after_tick_;
    std::jthread thread_;  // last: the thread starts once the members it reads exist
};

}  // namespace eventlab
