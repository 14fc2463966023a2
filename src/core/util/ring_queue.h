// A FIFO on one array that doubles when full and is reused after that: once warm, queueing and
// draining allocate nothing. A std::deque allocates a node every few items, and the bus's webview
// queues are filled by the emitting threads and emptied by the draining one, so every node was a
// cross-thread free: with four producers, malloc and free were a quarter of the profile.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace eventlab {

template <typename T>
class RingQueue {
  public:
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }

    T& front() { return slots_[head_]; }
    void push_back(T&& value) {
        if (size_ == slots_.size()) grow();
        slots_[(head_ + size_) & (slots_.size() - 1)] = std::move(value);
        ++size_;
    }
    void pop_front() {
        slots_[head_] = T{};  // release what the caller did not move out
        head_ = (head_ + 1) & (slots_.size() - 1);
        if (--size_ == 0) shrink();
    }
    void clear() {
        for (std::size_t i = 0; i < size_; ++i)
            slots_[(head_ + i) & (slots_.size() - 1)] = T{};
        head_ = 0;
        size_ = 0;
        shrink();
    }
    template <typename Visit>
    void for_each(Visit visit) const {
        for (std::size_t i = 0; i < size_; ++i)
            visit(slots_[(head_ + i) & (slots_.size() - 1)]);
    }

  private:
    static constexpr std::size_t kKeep = 1024;

    // Emptied after a burst (a flood, a page that stopped draining): give the memory back.
    void shrink() {
        if (slots_.size() > kKeep) slots_ = {};
        head_ = 0;
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
};

}  // namespace eventlab
