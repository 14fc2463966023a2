#include "view/route/trace_listeners.h"

#include <algorithm>

namespace eventlab {

void TraceListeners::reset() {
    next_ = 0;
    started_ = false;
    listeners_.clear();
    windows_.clear();
    next_instance_ = 0;
}

bool TraceListeners::alive(const std::string& label) const {
    return std::any_of(windows_.begin(), windows_.end(),
                       [&](const WindowInfo& w) { return w.alive && w.label == label; });
}

void TraceListeners::apply(const Record& r, const Symbols& symbols) {
    switch (r.type) {
        case RecordType::Listen: {
            ListenerInfo info;
            info.id = r.listener;
            info.side = r.side();
            info.event = std::string(symbols.view(r.event));
            info.target = record_target(r, symbols);
            if (info.side == Side::Js) info.webview = std::string(symbols.view(r.in));
            info.once = r.has(flag::kOnce);
            info.name = std::string(symbols.view(r.aux));
            info.stale = info.side == Side::Js && !alive(info.webview);
            listeners_[info.id] = std::move(info);
            break;
        }
        case RecordType::Unlisten:
            listeners_.erase(r.listener);
            break;
        case RecordType::Deliver:
            if (auto it = listeners_.find(r.listener); it != listeners_.end()) ++it->second.calls;
            break;
        case RecordType::Window: {
            const std::string label(symbols.view(r.in));
            const auto action = static_cast<WindowAction>(r.code);
            if (action == WindowAction::Created) {
                windows_.push_back({label, ++next_instance_, true, false, 0, {}});
                // A page loaded under a reused label: the old page's listeners stay stale.
            } else {
                for (WindowInfo& w : windows_) {
                    if (!w.alive || w.label != label) continue;
                    if (action == WindowAction::Destroyed) {
                        w.alive = false;
                        w.close_pending = false;
                        for (auto& [id, l] : listeners_) {
                            if (l.side == Side::Js && l.webview == label) l.stale = true;
                        }
                    } else {
                        w.close_pending = true;
                    }
                }
            }
            break;
        }
        default:
            break;
    }
}

void TraceListeners::seek(const RecordLog& log, const Symbols& symbols, std::uint64_t position) {
    position = std::min(position, log.end());
    if (!started_ || position < next_ || next_ < log.first()) {
        // Going back (or the ring dropped what was read): no undo, start again.
        reset();
        started_ = true;
        next_ = log.first();
    }
    if (position <= next_) return;
    log.scan(next_, position,
             [&](std::uint64_t /*position*/, const Record& r) { apply(r, symbols); });
    next_ = position;
}

std::vector<ListenerInfo> TraceListeners::listeners() const {
    std::vector<ListenerInfo> out;
    out.reserve(listeners_.size());
    for (const auto& [id, info] : listeners_)
        out.push_back(info);
    return out;
}

std::vector<WindowInfo> TraceListeners::windows() const {
    std::vector<WindowInfo> out;
    for (const WindowInfo& w : windows_) {
        if (w.alive) out.push_back(w);
    }
    for (const WindowInfo& w : windows_) {
        if (!w.alive) out.push_back(w);
    }
    return out;
}

std::vector<ListenerInfo> listeners_at(const RecordLog& log, const Symbols& symbols,
                                       std::uint64_t position) {
    TraceListeners tracker;
    tracker.seek(log, symbols, position);
    return tracker.listeners();
}

void resolve_trace_route(Route& route, const std::vector<ListenerInfo>& listeners, Mode mode) {
    for (RouteNode& node : route.nodes) {
        for (RouteListener& l : node.got) {
            const auto info = std::find_if(listeners.begin(), listeners.end(),
                                           [&](const ListenerInfo& i) { return i.id == l.id; });
            if (info == listeners.end()) continue;  // registered before the trace began
            l.target = info->target;
            // A queued emit reached the Rust handlers without its filter (#15759).
            const bool lost = route.deferred && l.side == Side::Rust &&
                              route.filter.kind != EmitFilter::Kind::None;
            const EmitFilter filter =
                lost ? EmitFilter{EmitFilter::Kind::Lost, {}, {}} : route.filter;
            l.reason = match_listener(info->target, filter, mode).reason;
        }
    }
}

}  // namespace eventlab
