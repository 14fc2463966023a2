#include "core/bus.h"

#include <algorithm>
#include <iterator>

#include "core/json_text.h"
#include "core/names.h"
#include "core/recorder.h"

namespace eventlab {

namespace {

constexpr std::string_view kCloseRequested = "tauri://close-requested";
constexpr std::string_view kDestroyed = "tauri://destroyed";

const Text& null_payload() {
    static const Text null_text = make_text("null");
    return null_text;
}

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Fisher-Yates with our own generator: the same seed gives the same order on every platform.
template <typename T>
void shuffle(std::vector<T>& items, std::uint64_t seed) {
    for (size_t i = items.size(); i > 1; --i) {
        const size_t j = splitmix64(seed) % i;
        std::swap(items[i - 1], items[j]);
    }
}

std::string_view api_op(EmitApi api) {
    switch (api) {
        case EmitApi::Emit: return "emit";
        case EmitApi::EmitTo: return "emit_to";
        case EmitApi::EmitFilter: return "emit_filter";
    }
    return "emit";
}

std::string accept_json(const std::vector<EventTarget>& accept) {
    std::string out = "[";
    for (size_t i = 0; i < accept.size(); ++i) {
        if (i > 0) out += ',';
        out += target_json(accept[i]);
    }
    out += ']';
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// internal types

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
    std::atomic<bool> fired{false};  // Rust once: the FnOnce has been taken
    bool registered = false;         // guarded by mutex_; false while its listen is queued

    bool stale() const { return window_gone.load(std::memory_order_relaxed) || leaked.load(); }
};

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
    std::shared_ptr<const Emission> emission;
    std::vector<std::pair<EventId, MatchReason>> targets;
    EventId unregister = 0;
};

struct EventBus::Webview {
    std::string label;
    Sym label_sym = kNoSym;
    std::uint32_t instance = 0;
    bool alive = true;
    bool close_pending = false;
    std::unordered_map<EventId, ListenerPtr> callbacks;  // the page's own listener table
    std::deque<QueueItem> queue;
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

// ---------------------------------------------------------------------------------------------

std::string Source::describe() const {
    switch (kind) {
        case SourceKind::Rust: return "rust";
        case SourceKind::Js: return "js:" + name;
        case SourceKind::Periodic: return "periodic:" + name;
        case SourceKind::Invoke: return "invoke:" + name;
    }
    return "rust";
}

Cause Cause::child() const {
    Cause next;
    next.depth = depth + 1;
    next.chain = chain ? chain : std::make_shared<CauseChain>();
    return next;
}

EventBus::EventBus(BusConfig config, Recorder& recorder)
    : config_(config), recorder_(recorder), rng_state_(config.seed) {}

EventBus::~EventBus() {
    // A periodic thread may still be inside a dispatch; its owner joins it before this runs,
    // but waiting here keeps a late caller from touching freed state.
    Lock lock(mutex_);
    idle_.wait(lock, [this] { return !dispatching_; });
}

Symbols& EventBus::symbols() { return recorder_.symbols(); }

bool EventBus::recording() const { return recorder_.active(); }

std::uint64_t EventBus::next_random() { return splitmix64(rng_state_); }

// ---------------------------------------------------------------------------------------------
// windows

OpResult EventBus::create_window(std::string_view label, bool announce) {
    if (!is_valid_label(label)) {
        auto message = label_error(label);
        note_error(message, "create_window", true);
        return OpResult::failure(message, true);
    }
    {
        Lock lock(mutex_);
        if (live_webview(label) != nullptr) {
            lock.unlock();
            auto message = "a window with label `" + std::string(label) + "` already exists";
            note_error(message, "create_window", false);
            return OpResult::failure(message);
        }
        auto webview = std::make_unique<Webview>();
        webview->label = std::string(label);
        webview->label_sym = symbols().intern(label);
        webview->instance = ++next_instance_;
        live_[webview->label_sym] = webview.get();
        webviews_.push_back(std::move(webview));
        record_window(WindowAction::Created, label);
    }
    if (announce) {
        std::string payload = R"({"label":)";
        append_json_string(payload, label);
        payload += '}';
        const Text text = make_text(std::move(payload));
        // attach_webview announces the webview at once; the window follows on the main thread.
        emit("tauri://webview-created", text, Source::rust());
        emit("tauri://window-created", text, Source::rust());
    }
    return OpResult::success();
}

bool EventBus::has_blocking_close_listener(std::string_view label) const {
    // Tauri's has_js_listener: any JS listener (in any webview, even a dead one) whose target is
    // Window{L} or WebviewWindow{L} makes the close wait for the JS side to call destroy().
    auto it = js_.find(kCloseRequested);
    if (it == js_.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [label](const ListenerPtr& l) {
        return (l->target.kind == EventTarget::Kind::Window ||
                l->target.kind == EventTarget::Kind::WebviewWindow) &&
               l->target.label == label;
    });
}

OpResult EventBus::close_window(std::string_view label) {
    bool blocked = false;
    {
        Lock lock(mutex_);
        Webview* webview = live_webview(label);
        if (webview == nullptr) {
            lock.unlock();
            auto message = "no open window `" + std::string(label) + "` to close";
            note_error(message, "close_window", false);
            return OpResult::failure(message);
        }
        record_window(WindowAction::CloseRequested, label);
        blocked = has_blocking_close_listener(label);
        webview->close_pending = blocked;
    }
    window_event(kCloseRequested, label, {});
    if (!blocked) return destroy_window(label);
    return OpResult::success();
}

OpResult EventBus::destroy_window(std::string_view label) {
    {
        Lock lock(mutex_);
        Webview* webview = live_webview(label);
        if (webview == nullptr) {
            lock.unlock();
            auto message = "no open window `" + std::string(label) + "` to destroy";
            note_error(message, "destroy", false);
            return OpResult::failure(message);
        }
        // on_window_close removes the window before tauri://destroyed goes out, so the page
        // that is closing never sees it.
        webview->alive = false;
        webview->close_pending = false;
        live_.erase(webview->label_sym);
        for (auto& [id, listener] : by_id_) {
            if (listener->instance == webview->instance) listener->window_gone = true;
        }
        drop_queue(*webview);
        webview->callbacks.clear();
        record_window(WindowAction::Destroyed, label);
        if (config_.mode == Mode::Next) purge_window_listeners(label);
    }
    window_event(kDestroyed, label, {});
    return OpResult::success();
}

OpResult EventBus::prevent_close(std::string_view label) {
    Lock lock(mutex_);
    Webview* webview = live_webview(label);
    if (webview == nullptr || !webview->close_pending) {
        lock.unlock();
        auto message = "no held close of `" + std::string(label) +
                       "` to prevent: only a close held by a Window or WebviewWindow "
                       "close-requested listener can be refused";
        note_error(message, "prevent_default", false);
        return OpResult::failure(message);
    }
    webview->close_pending = false;
    return OpResult::success();
}

void EventBus::window_event(std::string_view name, std::string_view label, const Cause& cause) {
    // emit_to_window: a filter that accepts only Window{L} and WebviewWindow{L} (plus Any
    // listeners, which never see the filter). AnyLabel{L} does not get these events.
    std::vector<EventTarget> accept = {EventTarget::window(std::string(label)),
                                       EventTarget::webview_window(std::string(label))};
    emit_impl(name, null_payload(), EmitFilter::accepting(std::move(accept)), EmitApi::EmitFilter,
              Source::rust(), cause, label);
}

void EventBus::purge_window_listeners(std::string_view label) {
    // `next` (PRs #15604, #15617): the dead webview's JS listeners and the Rust handlers aimed
    // at its window go; App, Any and AnyLabel handlers stay.
    std::vector<std::pair<EventId, std::string>> js_ids;
    std::vector<EventId> rust_ids;
    for (const auto& [id, listener] : by_id_) {
        if (listener->side == Side::Js && listener->registered && listener->webview == label) {
            js_ids.emplace_back(id, listener->event);
        } else if (listener->side == Side::Rust && is_window_kind(listener->target.kind) &&
                   listener->target.label == label) {
            rust_ids.push_back(id);
        }
    }
    std::sort(js_ids.begin(), js_ids.end());
    std::sort(rust_ids.begin(), rust_ids.end());
    for (const auto& [id, event] : js_ids) remove_js(id, event, UnlistenReason::Purge, false);
    for (EventId id : rust_ids) {
        const bool deferred = dispatching_ || poisoned_;
        if (auto it = by_id_.find(id); it != by_id_.end()) {
            record_unlisten(*it->second, UnlistenReason::Purge, deferred);
        }
        if (deferred) {
            pending_.push_back(RustJob{RustJob::Kind::Unlisten, {}, id, UnlistenReason::Purge, {}});
        } else {
            apply_unlisten(id, UnlistenReason::Purge);
        }
    }
}

void EventBus::drop_queue(Webview& webview) {
    for (const QueueItem& item : webview.queue) {
        if (!item.emission) continue;
        for (const auto& [id, reason] : item.targets) {
            ++skips_;
            record_skip(*item.emission, id, webview.label_sym, SkipReason::WindowGone);
        }
    }
    webview.queue.clear();
}

EventBus::Webview* EventBus::live_webview(std::string_view label) const {
    return live_webview(recorder_.symbols().intern(label));
}

EventBus::Webview* EventBus::live_webview(Sym label) const {
    auto it = live_.find(label);
    return it == live_.end() ? nullptr : it->second;
}

// ---------------------------------------------------------------------------------------------
// Rust listeners

OpResult EventBus::listen(std::string_view event, EventTarget target, Handler handler,
                          ListenOptions options) {
    if (auto bad = check_event_name(event, config_.mode, NameCall::RustListen)) {
        note_error(bad->message, options.once ? "once" : "listen", bad->panic);
        return OpResult::failure(bad->message, bad->panic);
    }
    auto listener = std::make_shared<Listener>();
    listener->side = Side::Rust;
    listener->event = std::string(event);
    listener->event_sym = symbols().intern(event);
    listener->target = std::move(target);
    listener->target_label = symbols().intern(listener->target.label);
    listener->once = options.once;
    listener->name = std::move(options.name);
    listener->name_sym = listener->name.empty() ? kNoSym : symbols().intern(listener->name);
    listener->component = options.component;
    listener->handler = std::move(handler);

    Lock lock(mutex_);
    listener->id = next_id_++;
    if (is_window_kind(listener->target.kind)) {
        // window.listen binds to that window; the handler outlives it in 2.0/stable (stale).
        if (Webview* webview = live_webview(listener->target.label)) {
            listener->instance = webview->instance;
        }
    }
    by_id_[listener->id] = listener;
    const bool deferred = dispatching_ || poisoned_;
    record_listen(*listener, deferred);
    if (deferred) {
        pending_.push_back(RustJob{RustJob::Kind::Listen, listener, listener->id, {}, {}});
    } else {
        apply_listen(listener);
    }
    return OpResult::success(listener->id);
}

void EventBus::apply_listen(const ListenerPtr& listener) {
    auto& bucket = rust_[listener->event];
    auto at = std::lower_bound(bucket.begin(), bucket.end(), listener->id,
                               [](const ListenerPtr& l, EventId id) { return l->id < id; });
    bucket.insert(at, listener);
    listener->registered = true;
}

void EventBus::unlisten(EventId id, UnlistenReason reason) {
    Lock lock(mutex_);
    auto it = by_id_.find(id);
    // Rust unlisten only knows Rust handlers; an unknown id does nothing and is no error.
    if (it == by_id_.end() || it->second->side != Side::Rust) return;
    const bool deferred = dispatching_ || poisoned_;
    record_unlisten(*it->second, reason, deferred);
    if (deferred) {
        pending_.push_back(RustJob{RustJob::Kind::Unlisten, {}, id, reason, {}});
    } else {
        apply_unlisten(id, reason);
    }
}

void EventBus::apply_unlisten(EventId id, UnlistenReason /*reason*/) {
    auto it = by_id_.find(id);
    if (it == by_id_.end() || it->second->side != Side::Rust || !it->second->registered) return;
    ListenerPtr listener = it->second;
    if (auto bucket = rust_.find(listener->event); bucket != rust_.end()) {
        std::erase(bucket->second, listener);
        if (bucket->second.empty()) rust_.erase(bucket);
    }
    listener->registered = false;
    by_id_.erase(it);
}

// ---------------------------------------------------------------------------------------------
// JS listeners

OpResult EventBus::js_listen(std::string_view webview_label, std::string_view event,
                             EventTarget target, Handler handler, ListenOptions options) {
    if (auto bad = check_event_name(event, config_.mode, NameCall::Js, "listen")) {
        note_error(bad->message, options.once ? "once" : "listen", false);
        return OpResult::failure(bad->message);
    }
    auto listener = std::make_shared<Listener>();
    listener->side = Side::Js;
    listener->event = std::string(event);
    listener->event_sym = symbols().intern(event);
    listener->target = std::move(target);
    listener->target_label = symbols().intern(listener->target.label);
    listener->once = options.once;
    listener->webview = std::string(webview_label);
    listener->webview_sym = symbols().intern(webview_label);
    listener->name = std::move(options.name);
    listener->name_sym = listener->name.empty() ? kNoSym : symbols().intern(listener->name);
    listener->component = options.component;
    listener->handler = std::move(handler);

    Lock lock(mutex_);
    Webview* webview = live_webview(listener->webview_sym);
    if (webview == nullptr) {
        lock.unlock();
        auto message = "no open window `" + listener->webview + "` to listen in";
        note_error(message, "listen", false);
        return OpResult::failure(message);
    }
    listener->id = next_id_++;
    listener->instance = webview->instance;
    listener->registered = true;
    by_id_[listener->id] = listener;
    js_[listener->event].push_back(listener);  // ids only grow: the bucket stays sorted
    webview->callbacks[listener->id] = listener;
    record_listen(*listener, false);
    return OpResult::success(listener->id);
}

bool EventBus::remove_js(EventId id, std::string_view event, UnlistenReason reason,
                         bool deferred) {
    auto it = by_id_.find(id);
    if (it == by_id_.end() || it->second->side != Side::Js || it->second->event != event) {
        return false;
    }
    ListenerPtr listener = it->second;
    if (auto bucket = js_.find(event); bucket != js_.end()) {
        std::erase(bucket->second, listener);
        if (bucket->second.empty()) js_.erase(bucket);
    }
    listener->registered = false;
    by_id_.erase(it);
    record_unlisten(*listener, reason, deferred);
    return true;
}

OpResult EventBus::js_unlisten(std::string_view webview_label, std::string_view event, EventId id,
                               UnlistenReason reason) {
    if (auto bad = check_event_name(event, config_.mode, NameCall::Js, "unlisten")) {
        note_error(bad->message, "unlisten", false);
        return OpResult::failure(bad->message);
    }
    Lock lock(mutex_);
    auto it = by_id_.find(id);
    if (it == by_id_.end() || it->second->side != Side::Js) return OpResult::success();
    ListenerPtr listener = it->second;
    Webview* home = live_webview(listener->webview_sym);
    const bool same_page = home != nullptr && home->instance == listener->instance;
    (void)webview_label;  // Tauri drops the id from every webview's table for that event
    if (config_.mode == Mode::Tauri20) {
        // 2.0: unlisten is only an IPC call; the page forgets the callback when a later eval
        // arrives, so deliveries already queued still reach it.
        if (!remove_js(id, event, reason, true)) return OpResult::success();
        if (same_page) home->queue.push_back(QueueItem{{}, {}, id});
    } else {
        // #13306: the page unregisters the callback at once, then tells Rust.
        if (!remove_js(id, event, reason, false)) return OpResult::success();
        if (same_page) home->callbacks.erase(id);
    }
    return OpResult::success();
}

void EventBus::mark_leaked(std::uint32_t component) {
    if (component == 0) return;
    Lock lock(mutex_);
    for (auto& [id, listener] : by_id_) {
        if (listener->component == component) listener->leaked = true;
    }
}

// ---------------------------------------------------------------------------------------------
// emits

OpResult EventBus::emit(std::string_view event, Text payload, const Source& from,
                        const Cause& cause) {
    return emit_impl(event, std::move(payload), EmitFilter::none(), EmitApi::Emit, from, cause,
                     {});
}

OpResult EventBus::emit_to(const EventTarget& target, std::string_view event, Text payload,
                           const Source& from, const Cause& cause) {
    // emit_to(Any) is a plain emit in Tauri, but it is still recorded as emit_to.
    EmitFilter filter = target.kind == EventTarget::Kind::Any ? EmitFilter::none()
                                                              : EmitFilter::to(target);
    if (filter.kind == EmitFilter::Kind::None) filter.target = target;
    return emit_impl(event, std::move(payload), std::move(filter), EmitApi::EmitTo, from, cause,
                     {});
}

OpResult EventBus::emit_filter(std::vector<EventTarget> accept, std::string_view event,
                               Text payload, const Source& from, const Cause& cause) {
    return emit_impl(event, std::move(payload), EmitFilter::accepting(std::move(accept)),
                     EmitApi::EmitFilter, from, cause, {});
}

bool EventBus::check_loop(std::string_view event, const Cause& cause, Lock& lock) {
    const bool too_deep = cause.depth > config_.max_emit_depth;
    const bool too_many =
        cause.chain && cause.chain->emits.fetch_add(1, std::memory_order_relaxed) + 1 >
                           config_.max_chain_emits;
    if (!too_deep && !too_many) return true;
    // Only the first refusal in a chain is worth a record; the rest of the loop is cut quietly.
    const bool first = !cause.chain || !cause.chain->stopped.exchange(true);
    if (first) {
        std::string message = "emit loop stopped: `" + std::string(event) + "` ";
        message += too_deep ? "was emitted " + std::to_string(cause.depth) +
                                  " handler levels deep (limit " +
                                  std::to_string(config_.max_emit_depth) + ")"
                            : "made more than " + std::to_string(config_.max_chain_emits) +
                                  " emits from the handlers of one emission";
        message += "; a handler keeps emitting from its own handlers";
        lock.unlock();
        note_error(message, "emit", false);
        lock.lock();
    }
    return false;
}

OpResult EventBus::emit_impl(std::string_view event, Text payload, EmitFilter filter,
                             EmitApi api, const Source& from, const Cause& cause,
                             std::string_view window) {
    const bool from_js = from.kind == SourceKind::Js;
    if (auto bad = check_event_name(event, config_.mode, from_js ? NameCall::Js : NameCall::RustEmit,
                                    api_op(api))) {
        note_error(bad->message, api_op(api), bad->panic);
        return OpResult::failure(bad->message, bad->panic);
    }
    if (!payload) payload = null_payload();

    Lock lock(mutex_);
    if (from_js && live_webview(from.name) == nullptr) {
        lock.unlock();
        auto message = "no open window `" + from.name + "` to emit from";
        note_error(message, api_op(api), false);
        return OpResult::failure(message);
    }
    if (!check_loop(event, cause, lock)) {
        return OpResult::failure("emit loop stopped: `" + std::string(event) + "`");
    }
    auto emission = std::make_shared<Emission>();
    emission->id = ++next_emit_;
    emission->event = std::string(event);
    emission->event_sym = symbols().intern(event);
    emission->payload = std::move(payload);
    emission->filter = std::move(filter);
    emission->cause = cause;
    emission->window = std::string(window);
    ++emits_;

    const bool deferred = dispatching_ || poisoned_;
    if (recording()) {
        Record r;
        r.type = RecordType::Emit;
        r.code = static_cast<std::uint8_t>(api);
        r.emit = emission->id;
        r.event = emission->event_sym;
        r.payload = emission->payload;
        r.set_high_kind(static_cast<std::uint8_t>(from.kind));
        r.aux = from.name.empty() ? kNoSym : symbols().intern(from.name);
        if (deferred) r.flags |= flag::kDeferred;
        if (api == EmitApi::EmitTo) {
            r.flags |= flag::kHasTarget;
            r.set_target_kind(emission->filter.target.kind);
            r.target_label = symbols().intern(emission->filter.target.label);
        } else if (api == EmitApi::EmitFilter) {
            r.text = make_text(accept_json(emission->filter.accept));
        }
        recorder_.append(std::move(r));
    }

    // The manager evals into the webviews before it touches the Rust handlers.
    queue_js(emission);

    if (deferred) {
        // Pending::Emit keeps EmitArgs only: the filter is gone when the queue runs (#15759).
        std::shared_ptr<const Emission> queued = emission;
        if (emission->filter.kind != EmitFilter::Kind::None) {
            auto unfiltered = std::make_shared<Emission>(*emission);
            unfiltered->filter = EmitFilter{EmitFilter::Kind::Lost, {}, {}};
            queued = std::move(unfiltered);
        }
        pending_.push_back(RustJob{RustJob::Kind::Emit, {}, 0, {}, std::move(queued)});
        return OpResult::success();
    }
    run_rust(lock, RustJob{RustJob::Kind::Emit, {}, 0, {}, std::move(emission)});
    return OpResult::success();
}

void EventBus::queue_js(const std::shared_ptr<const Emission>& emission) {
    auto bucket = js_.find(emission->event);
    if (bucket == js_.end()) return;
    // Group the matching ids per live webview, one queue item per webview (one eval each).
    std::vector<std::pair<Webview*, QueueItem>> groups;
    for (const ListenerPtr& listener : bucket->second) {
        Webview* webview = live_webview(listener->webview_sym);
        if (webview == nullptr) continue;  // a dead webview gets nothing
        const MatchResult m = match_listener(listener->target, emission->filter, config_.mode);
        if (!m.matched) continue;
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [webview](const auto& g) { return g.first == webview; });
        if (group == groups.end()) {
            groups.emplace_back(webview, QueueItem{emission, {}, 0});
            group = std::prev(groups.end());
        }
        group->second.targets.emplace_back(listener->id, m.reason);
    }
    for (auto& [webview, item] : groups) {
        if (config_.order == Order::Random) shuffle(item.targets, next_random());
        webview->queue.push_back(std::move(item));
    }
}

void EventBus::run_rust(Lock& lock, RustJob first) {
    // Tauri's emit + flush_pending, as a loop instead of recursion: a flushed emit that ran a
    // handler flushes what it queued before the rest of the batch (depth first), and the lock
    // is released between jobs, so another thread may take it and queue the next job again.
    std::deque<RustJob> work;
    work.push_back(std::move(first));
    while (!work.empty()) {
        RustJob job = std::move(work.front());
        work.pop_front();
        if (dispatching_ || poisoned_) {
            pending_.push_back(std::move(job));
            continue;
        }
        if (job.kind == RustJob::Kind::Listen) {
            if (by_id_.count(job.listener->id) != 0) apply_listen(job.listener);
            continue;
        }
        if (job.kind == RustJob::Kind::Unlisten) {
            apply_unlisten(job.id, job.reason);
            continue;
        }
        dispatching_ = true;
        lock.unlock();
        const Dispatch result = dispatch_rust(*job.emission);
        lock.lock();
        dispatching_ = false;
        idle_.notify_all();
        if (result.panicked) {
            // The panic unwinds through flush_pending: the rest of the taken batch is dropped.
            for (const RustJob& lost : work) {
                if (lost.kind == RustJob::Kind::Listen) by_id_.erase(lost.listener->id);
            }
            work.clear();
            poison(*job.emission);
            return;
        }
        if (result.invoked > 0 && !pending_.empty()) {
            work.insert(work.begin(), std::make_move_iterator(pending_.begin()),
                        std::make_move_iterator(pending_.end()));
            pending_.clear();
        }
    }
}

EventBus::Dispatch EventBus::dispatch_rust(const Emission& emission) {
    // We hold the handlers lock (dispatching_): every listen/unlisten is queued, so the bucket
    // cannot change under us and is read without mutex_. Only its lookup needs the mutex.
    Dispatch result;
    const std::vector<ListenerPtr>* bucket = nullptr;
    std::uint64_t seed = 0;
    {
        Lock lock(mutex_);
        auto it = rust_.find(emission.event);
        if (it == rust_.end()) return result;
        bucket = &it->second;
        if (config_.order == Order::Random) seed = next_random();
    }
    std::vector<Listener*> shuffled;
    if (config_.order == Order::Random) {
        for (const ListenerPtr& l : *bucket) shuffled.push_back(l.get());
        shuffle(shuffled, seed);
    }
    const size_t count = bucket->size();
    for (size_t i = 0; i < count; ++i) {
        Listener& listener = shuffled.empty() ? *(*bucket)[i] : *shuffled[i];
        const MatchResult m = match_listener(listener.target, emission.filter, config_.mode);
        if (!m.matched) continue;
        if (listener.once) {
            if (config_.mode == Mode::Next) {
                // #15475: unlisten is queued before the handler runs, so a re-entrant emit of
                // the same event no longer finds it.
                unlisten(listener.id, UnlistenReason::Once);
                if (listener.fired.exchange(true)) continue;
            } else if (listener.fired.exchange(true)) {
                note_error("attempted to call handler more than once", "emit", true);
                result.panicked = true;
                return result;
            }
        }
        ++result.invoked;
        call_rust(listener, emission, m.reason);
        if (listener.once && config_.mode != Mode::Next) unlisten(listener.id, UnlistenReason::Once);
    }
    return result;
}

void EventBus::call_rust(Listener& listener, const Emission& emission, MatchReason reason) {
    listener.calls.fetch_add(1, std::memory_order_relaxed);
    rust_deliveries_.fetch_add(1, std::memory_order_relaxed);
    if (recording()) record_deliver(listener, emission, reason);
    Event event;
    event.id = listener.id;
    event.event = emission.event;
    event.payload = &emission.payload;
    event.emit = emission.id;
    event.side = Side::Rust;
    event.window = emission.window;
    event.cause = emission.cause;
    try {
        listener.handler(event);
    } catch (const std::exception& e) {
        note_error(std::string("handler failed: ") + e.what(), "emit", false);
    }
}

void EventBus::poison(const Emission& emission) {
    poisoned_ = true;
    note_error("the panic while handling `" + emission.event +
                   "` poisoned the Rust handlers lock: from now on every Rust listen, unlisten "
                   "and emit is queued and never runs (JS listeners still work)",
               "emit", false);
}

// ---------------------------------------------------------------------------------------------
// JS delivery

std::size_t EventBus::drain(std::string_view label, std::size_t budget) {
    Lock lock(mutex_);
    Webview* webview = live_webview(label);
    std::size_t done = 0;
    while (webview != nullptr && webview->alive && !webview->queue.empty() && done < budget) {
        done += drain_item(*webview, lock);
    }
    return done;
}

std::size_t EventBus::drain_all(std::size_t budget) {
    Lock lock(mutex_);
    std::size_t done = 0;
    bool progress = true;
    while (progress && done < budget) {
        progress = false;
        // Index loop: a handler may open a window, which grows webviews_ while we are unlocked.
        for (size_t i = 0; i < webviews_.size() && done < budget; ++i) {
            Webview& webview = *webviews_[i];
            while (webview.alive && !webview.queue.empty() && done < budget) {
                done += drain_item(webview, lock);
                progress = true;
            }
        }
    }
    return done;
}

std::size_t EventBus::drain_item(Webview& webview, Lock& lock) {
    QueueItem item = std::move(webview.queue.front());
    webview.queue.pop_front();
    if (!item.emission) {
        webview.callbacks.erase(item.unregister);
        return 1;
    }
    const Emission& emission = *item.emission;
    for (const auto& [id, reason] : item.targets) {
        if (!webview.alive) {
            ++skips_;
            record_skip(emission, id, webview.label_sym, SkipReason::WindowGone);
            continue;
        }
        auto it = webview.callbacks.find(id);
        if (it == webview.callbacks.end()) {
            // Unlistened after the emit was queued (or registered by an earlier page under the
            // same label): the page has no callback for the id.
            ++skips_;
            record_skip(emission, id, webview.label_sym, SkipReason::Unregistered);
            continue;
        }
        ListenerPtr listener = it->second;
        if (listener->once) {
            // JS once: unlisten first (not awaited), then call the handler.
            if (config_.mode == Mode::Tauri20) {
                if (remove_js(id, listener->event, UnlistenReason::Once, true)) {
                    webview.queue.push_back(QueueItem{{}, {}, id});
                }
            } else {
                remove_js(id, listener->event, UnlistenReason::Once, false);
                webview.callbacks.erase(id);
            }
        }
        lock.unlock();
        deliver_js(webview, emission, *listener, reason);
        lock.lock();
    }
    return 1;
}

void EventBus::deliver_js(const Webview& webview, const Emission& emission, Listener& listener,
                          MatchReason reason) {
    listener.calls.fetch_add(1, std::memory_order_relaxed);
    js_deliveries_.fetch_add(1, std::memory_order_relaxed);
    if (recording()) record_deliver(listener, emission, reason);
    Event event;
    event.id = listener.id;
    event.event = emission.event;
    event.payload = &emission.payload;
    event.emit = emission.id;
    event.side = Side::Js;
    event.webview = webview.label;  // immutable once created: safe to read unlocked
    event.window = emission.window;
    event.cause = emission.cause;
    try {
        listener.handler(event);
    } catch (const std::exception& e) {
        note_error(std::string("handler failed: ") + e.what(), "emit", false);
    }
}

// ---------------------------------------------------------------------------------------------
// records, errors, views

void EventBus::record(Record record) { recorder_.append(std::move(record)); }

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
    Record r;
    r.type = RecordType::Deliver;
    r.code = static_cast<std::uint8_t>(reason);
    r.emit = emission.id;
    r.listener = listener.id;
    r.event = emission.event_sym;
    r.in = listener.webview_sym;
    r.aux = listener.name_sym;
    r.set_target_kind(listener.target.kind);
    r.set_high_kind(static_cast<std::uint8_t>(emission.filter.target.kind));
    r.target_label = listener.target_label;
    r.payload = emission.payload;
    if (listener.side == Side::Js) r.flags |= flag::kJs;
    if (listener.stale()) r.flags |= flag::kStale;
    recorder_.append(std::move(r));
}

void EventBus::record_skip(const Emission& emission, EventId id, Sym webview, SkipReason reason) {
    if (!recording()) return;
    Record r;
    r.type = RecordType::Skip;
    r.code = static_cast<std::uint8_t>(reason);
    r.emit = emission.id;
    r.listener = id;
    r.event = emission.event_sym;
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
    for (const auto& [id, listener] : by_id_) out.push_back(info(*listener));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

std::vector<WindowInfo> EventBus::windows() const {
    Lock lock(mutex_);
    std::vector<WindowInfo> out;
    for (const auto& webview : webviews_) {
        out.push_back({webview->label, webview->instance, webview->alive, webview->close_pending,
                       webview->queue.size()});
    }
    std::stable_partition(out.begin(), out.end(), [](const WindowInfo& w) { return w.alive; });
    return out;
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
    for (const auto& webview : webviews_) c.queued_js += webview->queue.size();
    return c;
}

std::string EventBus::last_error() const {
    std::lock_guard lock(error_mutex_);
    return last_error_;
}

}  // namespace eventlab
