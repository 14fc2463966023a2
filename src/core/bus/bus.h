// The simulated Tauri v2 event system: windows, Rust and JS listeners, emit / emit_to /
// emit_filter with the delivery matrix of each mode, the Rust handlers lock with its pending
// queue, and per-webview JS delivery queues. Every method is safe to call from any thread.
//
// Two rules shape the code and are easy to break by accident:
//  - Rust handlers never run under mutex_: they may call back into the bus. While a dispatch
//    runs, every Rust listen / unlisten / emit is queued (Tauri's try_lock + Pending), which
//    is also what keeps the handler vectors unchanged while the dispatcher walks them.
//  - The JS side of an emit is queued at call time, with its filter, even when the Rust side
//    is queued; only Rust handlers see a queued emit late and unfiltered (#15759).
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/bus/mode.h"
#include "core/bus/target.h"
#include "core/record/record.h"
#include "core/util/adaptive_mutex.h"

namespace eventlab {

class Recorder;
class BlockPool;

using EventId = std::uint32_t;  // Tauri's EventId: one u32 counter per app, from 0

// Who emitted; describe_source (record.h) says it as "rust", "js:LABEL", "periodic:ID"...
struct Source {
    SourceKind kind = SourceKind::Rust;
    std::string name;

    static Source rust() { return {}; }
    static Source js(std::string label) { return {SourceKind::Js, std::move(label)}; }
    static Source periodic(std::string id) { return {SourceKind::Periodic, std::move(id)}; }
    static Source invoke(std::string command) { return {SourceKind::Invoke, std::move(command)}; }
};

// Where an emit sits in a chain of handlers emitting. Emits made from inside a handler pass
// event.child_cause(), so a handler that re-emits its own event (once, or fanning out) is
// stopped after a clear limit instead of looping forever.
struct Cause {
    std::uint32_t depth = 0;  // handler levels between this emit and the first one
    std::uint32_t root = 0;   // the emission that started the chain (0 for a first emit)
};

// What a handler receives.
struct Event {
    EventId id = 0;  // the listener this call belongs to (Tauri passes the listener id)
    std::string_view event;
    const Text* payload = nullptr;  // JSON text; "null" for unit
    std::uint32_t emit = 0;         // the emission (a simulator extra, for the log)
    Side side = Side::Rust;
    std::string_view webview;  // JS: the webview the handler runs in
    std::string_view window;   // tauri://close-requested and destroyed: the window concerned
    Cause cause;

    // The cause to pass to an emit made from inside this handler.
    Cause child_cause() const { return {cause.depth + 1, cause.root != 0 ? cause.root : emit}; }
};
using Handler = std::function<void(const Event&)>;

struct ListenOptions {
    bool once = false;
    std::string name;             // lets scenarios and the GUI refer to the listener
    std::uint32_t component = 0;  // React-style component instance that registered it
};

struct [[nodiscard]] OpResult {
    bool ok = true;
    std::string error;  // what the caller sees (panic message, Err text, rejected promise)
    bool panic = false;
    std::uint32_t id = 0;  // listen: the new listener id; emit*: the emission id

