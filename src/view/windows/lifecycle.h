// The Lifecycle panel's model, without ImGui: every listener of the session grouped by window,
// then by the component that registered it, each with its lifecycle state —
//   live     registered, its component (if any) still mounted and its window open;
//   leaked   its component unmounted without cleanup: still registered, its handler still runs;
//   stale    its window was destroyed, but (2.0 / stable) it is still registered;
//   removed  gone (once, unlisten, purge, unmount cleanup): kept for a while, greyed, with why.
// Per window it counts live / leaked / stale listeners and the deliveries that reached a leaked
// or stale listener (handlers that ran although nobody should be listening any more).
//
// Cheap per frame: the bus is copied only when its version() moved; the log is read
// incrementally from a cursor, a bounded number of records per update. Deliveries alone (the
// steady stream of a periodic sender) only move counts: those are written into the listeners
// already built, so an update costs what arrived, not what the session holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/app/component.h"
#include "core/app/session.h"
#include "core/bus/bus.h"
#include "core/record/record_log.h"

namespace eventlab {

enum class ListenerState : std::uint8_t { Live, Leaked, Stale, Removed };
std::string_view to_string(ListenerState state);

struct LifecycleListener {
    EventId id = 0;
    Side side = Side::Js;
    std::string event;
    EventTarget target;
    std::string name;
    bool once = false;
    bool pending = false;  // a Rust listen still queued behind a running handler
    ListenerState state = ListenerState::Live;
    bool window_gone = false;                          // leaked and, besides, its window is gone
    std::uint64_t calls = 0;                           // deliveries seen in the log
    std::uint64_t late_calls = 0;                      // of those, while it was leaked or stale
    UnlistenReason reason = UnlistenReason::Unlisten;  // removed: why
    std::int64_t removed_us = 0;                       // removed: when (session time)
    bool observed = false;  // a tapped app's listener (Tauri's id), not a simulated one
};

// "once: removed after its first call", "purge: its window was destroyed", ...
std::string removal_words(UnlistenReason reason);

struct LifecycleComponent {
    std::uint32_t instance = 0;  // 0: listeners registered outside any component
    std::string name;            // empty for instance 0
    bool mounted = true;
    bool cleanup = false;
    std::vector<LifecycleListener> listeners;  // by id
};

struct LifecycleCounters {
    std::size_t live = 0;
    std::size_t leaked = 0;
    std::size_t stale = 0;
    std::size_t removed = 0;  // still shown
    std::uint64_t leaked_deliveries = 0;
    std::uint64_t stale_deliveries = 0;

    LifecycleCounters& operator+=(const LifecycleCounters& o);
};

struct LifecycleWindow {
    std::string label;  // a webview label; "rust" for the Rust backend's listeners
    bool rust = false;
    bool alive = false;  // a live window has this label (Rust: always true)
    // A tapped app's window (Session::observe): its listeners are the app's, seen, not simulated.
    // It is a group of its own even when a simulated window has the same label.
    bool observed = false;
    LifecycleCounters counters;
    std::vector<LifecycleComponent> components;  // instance 0 first, then in mount order
};

struct LifecycleOptions {
    std::size_t keep_removed = 24;              // at most this many removed listeners shown
    std::int64_t keep_removed_us = 30'000'000;  // each for this long (session time)
    std::size_t scan_budget = 100'000;          // log records read per update
};

class LifecycleModel {
  public:
    explicit LifecycleModel(LifecycleOptions options = {});

    // Catches up with the session and its log. `session_key` changes when the session is
    // replaced (the workbench generation): everything is then read again from the start.
    // Returns true when what windows() returns changed.
    bool update(Session& session, const RecordLog& log, std::uint64_t session_key);

    const std::vector<LifecycleWindow>& windows() const { return windows_; }
    const LifecycleWindow* window(std::string_view label) const;
    LifecycleCounters totals() const;
    const ComponentIndex& components() const { return components_; }
    // How often the bus was copied: tests check that an idle session costs nothing per frame.
    std::uint64_t snapshots() const { return snapshots_; }
    // How often the groups were built from scratch: deliveries alone only move counts.
    std::uint64_t builds() const { return builds_; }
    bool caught_up() const { return caught_up_; }

  private:
    // Listeners are told apart by id and side of the tap: a tapped app's ids are Tauri's own
    // and may equal a simulated listener's.
    using Key = std::uint64_t;
    static Key key_of(EventId id, bool observed) { return (observed ? Key{1} << 32 : Key{0}) | id; }

    struct Registration {  // what a listen record said, to describe the listener once removed
        Side side = Side::Js;
        std::string event;
        EventTarget target;
        std::string webview;
        std::string name;
        bool once = false;
    };
    struct Removal {
        std::string where;  // window label; empty for the Rust backend
        LifecycleListener listener;
    };

    void reset(std::uint64_t session_key);
    bool scan(Session& session, const RecordLog& log);
    void note_listen(const Record& r, const Symbols& symbols);
    void note_unlisten(const Record& r, const Symbols& symbols);
    void note_deliver(const Record& r, const Symbols& symbols);
    void prune_removed(std::int64_t now_us);
    void rebuild();
    void index_slots();
    bool apply_counts();

    LifecycleOptions options_;
    std::uint64_t session_key_ = ~std::uint64_t{0};
    std::uint64_t version_ = ~std::uint64_t{0};
    std::uint64_t cursor_ = 0;
    std::uint64_t snapshots_ = 0;
    std::uint64_t builds_ = 0;
    bool caught_up_ = true;
    std::vector<ListenerInfo> listeners_;  // the last bus snapshot
    std::vector<WindowInfo> bus_windows_;
    ComponentIndex components_;
    std::unordered_map<Key, Registration> registered_;
    std::unordered_map<Key, std::uint64_t> calls_;
    std::unordered_map<Key, std::uint64_t> late_calls_;
    std::unordered_map<std::string, LifecycleCounters> late_by_window_;  // deliveries only
    std::vector<Removal> removed_;                                       // oldest first
    std::vector<LifecycleWindow> windows_;

    // Where each listener shown (live, leaked or stale) sits in windows_, so a delivery moves
    // its counts in place. `reshaped_`: something besides counts changed since the last build.
    struct Slot {
        std::uint32_t window = 0;
        std::uint32_t component = 0;
        std::uint32_t listener = 0;
    };
    std::unordered_map<Key, Slot> slots_;
    std::vector<Key> touched_;   // delivered to since the last build
    bool late_touched_ = false;  // a delivery to a leaked or stale listener arrived
    bool reshaped_ = true;
};

}  // namespace eventlab
