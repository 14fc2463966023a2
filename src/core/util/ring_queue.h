// A FIFO on one array that doubles when full and is reused after that: once warm, queueing and
// draining allocate nothing. A std::deque allocates a node every few items, and the bus's webview
// queues are filled by the emitting threads and emptied by the draining one, so every node was a
// cross-thread free: with four producers, malloc and free were a quarter of the profile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace eventlab {

template <typename T>
class RingQueue {
  public:
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }

    T& front() { return slots_[head_]; }
    T& back() { return slots_[(head_ + size_ - 1) & (slots_.size() - 1)]; }
    std::size_t capacity() const { return slots_.size(); }

    void push_back(T&& value) {
        if (size_ == slots_.size()) grow();
        slots_[(head_ + size_) & (slots_.size() - 1)] = std::move(value);
        if (++size_ > peak_) peak_ = size_;
    }
    void pop_front() {
        slots_[head_] = T{};  // release what the caller did not move out
        head_ = (head_ + 1) & (slots_.size() - 1);
        if (--size_ == 0) emptied();
    }
    void clear() {
        for (std::size_t i = 0; i < size_; ++i)
            slots_[(head_ + i) & (slots_.size() - 1)] = T{};
        head_ = 0;
        size_ = 0;
        peak_ = 0;
        quiet_ = 0;
        if (slots_.size() > kKeep) slots_ = std::vector<T>();
    }
    template <typename Visit>
    void for_each(Visit visit) const {
        for (std::size_t i = 0; i < size_; ++i)
            visit(slots_[(head_ + i) & (slots_.size() - 1)]);
    }

  private:
    static constexpr std::size_t kKeep = 1024;
    static constexpr std::uint32_t kQuietBursts = 64;

    // A ring grown past kKeep by a burst (a flood, a page that stopped draining) gives its memory
    // back once kQuietBursts fills in a row have used at most a quarter of it. Not at the first
    // empty: producers that outrun the drainer fill and empty a queue over and over, and giving
    // it back each time re-grew it through every doubling, on fresh pages (with four producers
    // that was a fifth of the profile: RingQueue::grow and the kernel's page faults).
    void emptied() {
        head_ = 0;
        const std::size_t peak = std::exchange(peak_, 0);
        if (slots_.size() <= kKeep) return;
        if (peak > slots_.size() / 4) {
            quiet_ = 0;
        } else if (++quiet_ >= kQuietBursts) {
            slots_ = std::vector<T>();
            quiet_ = 0;
        }
    }

    void grow() {
        std::vector<T> bigger(slots_.empty() ? 16 : slots_.size() * 2);
        for (std::size_t i = 0; i < size_; ++i)
            bigger[i] = std::move(slots_[(head_ + i) & (slots_.size() - 1)]);
        slots_ = std::move(bigger);
        head_ = 0;
    }

    std::vector<T> slots_;  // a power of two long
    std::size_t head_ = 0;
    std::size_t size_ = 0;
    std::size_t peak_ = 0;     // the most items held since the ring was last empty
    std::uint32_t quiet_ = 0;  // fills in a row that used at most a quarter of a big ring
};

}  // namespace eventlab
