// The JS side of the bus: listeners that live in a webview, and its asynchronous delivery queue.
#include <algorithm>
#include <iterator>

#include "core/bus/bus_internal.h"
#include "core/bus/mode_rules.h"
#include "core/bus/names.h"
#include "core/record/recorder.h"
#include "core/util/block_pool.h"

namespace eventlab {

using namespace bus_detail;  // NOLINT(google-build-using-namespace): private helpers

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
    changed();
    by_id_[listener->id] = listener;
    js_[listener->event].push_back(listener);  // ids only grow: the bucket stays sorted
    webview->callbacks.push_back(
        {listener->id, listener});  // the newest id: the table stays sorted
    record_listen(*listener, false);
    return OpResult::success(listener->id);
}

bool EventBus::remove_js(EventId id, std::string_view event, UnlistenReason reason, bool deferred) {
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
    changed();
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
    if (!rules(config_.mode).js_unlisten_at_once) {
        // 2.0: unlisten is only an IPC call; the page forgets the callback when a later eval
        // arrives, so deliveries already queued still reach it.
        if (!remove_js(id, event, reason, true)) return OpResult::success();
        if (same_page) queue_unregister(*home, id);
    } else {
        // #13306: the page unregisters the callback at once, then tells Rust.
        if (!remove_js(id, event, reason, false)) return OpResult::success();
        if (same_page) forget_callback(*home, id);
    }
    return OpResult::success();
}

OpResult EventBus::unlisten_in_page(EventId id) {
    Lock lock(mutex_);
    auto it = by_id_.find(id);
    if (it == by_id_.end() || it->second->side != Side::Js) return OpResult::success();
    const Listener& listener = *it->second;
    Webview* home = live_webview(listener.webview_sym);
    if (home == nullptr || home->instance != listener.instance) {
        return OpResult::failure("listener " + std::to_string(id) + " of `" + listener.event +
                                 "`: the page of window `" + listener.webview +
                                 "` that registered it is gone (it reloaded or left); no page "
                                 "can unlisten it now");
    }
    if (home->page == nullptr) return OpResult::success();  // not a real page's listener
    // The callback lives in the page's JavaScript: only the page can drop it, as Tauri's own
    // unlisten does, so the bus is not changed behind its back.
    if (!home->page->unlisten_asked(id, listener.event)) {
        return OpResult::failure("the page of window `" + listener.webview +
                                 "` cannot be asked to unlisten listener " + std::to_string(id));
    }
    return OpResult::success();
}

void EventBus::mark_leaked(std::uint32_t component) {
    if (component == 0) return;
    Lock lock(mutex_);
    for (auto& [id, listener] : by_id_) {
        if (listener->component == component) listener->leaked = true;
    }
    changed();
}

void EventBus::queue_js(const Emission& emission, std::shared_ptr<const Emission>& shared) {
    const std::uint64_t version = version_.load(std::memory_order_relaxed);  // written locked
    if (!js_route_.valid || js_route_.version != version || js_route_.event != emission.event) {
        auto found = js_.find(emission.event);
        js_route_.bucket = found == js_.end() ? nullptr : &found->second;
        js_route_.event = emission.event;
        js_route_.version = version;
        js_route_.valid = true;
    }
    if (js_route_.bucket == nullptr) return;
    const std::vector<ListenerPtr>& listeners = *js_route_.bucket;
    // Group the matching ids per live webview, one queue item per webview (one eval each),
    // built in its queue slot: nothing else queues into these webviews until we return, so
    // the slots stay put.
    js_groups_.clear();
    // Listeners of one page tend to sit together in the bucket: look each label up once.
    Sym last_label = kNoSym;
    Webview* webview = nullptr;
    QueueItem* item = nullptr;  // webview's item for this emit, once one of its listeners matched
    for (const ListenerPtr& listener : listeners) {
        if (listener->webview_sym != last_label) {
            last_label = listener->webview_sym;
            webview = live_webview(last_label);
            auto group = std::find_if(js_groups_.begin(), js_groups_.end(),
                                      [webview](const auto& g) { return g.first == webview; });
            item = group == js_groups_.end() ? nullptr : group->second;
        }
        if (webview == nullptr) continue;  // a dead webview gets nothing
        const MatchResult m = match_listener(listener->target, emission.filter, config_.mode);
        if (!m.matched) continue;
        if (item == nullptr) {
            if (!shared) {
                shared = std::allocate_shared<const Emission>(
                    PoolAllocator<Emission>(*emission_pool_), emission);
            }
            webview->queue.push_back(QueueItem(shared, 0));
            item = &webview->queue.back();
            js_groups_.emplace_back(webview, item);
        }
        item->targets.emplace_back(listener->id, m.reason);
    }
    for (auto& [webview, item] : js_groups_) {
        if (config_.order == Order::Random) shuffle(item->targets, next_random());
        if (webview->page) webview->page->queued();
    }
    js_groups_.clear();
}

// ---------------------------------------------------------------------------------------------
// JS delivery

std::size_t EventBus::drain(std::string_view label, std::size_t budget) {
    Lock lock(mutex_);
    Webview* webview = live_webview(label);
    if (webview == nullptr || webview->page) return 0;  // a page's owner drains it
    webview->enter(lock);
    std::size_t done = 0;
    while (webview->alive && !webview->queue.empty() && done < budget)
        done += drain_item(*webview, lock);
    webview->leave();
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
            if (webview.page || !webview.alive || webview.queue.empty()) continue;
            webview.enter(lock);
            while (webview.alive && !webview.queue.empty() && done < budget) {
                done += drain_item(webview, lock);
                progress = true;
            }
            webview.leave();
        }
    }
    return done;
}

