// Simulated windows: creation, close-requested gating, destroy, and the purge of Tauri 2.12.
#include <algorithm>

#include "core/bus/bus_internal.h"
#include "core/bus/mode_rules.h"
#include "core/bus/names.h"
#include "core/record/recorder.h"
#include "core/util/json_text.h"

namespace eventlab {

using namespace bus_detail;  // NOLINT(google-build-using-namespace): private helpers

// ---------------------------------------------------------------------------------------------
// windows

OpResult EventBus::create_window(std::string_view label, bool announce, const Cause& cause,
                                 std::shared_ptr<PageLink> page) {
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
        webview->page = std::move(page);
        live_[webview->label_sym] = webview.get();
        changed();
        webviews_.push_back(std::move(webview));
        record_window(WindowAction::Created, label);
    }
    if (announce) {
        std::string payload = R"({"label":)";
        append_json_string(payload, label);
        payload += '}';
        const Text text = make_text(std::move(payload));
        // attach_webview announces the webview at once; the window follows on the main thread.
        already_recorded(emit("tauri://webview-created", text, Source::rust(), cause));
        already_recorded(emit("tauri://window-created", text, Source::rust(), cause));
    }
    return OpResult::success();
}

OpResult EventBus::attach_page(std::string_view label, std::shared_ptr<PageLink> page) {
    Lock lock(mutex_);
    Webview* webview = live_webview(label);
    if (webview == nullptr || webview->page) {
        lock.unlock();
        auto message = webview == nullptr
                           ? "no open window `" + std::string(label) + "` for the page"
                           : "a window with label `" + std::string(label) + "` already exists";
        note_error(message, "create_window", false);
        return OpResult::failure(message);
    }
    webview->page = std::move(page);
    changed();
    // What the simulated webview had queued is the page's to run now.
    if (!webview->queue.empty()) webview->page->queued();
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

OpResult EventBus::close_window(std::string_view label, const Cause& cause) {
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
        changed();
    }
    window_event(kCloseRequested, label, cause);
    if (!blocked) return destroy_window(label, cause);
    return OpResult::success();
}

OpResult EventBus::destroy_window(std::string_view label, const Cause& cause) {
    const bool purges = rules(config_.mode).destroy_purges_listeners;
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
        changed();
        for (auto& [id, listener] : by_id_) {
            if (listener->instance == webview->instance) listener->window_gone = true;
        }
        drop_queue(*webview);
        for (const Webview::Callback& callback : webview->callbacks)
            callback.listener->in_page = false;
        webview->drop_callbacks();
        record_window(WindowAction::Destroyed, label);
        if (purges) purge_listeners(label, PurgeStage::BeforeDestroyed);
        if (webview->page) webview->page->destroyed();
    }
    window_event(kDestroyed, label, cause);
    if (purges) {
        Lock lock(mutex_);
        purge_listeners(label, PurgeStage::AfterDestroyed);
    }
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
    changed();
    return OpResult::success();
}

void EventBus::window_event(std::string_view name, std::string_view label, const Cause& cause) {
    // emit_to_window: a filter that accepts only Window{L} and WebviewWindow{L} (plus Any
    // listeners, which never see the filter). AnyLabel{L} does not get these events.
    std::vector<EventTarget> accept = {EventTarget::window(std::string(label)),
                                       EventTarget::webview_window(std::string(label))};
    already_recorded(emit_impl(name, null_payload(), EmitFilter::accepting(std::move(accept)),
                               EmitApi::EmitFilter, Source::rust(), cause, label));
}

void EventBus::purge_listeners(std::string_view label, PurgeStage stage) {
    // Tauri 2.12 (PRs #15604, #15617), measured by the oracle: on_window_close drops the dead
    // webview's JS listeners and the Rust Webview{L} handlers before tauri://destroyed goes out;
    // the window's own event handler drops the Rust Window{L} and WebviewWindow{L} handlers
    // after it has delivered tauri://destroyed to them. App, Any and AnyLabel handlers stay.
    const bool before = stage == PurgeStage::BeforeDestroyed;
    std::vector<std::pair<EventId, std::string>> js_ids;
    std::vector<EventId> rust_ids;
    for (const auto& [id, listener] : by_id_) {
        const EventTarget::Kind kind = listener->target.kind;
        if (before && listener->side == Side::Js && listener->registered &&
            listener->webview == label) {
            js_ids.emplace_back(id, listener->event);
        } else if (listener->side == Side::Rust && is_window_kind(kind) &&
                   listener->target.label == label &&
                   (kind == EventTarget::Kind::Webview) == before) {
            rust_ids.push_back(id);
        }
    }
    std::sort(js_ids.begin(), js_ids.end());
    std::sort(rust_ids.begin(), rust_ids.end());
    for (const auto& [id, event] : js_ids)
        remove_js(id, event, UnlistenReason::Purge, false);
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
    webview.queue.for_each([&](const QueueItem& item) {
        if (!item.emission) return;
        SkipLists skipped;
        for (const auto& [id, reason] : item.targets)
            skipped.add(SkipReason::WindowGone, id);
        record_skips(*item.emission, webview.label_sym, skipped);
    });
    webview.queue.clear();
}

EventBus::Webview* EventBus::live_webview(std::string_view label) const {
    // find, not intern: asking about a label nobody created must not grow the symbol table.
    const Sym sym = recorder_.symbols().find(label);
    return sym == kNoSym ? nullptr : live_webview(sym);
}

EventBus::Webview* EventBus::live_webview(Sym label) const {
    auto it = live_.find(label);
    return it == live_.end() ? nullptr : it->second;
}

}  // namespace eventlab