    static OpResult success(EventId id = 0) { return {true, {}, false, id}; }
    static OpResult failure(std::string error, bool panic = false) {
        return {false, std::move(error), panic, 0};
    }
};

// Says at the call that a refusal needs nothing more from the caller: the bus and Session record
// every refusal as an `error` record before they return it (a loop cut short: its first refusal),
// so the log, the trace and run's summary already show it. Everywhere else an OpResult is read.
inline void already_recorded(const OpResult& /*result*/) {}

struct BusConfig {
    Mode mode = kDefaultMode;
    Order order = Order::Registration;
    std::uint64_t seed = 0;
    std::uint32_t max_emit_depth = 64;       // handler → emit → handler … levels
    std::uint32_t max_chain_emits = 10'000;  // emits the handlers of one first emit may make
};

// Snapshots for views and expectations.
struct ListenerInfo {
    EventId id = 0;
    Side side = Side::Rust;
    std::string event;
    EventTarget target;
    std::string webview;  // JS: the webview that registered it
    bool once = false;
    std::string name;
    std::uint32_t component = 0;
    std::uint64_t calls = 0;
    bool leaked = false;   // its component unmounted without cleanup
    bool stale = false;    // its window is gone but it is still registered
    bool pending = false;  // a Rust listen still waiting in the handlers queue
    // Seen through a tap in a real Tauri app (Session::observe), not simulated: `id` is Tauri's
    // own, and nothing in EventLab can act on it.
    bool observed = false;
};

struct WindowInfo {
    std::string label;
    std::uint32_t instance = 0;  // a reused label gets a new instance
    bool alive = true;
    bool close_pending = false;  // close requested and held by a JS close-requested listener
    std::size_t queued = 0;      // JS deliveries waiting in its webview
    std::string page_url;        // a real page's URL (the bridge); empty for a simulated one
    // A window of a real Tauri app seen through its tap (Session::observe), not simulated:
    // EventLab only watches it, so nothing may pretend to close it or act in its page.
    bool observed = false;
};

// A webview whose JavaScript runs in a real page (a browser tab or a Node process reached
// through the bridge) instead of in the simulator. The bus keeps its listener table and
// delivery queue as for any webview, but only the page's owner drains that queue (drain_page),
// on its own thread, so the page sees deliveries in queue order. Every call below is made with
// the bus lock held, from any thread: an implementation only notes the fact and returns, and
// never calls back into the bus.
class PageLink {
  public:
    virtual ~PageLink() = default;
    virtual std::string url() const = 0;
    virtual void queued() = 0;  // something was queued for the page: drain it soon
    // 2.0's later eval that drops a JS callback from the page after unlisten.
    virtual void unregistered(EventId id, std::string_view event) = 0;
    virtual void destroyed() = 0;  // the window is gone (closed, destroyed, or the page left)
    // The inspector asks the page to unlisten listener `id` of `event` as the page's own code
    // would (unregisterListener, then plugin:event|unlisten): the listener goes when the page
    // does it. False when this page cannot be asked (then nothing happens).
    virtual bool unlisten_asked(EventId /*id*/, std::string_view /*event*/) { return false; }
};

struct BusCounters {
    std::uint64_t emits = 0;
    std::uint64_t deliveries = 0;
    std::uint64_t rust_deliveries = 0;
    std::uint64_t js_deliveries = 0;
    std::uint64_t skips = 0;
    std::uint64_t errors = 0;
    std::size_t pending_rust = 0;  // Rust listen/unlisten/emit waiting for a dispatch to flush
    std::size_t queued_js = 0;     // JS deliveries waiting in webview queues
    bool poisoned = false;         // as poisoned(), read under the same lock
};

class EventBus {
  public:
    EventBus(BusConfig config, Recorder& recorder);
    ~EventBus();  // every thread that calls into the bus must be joined before this runs
    EventBus(const EventBus&) = delete;
    EventBus& operator=(const EventBus&) = delete;

    const BusConfig& config() const { return config_; }
    Symbols& symbols();

    // ---- windows (each a WebviewWindow: one window and one webview with the same label)
    // `announce` emits tauri://webview-created and tauri://window-created, as creating a
    // window at run time does; scenario `windows` are created before step 0 without them.
    // `cause`: called from inside a handler (its event.child_cause()), so a handler that keeps
    // closing or opening windows is stopped by the emit loop bound like one that keeps emitting.
    OpResult create_window(std::string_view label, bool announce = true, const Cause& cause = {},
                           std::shared_ptr<PageLink> page = nullptr);
    // A real page becomes the webview of an open window that has none (a configured window,
    // created at start): its deliveries from now on go to the page. Fails when no window of that
    // label is open, or it has a page already (the "already exists" of create_window).
    OpResult attach_page(std::string_view label, std::shared_ptr<PageLink> page);
    OpResult close_window(std::string_view label, const Cause& cause = {});  // the user closes it
    OpResult destroy_window(std::string_view label, const Cause& cause = {});
    OpResult prevent_close(std::string_view label);

    // ---- Rust side: app.listen (App), window.listen (Window{L}), listen_any (Any), once ...
    OpResult listen(std::string_view event, EventTarget target, Handler handler,
                    ListenOptions options = {});
    void unlisten(EventId id, UnlistenReason reason = UnlistenReason::Unlisten);

