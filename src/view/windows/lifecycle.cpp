#include "view/windows/lifecycle.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace eventlab {
namespace {

// Groups are keyed by webview label; the Rust backend's key is the empty string, which no
// window label can be (a window may well be called "rust").
constexpr std::string_view kRustKey;
constexpr std::string_view kRustLabel = "rust";

// A tapped app's window is a group apart from a simulated one of the same label: its key starts
// with a byte no label has.
constexpr char kObservedMark = '\x01';

std::string where_of(Side side, std::string_view webview, bool observed = false) {
    if (side == Side::Rust) return std::string(kRustKey);
    return observed ? kObservedMark + std::string(webview) : std::string(webview);
}

std::string key_of_window(const LifecycleWindow& w) {
    return w.rust ? std::string(kRustKey) : where_of(Side::Js, w.label, w.observed);
}

}  // namespace

std::string_view to_string(ListenerState state) {
    switch (state) {
        case ListenerState::Live:
            return "live";
        case ListenerState::Leaked:
            return "leaked";
        case ListenerState::Stale:
            return "stale";
        case ListenerState::Removed:
            return "removed";
    }
    return "live";
}

std::string removal_words(UnlistenReason reason) {
    switch (reason) {
        case UnlistenReason::Unlisten:
            return "unlisten: removed by its unlisten()";
        case UnlistenReason::Once:
            return "once: removed after its first call";
        case UnlistenReason::Purge:
            return "purge: its window was destroyed";
        case UnlistenReason::Unmount:
            return "unmount: its component's cleanup removed it";
    }
    return "unlisten";
}

LifecycleCounters& LifecycleCounters::operator+=(const LifecycleCounters& o) {
    live += o.live;
    leaked += o.leaked;
    stale += o.stale;
    removed += o.removed;
    leaked_deliveries += o.leaked_deliveries;
    stale_deliveries += o.stale_deliveries;
    return *this;
}

// ---------------------------------------------------------------------------------------------
// LifecycleModel

LifecycleModel::LifecycleModel(LifecycleOptions options) : options_(options) {}

void LifecycleModel::reset(std::uint64_t session_key) {
    session_key_ = session_key;
    version_ = ~std::uint64_t{0};
    cursor_ = 0;
    caught_up_ = true;
    listeners_.clear();
    bus_windows_.clear();
    components_.clear();
    registered_.clear();
    calls_.clear();
    late_calls_.clear();
    late_by_window_.clear();
    removed_.clear();
    windows_.clear();
    slots_.clear();
    touched_.clear();
    late_touched_ = false;
    reshaped_ = true;
}

bool LifecycleModel::update(Session& session, const RecordLog& log, std::uint64_t session_key) {
    bool changed = false;
    if (session_key != session_key_) {
        reset(session_key);
        changed = true;
    }
    if (const std::uint64_t version = session.state_version(); version != version_) {
        version_ = version;
        listeners_ = session.listeners();
        bus_windows_ = session.windows();
        components_.update(session.components());
        ++snapshots_;
        // A listener seen live can be described after it goes, even if its listen record was
        // dropped from the ring (or recorded before this log existed).
        for (const ListenerInfo& l : listeners_) {
            registered_.try_emplace(
                key_of(l.id, l.observed),
                Registration{l.side, l.event, l.target, l.webview, l.name, l.once});
        }
        reshaped_ = true;
        changed = true;
    }
    changed = scan(session, log) || changed;
    const std::size_t before = removed_.size();
    prune_removed(session.clock().now_us());
    reshaped_ = reshaped_ || removed_.size() != before;
    changed = changed || removed_.size() != before;
    if (changed && (reshaped_ || !apply_counts())) rebuild();
    touched_.clear();
    late_touched_ = false;
    return changed;
}

// Deliveries only: the same listeners in the same places, with new counts.
bool LifecycleModel::apply_counts() {
    for (const Key id : touched_) {
        const auto slot = slots_.find(id);
        if (slot == slots_.end()) return false;  // not built yet: a full build places it
        LifecycleListener& l = windows_[slot->second.window]
                                   .components[slot->second.component]
                                   .listeners[slot->second.listener];
        const auto calls = calls_.find(id);
        l.calls = calls == calls_.end() ? 0 : calls->second;
        const auto late = late_calls_.find(id);
        l.late_calls = late == late_calls_.end() ? 0 : late->second;
    }
    if (!late_touched_) return true;
    for (LifecycleWindow& w : windows_) {
        const auto it = late_by_window_.find(key_of_window(w));
        if (it == late_by_window_.end()) continue;
        w.counters.leaked_deliveries = it->second.leaked_deliveries;
        w.counters.stale_deliveries = it->second.stale_deliveries;
    }
    return true;
}

