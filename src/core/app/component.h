// The simulated frontend's components (React-style: mount registers listeners, unmount removes
// them unless the component forgot its cleanup) as session data. Here rather than in the
// scenario parser or a panel's model: the session, `run`'s summary and the views all read them,
// and none of those should depend on a file format or on a view.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/bus/bus.h"
#include "core/bus/target.h"

namespace eventlab {

// One {event, [target], [name]} a component listens to when it mounts.
struct ListenItem {
    std::string event;
    std::optional<EventTarget> target;  // absent: JS listen with no target (Any)
    std::string name;                   // absent: the component's name
};

struct ComponentInfo {
    std::uint32_t instance = 0;
    std::string webview;
    std::string name;
    bool cleanup = false;
    bool mounted = true;
    std::vector<EventId> listeners;
};

// Listener id → the component that registered it, from Session::components(). Components are
// only ever appended, so an update indexes the new ones only.
class ComponentIndex {
  public:
    void update(const std::vector<ComponentInfo>& components);
    void clear();
    // The component of listener `id`, or nullptr when no component registered it.
    const ComponentInfo* component_of(EventId id) const;
    // The component name when the listener leaked (its component unmounted without cleanup).
    std::string_view leaked_component(EventId id) const;
    const std::vector<ComponentInfo>& components() const { return components_; }

  private:
    std::vector<ComponentInfo> components_;
    std::unordered_map<EventId, std::size_t> by_listener_;  // → index in components_
};

}  // namespace eventlab