    // ---- JS side: listen / once / unlisten of @tauri-apps/api/event inside `webview`
    OpResult js_listen(std::string_view webview, std::string_view event, EventTarget target,
                       Handler handler, ListenOptions options = {});
    OpResult js_unlisten(std::string_view webview, std::string_view event, EventId id,
                         UnlistenReason reason = UnlistenReason::Unlisten);
    // A JS listener of a real page (PageLink): the page is asked to unlisten it itself. Ids of
    // no JS listener do nothing; a listener whose page cannot be asked (it reloaded or left) is
    // an error that says so.
    OpResult unlisten_in_page(EventId id);
    // A component unmounted without cleanup: its listeners stay and are marked leaked.
    void mark_leaked(std::uint32_t component);

    // ---- emits. A Js source is the JS API (async, promise-rejecting); others are Rust calls.
    OpResult emit(std::string_view event, Text payload, const Source& from,
                  const Cause& cause = {});
    OpResult emit_to(const EventTarget& target, std::string_view event, Text payload,
                     const Source& from, const Cause& cause = {});
    OpResult emit_filter(std::vector<EventTarget> accept, std::string_view event, Text payload,
                         const Source& from, const Cause& cause = {});

    // ---- JS delivery: each webview runs its queue on its own loop (the frame loop in the GUI,
    // after every step in `run`). A page's JS runs on one thread at a time: a thread that drains
    // a webview another thread is draining waits for its turn (the draining thread may drain
    // again from a handler). Returns the number of queue items processed.
    std::size_t drain(std::string_view label,
                      std::size_t budget = std::numeric_limits<std::size_t>::max());
    std::size_t drain_all(std::size_t budget = std::numeric_limits<std::size_t>::max());
    // The queue of a real page's webview (see PageLink); drain and drain_all leave it alone.
    std::size_t drain_page(std::string_view label);

    // ---- records the bus does not make itself (invoke, mount, expect) and errors
    void record(Record record);
    void record_error(std::string message, std::string_view op, bool panic);
    // An emission id for an emit the bus did not make (one a tap saw in a real app), so emit ids
    // stay unique within the session's log and trace.
    std::uint32_t reserve_emit_id();

    // ---- views
    std::vector<ListenerInfo> listeners() const;
    // Brings the counters of listeners already copied (calls, leaked, stale) up to date in one
    // lock, without copying the rest: a panel refreshes only the rows it shows.
    void update_counts(std::span<ListenerInfo> rows) const;
    std::vector<WindowInfo> windows() const;  // live ones first, in creation order
    // The open windows only, in creation order: what a frame needs, at a cost that does not
    // grow with the windows closed earlier in a long session.
    std::vector<WindowInfo> live_windows() const;
    bool is_alive(std::string_view label) const;
    bool poisoned() const;  // a Rust handler panicked: the handlers lock is poisoned
    // Bumped by every change to listeners or windows, so views can skip rebuilding snapshots.
    std::uint64_t version() const { return version_.load(std::memory_order_acquire); }
    std::size_t listener_count() const;
    BusCounters counters() const;
    std::string last_error() const;

  private:
    struct Listener;
    struct Webview;
    struct Emission;
    struct QueueItem;
    struct RustJob;
    struct Dispatch;
    using ListenerPtr = std::shared_ptr<Listener>;
    using Lock = std::unique_lock<AdaptiveMutex>;

    OpResult emit_impl(std::string_view event, Text payload, EmitFilter filter, EmitApi api,
                       const Source& from, const Cause& cause, std::string_view window);
    bool check_loop(std::string_view event, const Cause& cause, Lock& lock);
    void queue_js(const Emission& emission, std::shared_ptr<const Emission>& shared);
    // Runs the Rust handlers of one emission; true when it ran one and work is pending.
    bool dispatch_now(Lock& lock, const Emission& emission);
    void flush(Lock& lock);
    Dispatch dispatch_rust(const Emission& emission, const std::vector<ListenerPtr>& bucket,
                           std::uint64_t seed);
    void call_handler(Listener& listener, const Event& event);
    void apply_listen(const ListenerPtr& listener);
    void apply_unlisten(EventId id, UnlistenReason reason);
    bool remove_js(EventId id, std::string_view event, UnlistenReason reason, bool deferred);
    void poison();
    void window_event(std::string_view name, std::string_view label, const Cause& cause);
    bool has_blocking_close_listener(std::string_view label) const;
    // Which listeners a destroy purges when (the modes whose rules say destroy_purges_listeners).
    enum class PurgeStage : std::uint8_t { BeforeDestroyed, AfterDestroyed };
    void purge_listeners(std::string_view label, PurgeStage stage);
    void drop_queue(Webview& webview);
    std::size_t drain_item(Webview& webview, Lock& lock);
    // What a JS handler of one queued delivery receives; deliver_js sets each listener's id.
    static Event js_event(const Webview& webview, const Emission& emission);
    void deliver_js(const Emission& emission, Listener& listener, MatchReason reason, Event& event);
    void unlisten_once_js(Webview& webview, Listener& listener);
    void forget_callback(Webview& webview, EventId id);
    void queue_unregister(Webview& webview, EventId id);
    Webview* live_webview(std::string_view label) const;
    Webview* live_webview(Sym label) const;
    ListenerInfo info(const Listener& listener) const;
    std::uint64_t next_random();