bool LifecycleModel::scan(Session& session, const RecordLog& log) {
    const std::uint64_t end = log.end();
    cursor_ = std::max(cursor_, log.first());  // records the ring dropped are gone for good
    if (cursor_ >= end) {
        caught_up_ = true;
        return false;
    }
    const std::uint64_t to = std::min<std::uint64_t>(end, cursor_ + options_.scan_budget);
    const Symbols& symbols = session.recorder().symbols();
    bool changed = false;
    log.scan(cursor_, to, [&](std::uint64_t, const Record& r) {
        switch (r.type) {
            case RecordType::Listen:
                note_listen(r, symbols);
                break;
            case RecordType::Unlisten:
                note_unlisten(r, symbols);
                reshaped_ = true;
                changed = true;
                break;
            case RecordType::Deliver:
                note_deliver(r, symbols);
                changed = true;
                break;
            default:
                break;
        }
    });
    cursor_ = to;
    caught_up_ = to == end;
    return changed;
}

void LifecycleModel::note_listen(const Record& r, const Symbols& symbols) {
    Registration reg;
    reg.side = r.side();
    reg.event = std::string(symbols.view(r.event));
    reg.target = record_target(r, symbols);
    if (reg.side == Side::Js) reg.webview = std::string(symbols.view(r.in));
    reg.name = std::string(symbols.view(r.aux));
    reg.once = r.has(flag::kOnce);
    registered_[key_of(r.listener, r.observed)] = std::move(reg);
}

void LifecycleModel::note_unlisten(const Record& r, const Symbols& symbols) {
    Removal removal;
    LifecycleListener& l = removal.listener;
    l.id = r.listener;
    l.side = r.side();
    l.event = std::string(symbols.view(r.event));
    l.state = ListenerState::Removed;
    l.reason = static_cast<UnlistenReason>(r.code);
    l.removed_us = r.t_us;
    l.observed = r.observed;
    const Key key = key_of(r.listener, r.observed);
    if (auto it = registered_.find(key); it != registered_.end()) {
        l.target = it->second.target;
        l.name = it->second.name;
        l.once = it->second.once;
        registered_.erase(it);
    }
    removal.where = where_of(l.side, symbols.view(r.in), r.observed);
    if (auto it = calls_.find(key); it != calls_.end()) {
        l.calls = it->second;
        calls_.erase(it);
    }
    if (auto it = late_calls_.find(key); it != late_calls_.end()) {
        l.late_calls = it->second;
        late_calls_.erase(it);
    }
    removed_.push_back(std::move(removal));
    if (removed_.size() > options_.keep_removed) {
        removed_.erase(removed_.begin(),
                       removed_.begin() +
                           static_cast<std::ptrdiff_t>(removed_.size() - options_.keep_removed));
    }
}

void LifecycleModel::note_deliver(const Record& r, const Symbols& symbols) {
    const Key key = key_of(r.listener, r.observed);
    const bool known = registered_.count(key) != 0;
    if (!known) {
        // 2.0 removes a JS listener asynchronously: a queued delivery may still reach it.
        for (Removal& removal : removed_) {
            if (removal.listener.id == r.listener && removal.listener.observed == r.observed) {
                ++removal.listener.calls;
                reshaped_ = true;
            }
        }
    } else {
        ++calls_[key];
        touched_.push_back(key);
    }
    if (!r.has(flag::kStale)) return;
    late_touched_ = true;
    // A JS handler only runs in its own, live page, so a stale JS delivery is a leaked
    // listener (its component unmounted without cleanup); a stale Rust one outlived its window.
    const bool leaked = r.side() == Side::Js;
    if (known) ++late_calls_[key];
    LifecycleCounters& c = late_by_window_[where_of(r.side(), symbols.view(r.in), r.observed)];
    if (leaked) {
        ++c.leaked_deliveries;
    } else {
        ++c.stale_deliveries;
    }
}

void LifecycleModel::prune_removed(std::int64_t now_us) {
    const std::int64_t oldest = now_us - options_.keep_removed_us;
    std::erase_if(removed_, [&](const Removal& r) { return r.listener.removed_us < oldest; });
}

