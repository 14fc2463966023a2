#include "core/app/component.h"

namespace eventlab {

void ComponentIndex::update(const std::vector<ComponentInfo>& components) {
    if (components.size() < components_.size()) clear();  // another session
    const std::size_t known = components_.size();
    components_ = components;  // every copy: `mounted` changes on the old ones too
    for (std::size_t i = known; i < components_.size(); ++i) {
        for (EventId id : components_[i].listeners)
            by_listener_[id] = i;
    }
}

void ComponentIndex::clear() {
    components_.clear();
    by_listener_.clear();
}

const ComponentInfo* ComponentIndex::component_of(EventId id) const {
    const auto it = by_listener_.find(id);
    return it == by_listener_.end() ? nullptr : &components_[it->second];
}

std::string_view ComponentIndex::leaked_component(EventId id) const {
    const ComponentInfo* c = component_of(id);
    if (c == nullptr || c->mounted || c->cleanup) return {};
    return c->name;
}

}  // namespace eventlab
