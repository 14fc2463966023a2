// Private to the bus implementation (bus*.cpp): the types behind EventBus's pimpl-free layout.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/container/small_vector.hpp>
#include <condition_variable>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/bus/bus.h"
#include "core/util/ring_queue.h"

namespace eventlab {

namespace bus_detail {

inline constexpr std::string_view kCloseRequested = "tauri://close-requested";
inline constexpr std::string_view kDestroyed = "tauri://destroyed";

// The shared "null" payload of unit emits and window events.
const Text& null_payload();

std::uint64_t splitmix64(std::uint64_t& state);

// Fisher-Yates with our own generator: the same seed gives the same order on every platform.
template <typename Container>
void shuffle(Container& items, std::uint64_t seed) {
    for (size_t i = items.size(); i > 1; --i) {
        const size_t j = splitmix64(seed) % i;
        std::swap(items[i - 1], items[j]);
    }
}

}  // namespace bus_detail

struct EventBus::Listener {
    EventId id = 0;
    Side side = Side::Rust;
    std::string event;
    Sym event_sym = kNoSym;
    EventTarget target;
    Sym target_label = kNoSym;
    bool once = false;
    std::string webview;  // JS: the webview that registered it
    Sym webview_sym = kNoSym;
    std::uint32_t instance = 0;  // JS: registering webview; Rust: the window it was bound to
    std::string name;
    Sym name_sym = kNoSym;
    std::uint32_t component = 0;
    Handler handler;
    std::atomic<std::uint64_t> calls{0};
    std::atomic<bool> leaked{false};
    std::atomic<bool> window_gone{false};
    std::atomic<bool> fired{false};   // Rust once: the FnOnce has been taken
    std::atomic<bool> in_page{true};  // JS: the page still has the callback
    bool registered = false;          // guarded by mutex_; false while its listen is queued

    bool stale() const { return window_gone.load(std::memory_order_relaxed) || leaked.load(); }
};

// Listeners of one emit kept inline (no allocation) in a queue item and in a delivery: enough
// for the fan-outs people build in EventLab; a bigger one spills to the heap.
inline constexpr std::size_t kInlineTargets = 16;

struct EventBus::Emission {
    std::uint32_t id = 0;
    std::string event;
    Sym event_sym = kNoSym;
    Text payload;
    EmitFilter filter;
    Cause cause;
    std::string window;
};

// One item of a webview's queue: a delivery (Tauri evals one script per emit and webview with
// the matching listener ids), or, in 2.0, the eval that drops a JS callback after unlisten.
struct EventBus::QueueItem {
    // Not an aggregate: the queue resets every slot it pops to QueueItem{}, which for an
    // aggregate zeroes all ~180 bytes first.
    QueueItem() {}  // NOLINT(modernize-use-equals-default): see above
    QueueItem(std::shared_ptr<const Emission> delivery, EventId dropped)
        : emission(std::move(delivery)), unregister(dropped) {}

    std::shared_ptr<const Emission> emission;
    boost::container::small_vector<std::pair<EventId, MatchReason>, kInlineTargets> targets;
    EventId unregister = 0;
};

struct EventBus::Webview {
    std::string label;
    Sym label_sym = kNoSym;
    std::uint32_t instance = 0;
    std::atomic<bool> alive{true};  // read by drain without the lock
    bool close_pending = false;
    // The page's own listener table, sorted by id (a page's new listener has the newest id). The
    // id sits beside the pointer so a lookup reads one array.
    struct Callback {
        EventId id = 0;
        ListenerPtr listener;
    };
    std::vector<Callback> callbacks;
    RingQueue<QueueItem> queue;
    std::shared_ptr<PageLink> page;  // a real page runs this webview's JS (the bridge)

    // A page runs its JavaScript on one thread. A thread that wants to drain this webview while
    // another one is draining it waits for its turn; the thread draining may drain it again
    // from inside a handler. Because of this, a JS listener's handler and its counters never
    // run on two threads at once. `lock` is the bus lock, held on entry and on return.
    void enter(std::unique_lock<AdaptiveMutex>& lock) {
        const std::thread::id me = std::this_thread::get_id();
        while (drainer != std::thread::id{} && drainer != me) {
            ++waiting;
            turn.wait(lock);
            --waiting;
        }
        drainer = me;
        ++depth;
    }
    void leave() {
        if (--depth > 0) return;
        drainer = {};
        parked.clear();
        if (waiting > 0) turn.notify_all();
    }

    // The callback of listener `id`, or end(). `hint` is where to look first: a delivery's ids
    // ascend (registration order), so each one is usually right after the one before, and never
    // before it but in random order.
    std::vector<Callback>::iterator find_callback(EventId id, std::size_t& hint) {
        auto from = callbacks.begin();
        if (hint < callbacks.size() && callbacks[hint].id <= id) {
            if (callbacks[hint].id == id)
                return callbacks.begin() + static_cast<std::ptrdiff_t>(hint++);
            from += static_cast<std::ptrdiff_t>(hint);  // ids ascend: the rest is further on
        }
        auto it = std::lower_bound(from, callbacks.end(), id,
                                   [](const Callback& c, EventId v) { return c.id < v; });
        if (it == callbacks.end() || it->id != id) return callbacks.end();
        hint = static_cast<std::size_t>(it - callbacks.begin()) + 1;
        return it;
    }
    Listener* find_callback(EventId id) {
        std::size_t hint = callbacks.size();
        auto it = find_callback(id, hint);
        return it == callbacks.end() ? nullptr : it->listener.get();
    }
    // The page drops a callback. While the page runs its queue, the draining thread holds plain
    // pointers to the callbacks it is calling (without the lock): a dropped one is kept alive
    // until the drain ends.
    void drop_callback(std::vector<Callback>::iterator it) {
        if (depth > 0) parked.push_back(std::move(it->listener));
        callbacks.erase(it);
    }
    void drop_callbacks() {
        if (depth > 0) {
            for (Callback& c : callbacks)
                parked.push_back(std::move(c.listener));
        }
        callbacks.clear();
    }

  private:
    // All guarded by the bus lock.
    std::thread::id drainer;
    std::uint32_t depth = 0;
    std::uint32_t waiting = 0;
    std::condition_variable_any turn;
    std::vector<ListenerPtr> parked;  // callbacks dropped during a drain (see drop_callback)
};

// Tauri's Pending: what waits for the handlers lock.
struct EventBus::RustJob {
    enum class Kind : std::uint8_t { Listen, Unlisten, Emit };
    Kind kind = Kind::Emit;
    ListenerPtr listener;
    EventId id = 0;
    UnlistenReason reason = UnlistenReason::Unlisten;
    std::shared_ptr<const Emission> emission;
};

struct EventBus::Dispatch {
    std::size_t invoked = 0;
    bool panicked = false;
};

}  // namespace eventlab
