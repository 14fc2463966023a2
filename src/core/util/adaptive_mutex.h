// A mutex that spins briefly before it sleeps. The bus, the recorder and the in-memory log hold
// their locks for a few hundred nanoseconds at most, far less than a futex sleep and wake-up, so a
// contended thread does better waiting on the CPU for a moment. Locking it uncontended is one
// inlined compare-and-swap, and unlocking one exchange: with recording on, every delivery takes
// two such locks, and glibc's out-of-line pthread_mutex_lock was the largest single cost.
//
// The lock word follows Drepper's "Futexes Are Tricky" (mutex3): 0 free, 1 locked, 2 locked with
// sleepers; only an unlock that finds 2 pays for a futex wake. ThreadSanitizer does not see
// futexes, so its builds use glibc's adaptive mutex, which it understands.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define EVENTLAB_PTHREAD_MUTEX 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define EVENTLAB_PTHREAD_MUTEX 1
#endif
#endif

#ifdef EVENTLAB_PTHREAD_MUTEX
#include <pthread.h>
#else
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#endif

namespace eventlab {

#ifdef EVENTLAB_PTHREAD_MUTEX

class AdaptiveMutex {
  public:
    AdaptiveMutex() {
        pthread_mutexattr_t attributes;
        pthread_mutexattr_init(&attributes);
        pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_ADAPTIVE_NP);
        pthread_mutex_init(&mutex_, &attributes);
        pthread_mutexattr_destroy(&attributes);
    }
    ~AdaptiveMutex() { pthread_mutex_destroy(&mutex_); }
    AdaptiveMutex(const AdaptiveMutex&) = delete;
    AdaptiveMutex& operator=(const AdaptiveMutex&) = delete;

    void lock() { pthread_mutex_lock(&mutex_); }
    bool try_lock() { return pthread_mutex_trylock(&mutex_) == 0; }
    void unlock() { pthread_mutex_unlock(&mutex_); }

  private:
    pthread_mutex_t mutex_;
};

#else

class AdaptiveMutex {
  public:
    AdaptiveMutex() = default;
    AdaptiveMutex(const AdaptiveMutex&) = delete;
    AdaptiveMutex& operator=(const AdaptiveMutex&) = delete;

    void lock() {
        std::uint32_t expected = kFree;
        if (state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                           std::memory_order_relaxed)) {
            return;
        }
        lock_slow();
    }
    bool try_lock() {
        std::uint32_t expected = kFree;
        return state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                              std::memory_order_relaxed);
    }
    void unlock() {
        if (state_.exchange(kFree, std::memory_order_release) == kSleepers) wake_one();
    }

  private:
    static constexpr std::uint32_t kFree = 0;
    static constexpr std::uint32_t kLocked = 1;
    static constexpr std::uint32_t kSleepers = 2;
    // About as long as the critical sections it guards; longer only burns the other core.
    static constexpr int kSpins = 100;

    static void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    void lock_slow() {
        for (int i = 0; i < kSpins; ++i) {
            cpu_relax();
            if (state_.load(std::memory_order_relaxed) == kFree && try_lock()) return;
        }
        // Announce a sleeper (2) on every attempt: whoever unlocks next then wakes one of us.
        while (state_.exchange(kSleepers, std::memory_order_acquire) != kFree) {
            syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&state_), FUTEX_WAIT_PRIVATE,
                    kSleepers, nullptr, nullptr, 0);
        }
    }
    void wake_one() {
        syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&state_), FUTEX_WAKE_PRIVATE, 1,
                nullptr, nullptr, 0);
    }

    std::atomic<std::uint32_t> state_{kFree};
};

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t),
              "the futex word is the atomic's storage");

#endif

}  // namespace eventlab
