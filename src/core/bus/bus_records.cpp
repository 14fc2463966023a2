// What the bus tells the outside: trace records, errors, and snapshots for views.
#include <algorithm>

#include "core/bus/bus_internal.h"
#include "core/record/recorder.h"

namespace eventlab {

using namespace bus_detail;  // NOLINT(google-build-using-namespace): private helpers

// ---------------------------------------------------------------------------------------------
// records, errors, views

void EventBus::record(Record record) {
    recorder_.append(std::move(record));
}

std::uint32_t EventBus::reserve_emit_id() {
    std::lock_guard lock(mutex_);
    return ++next_emit_;
}

void EventBus::record_error(std::string message, std::string_view op, bool panic) {
    note_error(message, op, panic);
}

void EventBus::note_error(const std::string& message, std::string_view op, bool panic) {
    errors_.fetch_add(1, std::memory_order_relaxed);
    {
        std::lock_guard lock(error_mutex_);
        last_error_ = message;
    }
    if (!recording()) return;
    Record r;
    r.type = RecordType::Error;
    r.text = make_text(message);
    r.aux = symbols().intern(op);
    if (panic) r.flags |= flag::kPanic;
    recorder_.append(std::move(r));
}

void EventBus::record_listen(const Listener& listener, bool deferred) {
    if (!recording()) return;
    Record r;
    r.type = RecordType::Listen;
    r.listener = listener.id;
    r.event = listener.event_sym;
    r.in = listener.webview_sym;
    r.aux = listener.name_sym;
    r.set_target_kind(listener.target.kind);
    r.target_label = listener.target_label;
    if (listener.side == Side::Js) r.flags |= flag::kJs;
    if (listener.once) r.flags |= flag::kOnce;
    if (deferred) r.flags |= flag::kDeferred;
    recorder_.append(std::move(r));
}

void EventBus::record_unlisten(const Listener& listener, UnlistenReason reason, bool deferred) {
    if (!recording()) return;
    Record r;
    r.type = RecordType::Unlisten;
    r.code = static_cast<std::uint8_t>(reason);
    r.listener = listener.id;
    r.event = listener.event_sym;
    r.in = listener.webview_sym;
    if (listener.side == Side::Js) r.flags |= flag::kJs;
    if (deferred) r.flags |= flag::kDeferred;
    recorder_.append(std::move(r));
}

void EventBus::record_window(WindowAction action, std::string_view label) {
    if (!recording()) return;
    Record r;
    r.type = RecordType::Window;
    r.code = static_cast<std::uint8_t>(action);
    r.in = symbols().intern(label);
    recorder_.append(std::move(r));
}

void EventBus::record_deliver(const Listener& listener, const Emission& emission,
                              MatchReason reason) {
    // One record per delivery: built where the log keeps it (Recorder::append_built).
    recorder_.append_built([&](Record& r) {
        r.type = RecordType::Deliver;
        r.code = static_cast<std::uint8_t>(reason);
        r.emit = emission.id;
        r.listener = listener.id;
        // The listener's: the emission's may not be interned (recording started later).
        r.event = listener.event_sym;
        r.in = listener.webview_sym;
        r.aux = listener.name_sym;
        r.set_target_kind(listener.target.kind);
        r.set_high_kind(static_cast<std::uint8_t>(emission.filter.target.kind));
        r.target_label = listener.target_label;
        r.payload = emission.payload;
        if (listener.side == Side::Js) r.flags |= flag::kJs;
        if (listener.stale()) r.flags |= flag::kStale;
    });
}

void EventBus::record_skips(const Emission& emission, Sym webview, const SkipLists& skipped) {
    std::uint64_t count = 0;
    for (const auto& ids : skipped.by_reason)
        count += ids.size();
    if (count == 0) return;
    skips_.fetch_add(count, std::memory_order_relaxed);
    for (std::size_t reason = 0; reason < skipped.by_reason.size(); ++reason) {
        record_skip(emission, skipped.by_reason[reason], webview, static_cast<SkipReason>(reason));
    }
}

void EventBus::record_skip(const Emission& emission, std::span<const EventId> ids, Sym webview,
                           SkipReason reason) {
    if (ids.empty() || !recording()) return;
    Record r;
    r.type = RecordType::Skip;
    r.code = static_cast<std::uint8_t>(reason);
    r.emit = emission.id;
    r.listener = ids.front();
    r.payload = skip_listener_list(ids);
    r.event = emission.event_sym != kNoSym ? emission.event_sym : symbols().intern(emission.event);
    r.in = webview;
    r.flags |= flag::kJs;
    recorder_.append(std::move(r));
}

ListenerInfo EventBus::info(const Listener& listener) const {
    ListenerInfo out;
    out.id = listener.id;
    out.side = listener.side;
    out.event = listener.event;
    out.target = listener.target;
    out.webview = listener.webview;
    out.once = listener.once;
    out.name = listener.name;
    out.component = listener.component;
    out.calls = listener.calls.load(std::memory_order_relaxed);
    out.leaked = listener.leaked.load(std::memory_order_relaxed);
    out.stale = listener.window_gone.load(std::memory_order_relaxed);
    out.pending = !listener.registered;
    return out;
}

std::vector<ListenerInfo> EventBus::listeners() const {
    Lock lock(mutex_);
    std::vector<ListenerInfo> out;
    out.reserve(by_id_.size());
    for (const auto& [id, listener] : by_id_)
        out.push_back(info(*listener));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

void EventBus::update_counts(std::span<ListenerInfo> rows) const {
    Lock lock(mutex_);
    for (ListenerInfo& row : rows) {
        auto it = by_id_.find(row.id);
        if (it == by_id_.end()) continue;  // removed since the copy: the next copy drops it
        const Listener& l = *it->second;
        row.calls = l.calls.load(std::memory_order_relaxed);
        row.leaked = l.leaked.load(std::memory_order_relaxed);
        row.stale = l.window_gone.load(std::memory_order_relaxed);
    }
}

std::vector<WindowInfo> EventBus::windows() const {
    Lock lock(mutex_);
    std::vector<WindowInfo> out;
    for (const auto& webview : webviews_) {
        out.push_back({webview->label, webview->instance, webview->alive.load(),
                       webview->close_pending, webview->queue.size(),
                       webview->page ? webview->page->url() : std::string()});
    }
    std::stable_partition(out.begin(), out.end(), [](const WindowInfo& w) { return w.alive; });
    return out;
}

std::vector<WindowInfo> EventBus::live_windows() const {
    Lock lock(mutex_);
    std::vector<WindowInfo> out;
    out.reserve(live_.size());
    for (const auto& [label, webview] : live_) {
        out.push_back({webview->label, webview->instance, true, webview->close_pending,
                       webview->queue.size(),
                       webview->page ? webview->page->url() : std::string()});
    }
    std::sort(out.begin(), out.end(),
              [](const WindowInfo& a, const WindowInfo& b) { return a.instance < b.instance; });
    return out;
}

std::size_t EventBus::listener_count() const {
    Lock lock(mutex_);
    return by_id_.size();
}

bool EventBus::is_alive(std::string_view label) const {
    Lock lock(mutex_);
    return live_webview(label) != nullptr;
}

bool EventBus::poisoned() const {
    Lock lock(mutex_);
    return poisoned_;
}

BusCounters EventBus::counters() const {
    BusCounters c;
    c.emits = emits_.load();
    c.rust_deliveries = rust_deliveries_.load();
    c.js_deliveries = js_deliveries_.load();
    c.deliveries = c.rust_deliveries + c.js_deliveries;
    c.skips = skips_.load();
    c.errors = errors_.load();
    Lock lock(mutex_);
    c.pending_rust = pending_.size();
    // Live webviews only: a destroyed one's queue was dropped, and a long session keeps
    // thousands of them.
    for (const auto& [label, webview] : live_)
        c.queued_js += webview->queue.size();
    c.poisoned = poisoned_;
    return c;
}

std::string EventBus::last_error() const {
    std::lock_guard lock(error_mutex_);
    return last_error_;
}

}  // namespace eventlab
