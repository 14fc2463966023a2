#include "core/app/periodic.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "core/bus/names.h"

namespace eventlab {

Result<void> check_periodic(const PeriodicSpec& spec, Mode mode) {
    if (spec.interval_us < kMinIntervalUs || spec.interval_us > kMaxIntervalUs) {
        return Failure{"periodic sender `" + spec.id + "`: the interval must be from 1 ms to 1 h"};
    }
    if (auto bad = check_event_name(spec.event, mode, NameCall::RustEmit)) {
        return Failure{"periodic sender `" + spec.id + "` not started: " + bad->message};
    }
    return {};
}

PeriodicSender::PeriodicSender(EventBus& bus, PeriodicSpec spec)
    : bus_(bus), spec_(std::move(spec)), source_(Source::periodic(spec_.id)) {
    // Serialize the template once; each tick only splices the tick number in.
    const std::string text = spec_.payload.dump();
    size_t from = 0;
    for (size_t at = text.find("{n}"); at != std::string::npos; at = text.find("{n}", from)) {
        parts_.push_back(text.substr(from, at - from));
        from = at + 3;
    }
    parts_.push_back(text.substr(from));
}

namespace {

// The payload text of tick n into `out`, which keeps its capacity.
void splice_payload(const std::vector<std::string>& parts, std::uint64_t n, std::string& out) {
    out.assign(parts.front());
    if (parts.size() == 1) return;
    char number[24];
    const auto digits =
        static_cast<std::size_t>(std::to_chars(number, number + sizeof number, n).ptr - number);
    std::size_t size = digits * (parts.size() - 1);
    for (const std::string& part : parts)
        size += part.size();
    out.reserve(size);
    for (size_t i = 1; i < parts.size(); ++i) {
        out.append(number, digits);
        out += parts[i];
    }
}

}  // namespace

std::string PeriodicSender::payload_for(std::uint64_t n) const {
    std::string out;
    splice_payload(parts_, n, out);
    return out;
}

Text PeriodicSender::next_payload(std::uint64_t n) {
    // Two threads may tick one sender at once (both advancing virtual time): the one that finds
    // the spare taken builds its own text.
    if (spare_taken_.exchange(true, std::memory_order_acquire)) return make_text(payload_for(n));
    if (spare_ && spare_.use_count() == 1) {
        // Every other holder has let go; the fence orders their last reads of the text (before
        // their releasing decrement of the count) before this rewrite.
        std::atomic_thread_fence(std::memory_order_acquire);
    } else {
        spare_ = std::make_shared<std::string>();
    }
    splice_payload(parts_, n, *spare_);
    Text payload = spare_;
    spare_taken_.store(false, std::memory_order_release);
    return payload;
}

void PeriodicSender::tick() {
    const std::uint64_t n = ticks_.fetch_add(1, std::memory_order_relaxed) + 1;
    Text payload = next_payload(n);
    // A refused tick is an error record; the sender keeps its pace.
    if (spec_.target) {
        already_recorded(bus_.emit_to(*spec_.target, spec_.event, std::move(payload), source_));
    } else {
        already_recorded(bus_.emit(spec_.event, std::move(payload), source_));
    }
}

PeriodicThread::PeriodicThread(std::shared_ptr<PeriodicSender> sender,
                               std::function<void()> after_tick)
    : sender_(std::move(sender)),
      after_tick_(std::move(after_tick)),
      thread_([this](const std::stop_token& stop) { run(stop); }) {}

PeriodicThread::~PeriodicThread() {
    // jthread's own destructor would join even from the sender's thread, which cannot work.
    stop();
}

void PeriodicThread::request_stop() {
    thread_.request_stop();
}

void PeriodicThread::stop() {
    request_stop();
    if (thread_.joinable() && !on_this_thread()) thread_.join();
}

void PeriodicThread::run(const std::stop_token& stop) {
    // Like the seed guide: sleep one interval, then emit. Ticks are scheduled on a fixed grid so
    // a slow emit does not make the sender drift. Nothing else waits on this condition variable:
    // it is only how a stop request interrupts the sleep.
    const auto interval = std::chrono::microseconds(sender_->spec().interval_us);
    auto next = std::chrono::steady_clock::now() + interval;
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (!stop.stop_requested()) {
        if (wake.wait_until(lock, stop, next, [] { return false; }) || stop.stop_requested()) break;
        lock.unlock();
        sender_->tick();
        if (after_tick_) after_tick_();
        lock.lock();
        next += interval;
        const auto now = std::chrono::steady_clock::now();
        if (next < now) next = now;  // fell behind (a 1 ms sender on a busy machine): no burst
    }
}

}  // namespace eventlab
