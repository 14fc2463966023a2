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

namespace eventlab {

// The session's clock: virtual while a scenario runs (advance moves it), then, once the GUI
// hands the session to a person, real time continuing from where virtual time stopped.
class SessionClock final : public Clock {
  public:
    std::int64_t now_us() const override {
        if (!live_.load(std::memory_order_acquire)) return virtual_.now_us();
        return base_us_ + real_.now_us();
    }
    bool live() const { return live_.load(std::memory_order_acquire); }
    void set_virtual_us(std::int64_t t) { virtual_.set_us(t); }
    void go_live() {
        if (live()) return;
        base_us_ = virtual_.now_us();
        real_ = SteadyClock();
        live_.store(true, std::memory_order_release);
    }

  private:
    VirtualClock virtual_;
    SteadyClock real_;
    std::int64_t base_us_ = 0;
    std::atomic<bool> live_{false};
};

}  // namespace eventlab