std::size_t EventBus::drain_page(std::string_view label) {
    Lock lock(mutex_);
    Webview* webview = live_webview(label);
    if (webview == nullptr || !webview->page) return 0;
    webview->enter(lock);
    std::size_t done = 0;
    while (webview->alive && !webview->queue.empty())
        done += drain_item(*webview, lock);
    webview->leave();
    return done;
}

void EventBus::queue_unregister(Webview& webview, EventId id) {
    webview.queue.push_back(QueueItem(nullptr, id));
    if (webview.page) webview.page->queued();
}

std::size_t EventBus::drain_item(Webview& webview, Lock& lock) {
    QueueItem item = std::move(webview.queue.front());
    webview.queue.pop_front();
    if (!item.emission) {
        if (webview.page) {
            if (const Listener* callback = webview.find_callback(item.unregister)) {
                webview.page->unregistered(item.unregister, callback->event);
            }
        }
        forget_callback(webview, item.unregister);
        return 1;
    }
    // Look the page's callbacks up once, under the lock; whether each one is still in the page
    // is checked again (without the lock) just before its call, since an earlier handler of the
    // same delivery may unlisten it. The pointers stay valid until the drain ends: a callback
    // the page drops meanwhile is parked (Webview::drop_callback).
    const std::size_t count = item.targets.size();
    boost::container::small_vector<Listener*, kInlineTargets> listeners(count, nullptr);
    // Why the page has no callback for an id (filled at the first one missing): the registry
    // is keyed by label, so a page that reuses a closed page's label is sent the old page's
    // listener ids (2.0/stable keep them): say so rather than "unlistened".
    boost::container::small_vector<SkipReason, kInlineTargets> missing;
    std::size_t hint = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const EventId id = item.targets[i].first;
        auto it = webview.find_callback(id, hint);
        if (it != webview.callbacks.end()) {
            listeners[i] = it->listener.get();
            continue;
        }
        missing.resize(count, SkipReason::Unregistered);
        auto known = by_id_.find(id);
        if (known != by_id_.end() && known->second->instance != webview.instance)
            missing[i] = SkipReason::EarlierPage;
    }
    lock.unlock();
    const Emission& emission = *item.emission;
    Event event = js_event(webview, emission);
    std::uint64_t delivered = 0;
    SkipLists skipped;
    for (size_t i = 0; i < count; ++i) {
        const auto [id, reason] = item.targets[i];
        Listener* listener = listeners[i];
        if (!webview.alive.load(std::memory_order_acquire)) {
            skipped.add(SkipReason::WindowGone, id);
        } else if (listener == nullptr || !listener->in_page.load(std::memory_order_acquire)) {
            // Unlistened after the emit was queued (or registered by an earlier page under the
            // same label): the page has no callback for the id.
            skipped.add(
                listener == nullptr && !missing.empty() ? missing[i] : SkipReason::Unregistered,
                id);
        } else {
            if (listener->once) unlisten_once_js(webview, *listener);
            deliver_js(emission, *listener, reason, event);
            ++delivered;
        }
    }
    record_skips(emission, webview.label_sym, skipped);
    lock.lock();
    // Every writer of this counter holds the lock: a plain store (counters() reads it unlocked).
    js_deliveries_.store(js_deliveries_.load(std::memory_order_relaxed) + delivered,
                         std::memory_order_relaxed);
    return 1;
}

void EventBus::unlisten_once_js(Webview& webview, Listener& listener) {
    // JS once: unlisten first (not awaited), then call the handler.
    Lock lock(mutex_);
    if (!rules(config_.mode).js_unlisten_at_once) {
        // 2.0: the page drops the callback only when a later eval arrives.
        if (remove_js(listener.id, listener.event, UnlistenReason::Once, true)) {
            queue_unregister(webview, listener.id);
        }
    } else {
        remove_js(listener.id, listener.event, UnlistenReason::Once, false);
        forget_callback(webview, listener.id);
    }
}

void EventBus::forget_callback(Webview& webview, EventId id) {
    std::size_t hint = 0;
    auto it = webview.find_callback(id, hint);
    if (it == webview.callbacks.end()) return;
    it->listener->in_page.store(false, std::memory_order_release);
    webview.drop_callback(it);
}

Event EventBus::js_event(const Webview& webview, const Emission& emission) {
    Event event;
    event.event = emission.event;
    event.payload = &emission.payload;
    event.emit = emission.id;
    event.side = Side::Js;
    event.webview = webview.label;  // immutable once created: safe to read unlocked
    event.window = emission.window;
    event.cause = emission.cause;
    return event;
}

void EventBus::deliver_js(const Emission& emission, Listener& listener, MatchReason reason,
                          Event& event) {
    // The page's one draining thread (Webview::enter) is this counter's only writer: a plain
    // store, where an atomic increment cost as much as the rest of the delivery.
    listener.calls.store(listener.calls.load(std::memory_order_relaxed) + 1,
                         std::memory_order_relaxed);
    if (recording()) record_deliver(listener, emission, reason);
    event.id = listener.id;
    call_handler(listener, event);
}

}  // namespace eventlab
