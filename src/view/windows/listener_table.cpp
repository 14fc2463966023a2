#include "view/windows/listener_table.h"

#include <algorithm>
#include <unordered_map>

namespace eventlab {

std::string leaked_mark(std::string_view component) {
    return "leaked: handler of unmounted component " + std::string(component);
}

std::vector<ListenerRow> listener_rows(std::string_view label,
                                       const std::vector<ListenerInfo>& listeners,
                                       const std::vector<ComponentInfo>& components,
                                       const Session& session, bool observed) {
    std::vector<ListenerRow> rows;
    std::unordered_map<std::uint32_t, const ComponentInfo*> by_instance;
    for (const ListenerInfo& l : listeners) {
        // A tapped app's window may share its label with a simulated one: each shows its own.
        if (l.side != Side::Js || l.webview != label || l.observed != observed) continue;
        ListenerRow row;
        row.id = l.id;
        row.event = l.event;
        row.target = describe(l.target);
        row.name = l.name;
        row.once = l.once;
        row.calls = l.calls;
        row.last_payload = l.observed ? session.observed_payload(l.id) : session.last_payload(l.id);
        row.leaked = l.leaked;
        row.stale = l.stale;
        if (l.leaked) {
            // Built on first need: most windows have no leaked listener at all.
            if (by_instance.empty()) {
                for (const ComponentInfo& c : components)
                    by_instance[c.instance] = &c;
            }
            const auto it = by_instance.find(l.component);
            row.mark = leaked_mark(it == by_instance.end() ? std::string_view("?")
                                                           : std::string_view(it->second->name));
        }
        if (l.stale) {
            if (!row.mark.empty()) row.mark += "; ";
            row.mark += kStaleMark;
        }
        rows.push_back(std::move(row));
    }
    // bus.listeners() is sorted by id already; sorting again keeps this true for any caller.
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return rows;
}

std::vector<ComponentRow> component_rows(std::string_view label,
                                         const std::vector<ComponentInfo>& components,
                                         const std::vector<ListenerInfo>& listeners) {
    // One pass over the listeners, not one per component: StrictMode loops make thousands.
    std::unordered_map<std::uint32_t, std::size_t> leaked;
    for (const ListenerInfo& l : listeners) {
        if (l.leaked && l.webview == label) ++leaked[l.component];
    }
    std::vector<ComponentRow> out;
    for (auto it = components.rbegin(); it != components.rend(); ++it) {
        if (it->webview != label) continue;
        const auto count = leaked.find(it->instance);
        out.push_back({it->instance, it->name, it->mounted, it->cleanup, it->listeners.size(),
                       count == leaked.end() ? 0 : count->second});
    }
    return out;
}

}  // namespace eventlab
