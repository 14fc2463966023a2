// One time source per session: virtual in `eventlab run` (deterministic traces), real in the GUI.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace eventlab {

class Clock {
public:
    virtual ~Clock() = default;
    // Microseconds since the session began.
    virtual std::int64_t now_us() const = 0;
};

class VirtualClock final : public Clock {
public:
    std::int64_t now_us() const override { return now_.load(std::memory_order_acquire); }
    void set_us(std::int64_t t) { now_.store(t, std::memory_order_release); }

private:
    std::atomic<std::int64_t> now_{0};
};

class SteadyClock final : public Clock {
public:
    std::int64_t now_us() const override {
        return std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - start_)
            .count();
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace eventlab