    // recording helpers (each a no-op when no sink is listening)
    bool recording() const;
    void record_listen(const Listener& listener, bool deferred);
    void record_unlisten(const Listener& listener, UnlistenReason reason, bool deferred);
    void record_window(WindowAction action, std::string_view label);
    void record_emit(Emission& emission, EmitApi api, const Source& from, bool deferred);
    void record_deliver(const Listener& listener, const Emission& emission, MatchReason reason);
    // The listeners one queued delivery skipped, by reason. Each reason is one `skip` record
    // (a page reloaded N times is sent N pages' stale ids on every emit: one record, not N).
    struct SkipLists {
        std::array<std::vector<EventId>, 3> by_reason;  // indexed by SkipReason
        void add(SkipReason reason, EventId id) {
            by_reason[static_cast<std::size_t>(reason)].push_back(id);
        }
    };
    // Counts every skipped listener (skips_) and records one `skip` per non-empty reason.
    void record_skips(const Emission& emission, Sym webview, const SkipLists& skipped);
    void record_skip(const Emission& emission, std::span<const EventId> ids, Sym webview,
                     SkipReason reason);
    void note_error(const std::string& message, std::string_view op, bool panic);

    const BusConfig config_;
    Recorder& recorder_;

    mutable AdaptiveMutex mutex_;
    // Emissions kept for webview queues and the pending queue; declared before them, so it
    // outlives every emission they hold.
    std::unique_ptr<BlockPool> emission_pool_;
    std::condition_variable_any idle_;  // signalled when a dispatch ends and someone waits
    int idle_waiters_ = 0;              // guarded by mutex_
    bool dispatching_ = false;          // the Rust handlers lock is held
    bool poisoned_ = false;
    std::deque<RustJob> pending_;
    EventId next_id_ = 0;
    std::uint32_t next_emit_ = 0;
    std::uint32_t next_instance_ = 0;
    std::uint64_t rng_state_;

    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    template <typename V>
    using NameMap = std::unordered_map<std::string, V, NameHash, std::equal_to<>>;

    std::unordered_map<EventId, ListenerPtr> by_id_;  // every registered or pending listener
    NameMap<std::vector<ListenerPtr>> rust_;          // event → Rust handlers, by id
    NameMap<std::vector<ListenerPtr>> js_;            // event → JS listeners of every webview
    std::vector<std::unique_ptr<Webview>> webviews_;  // every instance, dead ones too
    std::unordered_map<Sym, Webview*> live_;          // label → its live instance
    std::vector<std::pair<Webview*, QueueItem*>> js_groups_;  // queue_js scratch, kept warm
    // The JS listeners of the event emitted last, found again without hashing its name while no
    // listener or window changed (version_): a periodic sender emits one event over and over.
    struct JsRoute {
        std::uint64_t version = 0;
        std::string event;
        const std::vector<ListenerPtr>* bucket = nullptr;  // null: no JS listener of `event`
        bool valid = false;
    };
    JsRoute js_route_;  // guarded by mutex_

    std::atomic<std::uint64_t> emits_{0}, rust_deliveries_{0}, js_deliveries_{0}, skips_{0},
        errors_{0};
    std::atomic<std::uint64_t> version_{0};
    void changed() { version_.fetch_add(1, std::memory_order_acq_rel); }
    struct Chain {
        std::uint32_t emits = 0;
        bool stopped = false;  // the loop was cut (reported once)
    };
    std::unordered_map<std::uint32_t, Chain> chains_;  // by root emission, guarded by mutex_
    mutable std::mutex error_mutex_;
    std::string last_error_;
};

}  // namespace eventlab