void LifecycleModel::rebuild() {
    std::vector<LifecycleWindow> out;
    std::map<std::string, std::size_t> index;  // label → position in out
    const auto window_for = [&](const std::string& key, bool rust) -> LifecycleWindow& {
        auto [it, added] = index.try_emplace(key, out.size());
        if (added) {
            LifecycleWindow w;
            w.observed = !key.empty() && key.front() == kObservedMark;
            w.label = rust ? std::string(kRustLabel) : key.substr(w.observed ? 1 : 0);
            w.rust = rust;
            w.alive = rust;
            out.push_back(std::move(w));
        }
        return out[it->second];
    };
    for (const WindowInfo& w : bus_windows_)
        window_for(where_of(Side::Js, w.label, w.observed), false).alive |= w.alive;

    // Components first, so each window lists them in mount order even before their listeners.
    std::map<std::pair<std::string, std::uint32_t>, LifecycleComponent> groups;
    const auto group_for = [&](const std::string& where, std::uint32_t instance) -> auto& {
        auto& g = groups[{where, instance}];
        g.instance = instance;
        return g;
    };
    for (const ComponentInfo& c : components_.components()) {
        if (!c.mounted) continue;  // unmounted ones appear only with listeners to show
        auto& g = group_for(c.webview, c.instance);
        g.name = c.name;
        g.cleanup = c.cleanup;
        g.mounted = true;
    }
    const auto place = [&](const std::string& where, LifecycleListener listener) {
        std::uint32_t instance = 0;
        const ComponentInfo* c =
            listener.observed ? nullptr : components_.component_of(listener.id);
        if (c != nullptr) {
            instance = c->instance;
            auto& g = group_for(where, instance);
            g.name = c->name;
            g.cleanup = c->cleanup;
            g.mounted = c->mounted;
        }
        group_for(where, instance).listeners.push_back(std::move(listener));
    };

    std::unordered_set<Key> live_ids;
    for (const ListenerInfo& l : listeners_) {
        const Key key = key_of(l.id, l.observed);
        live_ids.insert(key);
        LifecycleListener item;
        item.id = l.id;
        item.observed = l.observed;
        item.side = l.side;
        item.event = l.event;
        item.target = l.target;
        item.name = l.name;
        item.once = l.once;
        item.pending = l.pending;
        item.state = l.leaked  ? ListenerState::Leaked
                     : l.stale ? ListenerState::Stale
                               : ListenerState::Live;
        item.window_gone = l.stale;
        if (auto it = calls_.find(key); it != calls_.end()) item.calls = it->second;
        if (auto it = late_calls_.find(key); it != late_calls_.end()) item.late_calls = it->second;
        place(where_of(l.side, l.webview, l.observed), std::move(item));
    }
    for (const Removal& r : removed_) {
        // A Rust unlisten queued behind a running handler is recorded before it takes effect.
        if (live_ids.count(key_of(r.listener.id, r.listener.observed)) == 0) {
            place(r.where, r.listener);
        }
    }

    // Webview windows first (creation order), the Rust backend last.
    for (auto& [key, group] : groups) {
        if (key.first != kRustKey) window_for(key.first, false);
    }
    for (auto& [key, group] : groups) {
        LifecycleWindow& w = window_for(key.first, key.first == kRustKey);
        for (const LifecycleListener& l : group.listeners) {
            switch (l.state) {
                case ListenerState::Live:
                    ++w.counters.live;
                    break;
                case ListenerState::Leaked:
                    ++w.counters.leaked;
                    if (l.window_gone) ++w.counters.stale;
                    break;
                case ListenerState::Stale:
                    ++w.counters.stale;
                    break;
                case ListenerState::Removed:
                    ++w.counters.removed;
                    break;
            }
        }
        std::sort(group.listeners.begin(), group.listeners.end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        w.components.push_back(std::move(group));
    }
    for (LifecycleWindow& w : out) {
        if (auto it = late_by_window_.find(key_of_window(w)); it != late_by_window_.end()) {
            w.counters.leaked_deliveries = it->second.leaked_deliveries;
            w.counters.stale_deliveries = it->second.stale_deliveries;
        }
    }
    windows_ = std::move(out);
    index_slots();
    reshaped_ = false;
    ++builds_;
}

void LifecycleModel::index_slots() {
    slots_.clear();
    for (std::size_t w = 0; w < windows_.size(); ++w) {
        const auto& components = windows_[w].components;
        for (std::size_t c = 0; c < components.size(); ++c) {
            const auto& listeners = components[c].listeners;
            for (std::size_t l = 0; l < listeners.size(); ++l) {
                // A removed one's late deliveries reshape (note_deliver): it needs no slot.
                if (listeners[l].state == ListenerState::Removed) continue;
                slots_[key_of(listeners[l].id, listeners[l].observed)] = {
                    static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(c),
                    static_cast<std::uint32_t>(l)};
            }
        }
    }
}

const LifecycleWindow* LifecycleModel::window(std::string_view label) const {
    for (const LifecycleWindow& w : windows_) {
        if (w.label == label && !w.rust) return &w;
    }
    for (const LifecycleWindow& w : windows_) {
        if (w.rust && label == kRustLabel) return &w;
    }
    return nullptr;
}

LifecycleCounters LifecycleModel::totals() const {
    LifecycleCounters total;
    for (const LifecycleWindow& w : windows_)
        total += w.counters;
    return total;
}

}  // namespace eventlab
