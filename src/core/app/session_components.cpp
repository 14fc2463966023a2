// Session: React-style components (mount, unmount, StrictMode's double mount) and the listeners
// a component without cleanup leaves behind.
#include <algorithm>

#include "core/app/session.h"

namespace eventlab {

void Session::record_component(RecordType type, std::string_view webview,
                               std::string_view component, bool cleanup) {
    if (!recorder_.active()) return;
    Record r;
    r.type = type;
    r.in = recorder_.symbols().intern(webview);
    r.aux = recorder_.symbols().intern(component);
    if (cleanup) r.flags |= flag::kCleanup;
    bus_.record(std::move(r));
}

std::uint32_t Session::mount_once(std::string_view webview, std::string_view component,
                                  const std::vector<ListenItem>& items, bool cleanup) {
    record_component(RecordType::Mount, webview, component, cleanup);
    ComponentInfo info;
    {
        std::lock_guard lock(mutex_);
        info.instance = ++next_component_;
    }
    info.webview = std::string(webview);
    info.name = std::string(component);
    info.cleanup = cleanup;
    for (const ListenItem& item : items) {
        ListenRequest request;
        request.side = Side::Js;
        request.in = info.webview;
        request.event = item.event;
        request.target = item.target;
        request.name = item.name.empty() ? info.name : item.name;
        request.component = info.instance;
        if (OpResult r = listen(request); r.ok) info.listeners.push_back(r.id);
    }
    std::lock_guard lock(mutex_);
    components_.push_back(std::move(info));
    return components_.back().instance;
}

OpResult Session::mount(std::string_view webview, std::string_view component,
                        const std::vector<ListenItem>& items, bool cleanup, bool strict) {
    if (!bus_.is_alive(webview)) {
        const std::string message = "no open window `" + std::string(webview) + "` to mount in";
        bus_.record_error(message, "mount", false);
        return OpResult::failure(message);
    }
    mount_once(webview, component, items, cleanup);
    if (strict) {
        // React StrictMode (development): mount, unmount, mount again, at once.
        if (OpResult r = unmount(webview, component); !r.ok) return r;
        mount_once(webview, component, items, cleanup);
    }
    return OpResult::success();
}

void Session::unmount_instance(ComponentInfo& component) {
    component.mounted = false;
    record_component(RecordType::Unmount, component.webview, component.name, component.cleanup);
    if (!component.cleanup) {
        // No `return () => unlisten()`: the listeners stay registered and keep firing.
        bus_.mark_leaked(component.instance);
        return;
    }
    for (EventId id : component.listeners) {
        std::string event;
        {
            std::lock_guard lock(mutex_);
            if (auto it = registered_.find(id); it != registered_.end()) event = it->second.event;
        }
        already_recorded(bus_.js_unlisten(component.webview, event, id, UnlistenReason::Unmount));
    }
}

OpResult Session::unmount(std::string_view webview, std::string_view component) {
    ComponentInfo target;
    {
        std::lock_guard lock(mutex_);
        auto it = std::find_if(components_.rbegin(), components_.rend(), [&](const auto& c) {
            return c.mounted && c.webview == webview && c.name == component;
        });
        if (it != components_.rend()) {
            it->mounted = false;
            target = *it;
        }
    }
    if (target.instance == 0) {
        const std::string message = "component `" + std::string(component) +
                                    "` is not mounted in `" + std::string(webview) + "`";
        bus_.record_error(message, "unmount", false);
        return OpResult::failure(message);
    }
    unmount_instance(target);
    return OpResult::success();
}

std::vector<ComponentInfo> Session::components() const {
    std::lock_guard lock(mutex_);
    return components_;
}

}  // namespace eventlab
