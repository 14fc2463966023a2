// The Rust side of the bus: listeners, emits and the handlers lock with its pending queue.
#include <algorithm>
#include <iterator>
#include <utility>

#include "core/bus/bus_internal.h"
#include "core/bus/mode_rules.h"
#include "core/bus/names.h"
#include "core/record/recorder.h"
#include "core/util/block_pool.h"
#include "core/util/utf8.h"

namespace eventlab {

using namespace bus_detail;  // NOLINT(google-build-using-namespace): private helpers

namespace {

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

namespace bus_detail {

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

}  // namespace bus_detail

EventBus::EventBus(BusConfig config, Recorder& recorder)
    : config_(config),
      recorder_(recorder),
      emission_pool_(std::make_unique<BlockPool>()),
      rng_state_(config.seed) {}

EventBus::~EventBus() {
    // The owner must join every thread that can call into the bus before destroying it (Session
    // joins its periodic threads, BridgeServer::stop its I/O thread). This wait does not make a
    // late caller safe: it only lets a dispatch already running on another thread finish its
    // handlers, and that thread still returns through the bus afterwards; a call that starts
    // during or after destruction is a use after free that nothing here can prevent.
    Lock lock(mutex_);
    ++idle_waiters_;
    idle_.wait(lock, [this] { return !dispatching_; });
}

Symbols& EventBus::symbols() {
    return recorder_.symbols();
}

bool EventBus::recording() const {
    return recorder_.active();
}

std::uint64_t EventBus::next_random() {
    return splitmix64(rng_state_);
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
    changed();
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
    changed();
    by_id_.erase(it);
}

// ---------------------------------------------------------------------------------------------
// emits

OpResult EventBus::emit(std::string_view event, Text payload, const Source& from,
                        const Cause& cause) {
    return emit_impl(event, std::move(payload), EmitFilter::none(), EmitApi::Emit, from, cause, {});
}

OpResult EventBus::emit_to(const EventTarget& target, std::string_view event, Text payload,
                           const Source& from, const Cause& cause) {
    // emit_to(Any) is a plain emit in Tauri, but it is still recorded as emit_to.
    EmitFilter filter =
        target.kind == EventTarget::Kind::Any ? EmitFilter::none() : EmitFilter::to(target);
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
    if (cause.depth == 0) return true;
    Chain& chain = chains_[cause.root];
    ++chain.emits;
    const bool too_deep = cause.depth > config_.max_emit_depth;
    const bool too_many = chain.emits > config_.max_chain_emits;
    if (chains_.size() > 4096) {
        // Chains are short-lived: forget the ones whose first emit is long past.
        const std::uint32_t horizon = next_emit_ > 65536 ? next_emit_ - 65536 : 0;
        std::erase_if(chains_, [horizon](const auto& c) { return c.first < horizon; });
    }
    if (!too_deep && !too_many) return true;
    // Only the first refusal in a chain is worth a record; the rest of the loop is cut quietly.
    if (std::exchange(chains_[cause.root].stopped, true)) return false;
    std::string message = "emit loop stopped: `" + std::string(event) + "` ";
    message += too_deep
                   ? "was emitted " + std::to_string(cause.depth) + " handler levels deep (limit " +
                         std::to_string(config_.max_emit_depth) + ")"
                   : "made more than " + std::to_string(config_.max_chain_emits) +
                         " emits from the handlers of one emission";
    message += "; a handler keeps emitting from its own handlers";
    lock.unlock();
    note_error(message, "emit", false);
    lock.lock();
    return false;
}

OpResult EventBus::emit_impl(std::string_view event, Text payload, EmitFilter filter, EmitApi api,
                             const Source& from, const Cause& cause, std::string_view window) {
    const bool from_js = from.kind == SourceKind::Js;
    if (auto bad = check_event_name(event, config_.mode,
                                    from_js ? NameCall::Js : NameCall::RustEmit, to_string(api))) {
        note_error(bad->message, to_string(api), bad->panic);
        return OpResult::failure(bad->message, bad->panic);
    }
    if (!payload) payload = null_payload();
    if (const size_t bad = utf8::invalid_at(*payload); bad != std::string_view::npos) {
        // Neither serde_json nor JSON.stringify can produce such text, and a trace line holding
        // it would not be JSON: the emit is refused, as a bad name is.
        auto message = "payload is not valid UTF-8 (byte " + std::to_string(bad) + " of " +
                       std::to_string(payload->size()) +
                       "): an event payload is JSON text, which is UTF-8; nothing was emitted";
        note_error(message, to_string(api), false);
        return OpResult::failure(std::move(message));
    }

    Lock lock(mutex_);
    if (from_js && live_webview(from.name) == nullptr) {
        lock.unlock();
        auto message = "no open window `" + from.name + "` to emit from";
        note_error(message, to_string(api), false);
        return OpResult::failure(message);
    }
    if (!check_loop(event, cause, lock)) {
        return OpResult::failure("emit loop stopped: `" + std::string(event) + "`");
    }
    // On the stack: it is copied to the heap only when a webview queue or the pending queue
    // has to keep it, so a Rust-only emit allocates nothing here.
    Emission emission;
    const std::uint32_t id = ++next_emit_;
    emission.id = id;
    emission.event = std::string(event);
    emission.payload = std::move(payload);
    emission.filter = std::move(filter);
    emission.cause = cause;
    emission.window = std::string(window);
    emits_.store(emits_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);  // locked

    const bool deferred = dispatching_ || poisoned_;
    if (recording()) record_emit(emission, api, from, deferred);

    // The manager evals into the webviews before it touches the Rust handlers.
    std::shared_ptr<const Emission> shared;
    queue_js(emission, shared);

    if (deferred) {
        // Pending::Emit keeps EmitArgs only: the filter is gone when the queue runs (#15759).
        // A plain emit can share the copy its JS deliveries already hold.
        std::shared_ptr<const Emission> queued;
        if (shared && emission.filter.kind == EmitFilter::Kind::None) {
            queued = std::move(shared);
        } else {
            auto unfiltered = std::allocate_shared<Emission>(
                PoolAllocator<Emission>(*emission_pool_), std::move(emission));
            if (unfiltered->filter.kind != EmitFilter::Kind::None) {
                unfiltered->filter = EmitFilter{EmitFilter::Kind::Lost, {}, {}};
            }
            queued = std::move(unfiltered);
        }
        pending_.push_back(RustJob{RustJob::Kind::Emit, {}, 0, {}, std::move(queued)});
        return OpResult::success(id);
    }
    if (dispatch_now(lock, emission)) flush(lock);
    return OpResult::success(id);
}

bool EventBus::dispatch_now(Lock& lock, const Emission& emission) {
    // Tauri takes the handlers lock with try_lock; with no handler for the event nothing runs
    // and nothing is flushed (maybe_pending stays false).
    auto it = rust_.find(emission.event);
    if (it == rust_.end()) return false;
    const std::vector<ListenerPtr>& bucket = it->second;
    const std::uint64_t seed = config_.order == Order::Random ? next_random() : 0;
    dispatching_ = true;
    lock.unlock();
    const Dispatch result = dispatch_rust(emission, bucket, seed);
    lock.lock();
    dispatching_ = false;
    // condition_variable_any takes its own lock to notify: on the hot path (every emit with a
    // Rust handler) that was a second contended lock per emit, for a waiter that almost never
    // exists.
    if (idle_waiters_ > 0) idle_.notify_all();
    if (result.panicked) {
        poison();
        return false;
    }
    return result.invoked > 0 && !pending_.empty();
}

void EventBus::flush(Lock& lock) {
    // Tauri's flush_pending, as a loop instead of recursion: a flushed emit that ran a handler
    // flushes what it queued before the rest of the batch (depth first), and the lock is
    // released between jobs, so another thread may take it and queue the next job again.
    std::deque<RustJob> work;
    work.swap(pending_);
    while (!work.empty()) {
        RustJob job = std::move(work.front());
        work.pop_front();
        if (dispatching_ || poisoned_) {
            pending_.push_back(std::move(job));
            continue;
        }
        switch (job.kind) {
            case RustJob::Kind::Listen:
                if (by_id_.count(job.listener->id) != 0) apply_listen(job.listener);
                break;
            case RustJob::Kind::Unlisten:
                apply_unlisten(job.id, job.reason);
                break;
            case RustJob::Kind::Emit:
                if (dispatch_now(lock, *job.emission)) {
                    work.insert(work.begin(), std::make_move_iterator(pending_.begin()),
                                std::make_move_iterator(pending_.end()));
                    pending_.clear();
                }
                if (poisoned_) {
                    // The panic unwinds through flush_pending: the rest of the batch is lost.
                    for (const RustJob& lost : work) {
                        if (lost.kind == RustJob::Kind::Listen) by_id_.erase(lost.listener->id);
                    }
                    return;
                }
                break;
        }
    }
}

EventBus::Dispatch EventBus::dispatch_rust(const Emission& emission,
                                           const std::vector<ListenerPtr>& bucket,
                                           std::uint64_t seed) {
    // We hold the handlers lock (dispatching_): every listen/unlisten is queued, so the bucket
    // cannot change under us and is read without mutex_.
    Dispatch result;
    std::vector<Listener*> shuffled;
    if (config_.order == Order::Random) {
        for (const ListenerPtr& l : bucket)
            shuffled.push_back(l.get());
        shuffle(shuffled, seed);
    }
    const bool record = recording();
    Event event;
    event.event = emission.event;
    event.payload = &emission.payload;
    event.emit = emission.id;
    event.side = Side::Rust;
    event.window = emission.window;
    event.cause = emission.cause;
    const size_t count = bucket.size();
    for (size_t i = 0; i < count; ++i) {
        Listener& listener = shuffled.empty() ? *bucket[i] : *shuffled[i];
        const MatchResult m = match_listener(listener.target, emission.filter, config_.mode);
        if (!m.matched) continue;
        if (listener.once) {
            if (rules(config_.mode).once_unlisten_first) {
                // #15475: unlisten is queued before the handler runs, so a re-entrant emit of
                // the same event no longer finds it.
                unlisten(listener.id, UnlistenReason::Once);
                if (listener.fired.exchange(true)) continue;
            } else if (listener.fired.exchange(true)) {
                // Tauri's `take().expect(..)` panics while the handlers lock is held, which
                // poisons it; the consequence is part of the message so it reads as one event.
                note_error("attempted to call handler more than once (the panic while handling `" +
                               emission.event +
                               "` poisons the Rust handlers lock: from now on every Rust listen, "
                               "unlisten and emit is queued and never runs; JS listeners still "
                               "work)",
                           "emit", true);
                result.panicked = true;
                break;
            }
        }
        ++result.invoked;
        // One dispatch runs at a time, so each Rust listener's counter has a single writer.
        listener.calls.store(listener.calls.load(std::memory_order_relaxed) + 1,
                             std::memory_order_relaxed);
        if (record) record_deliver(listener, emission, m.reason);
        event.id = listener.id;
        call_handler(listener, event);
        if (listener.once && !rules(config_.mode).once_unlisten_first)
            unlisten(listener.id, UnlistenReason::Once);
    }
    rust_deliveries_.fetch_add(result.invoked, std::memory_order_relaxed);
    return result;
}

void EventBus::call_handler(Listener& listener, const Event& event) {
    try {
        listener.handler(event);
    } catch (const std::exception& e) {
        note_error(std::string("handler failed: ") + e.what(), "emit", false);
    }
}

void EventBus::poison() {
    poisoned_ = true;
}

void EventBus::record_emit(Emission& emission, EmitApi api, const Source& from, bool deferred) {
    emission.event_sym = symbols().intern(emission.event);
    Record r;
    r.type = RecordType::Emit;
    r.code = static_cast<std::uint8_t>(api);
    r.emit = emission.id;
    r.event = emission.event_sym;
    r.payload = emission.payload;
    r.set_high_kind(static_cast<std::uint8_t>(from.kind));
    r.aux = from.name.empty() ? kNoSym : symbols().intern(from.name);
    if (deferred) r.flags |= flag::kDeferred;
    if (api == EmitApi::EmitTo) {
        r.flags |= flag::kHasTarget;
        r.set_target_kind(emission.filter.target.kind);
        r.target_label = symbols().intern(emission.filter.target.label);
    } else if (api == EmitApi::EmitFilter) {
        r.text = make_text(accept_json(emission.filter.accept));
    }
    recorder_.append(std::move(r));
}

}  // namespace eventlab
