// Recycled memory blocks of one size, for objects made on one thread and freed on another. An
// emission queued for a webview is allocated by the emitting thread and released by the draining
// one; glibc's malloc pays for each such free with its arena lock, and with four producers that
// was a quarter of the profile. Blocks of another size (there are none today) go to the heap.
#pragma once

#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

#include "core/util/adaptive_mutex.h"

namespace eventlab {

class BlockPool {
  public:
    BlockPool() = default;
    ~BlockPool() {
        for (void* block : free_)
            ::operator delete(block);
    }
    BlockPool(const BlockPool&) = delete;
    BlockPool& operator=(const BlockPool&) = delete;

    void* take(std::size_t bytes) {
        {
            std::lock_guard lock(mutex_);
            if (block_ == 0) block_ = bytes;
            if (bytes == block_ && !free_.empty()) {
                void* block = free_.back();
                free_.pop_back();
                return block;
            }
        }
        return ::operator new(bytes);
    }
    void give(void* block, std::size_t bytes) {
        {
            std::lock_guard lock(mutex_);
            if (bytes == block_ && free_.size() < kKeep) {
                free_.push_back(block);
                return;
            }
        }
        ::operator delete(block);
    }

  private:
    // Enough for a deep backlog of queued emits; past it a burst's blocks go back to the heap.
    static constexpr std::size_t kKeep = 4096;

    AdaptiveMutex mutex_;
    std::size_t block_ = 0;
    std::vector<void*> free_;
};

// For std::allocate_shared: the pool must outlive every object allocated from it.
template <typename T>
struct PoolAllocator {
    using value_type = T;

    explicit PoolAllocator(BlockPool& pool) : pool(&pool) {}
    template <typename U>
    PoolAllocator(const PoolAllocator<U>& other) : pool(other.pool) {}  // NOLINT: rebind

    T* allocate(std::size_t n) { return static_cast<T*>(pool->take(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) { pool->give(p, n * sizeof(T)); }
    template <typename U>
    bool operator==(const PoolAllocator<U>& other) const {
        return pool == other.pool;
    }

    BlockPool* pool;
};

}  // namespace eventlab
