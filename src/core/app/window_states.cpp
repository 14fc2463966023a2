#include "core/app/window_states.h"

#include <set>

#include "core/bus/bus.h"

namespace eventlab {

void WindowStates::preset(std::string label, NativeWindowState state, bool once) {
    std::lock_guard lock(mutex_);
    presets_[std::move(label)] = {std::move(state), once};
}

std::optional<NativeWindowState> WindowStates::get(std::string_view label) {
    std::lock_guard lock(mutex_);
    sync();
    const auto it = open_.find(label);
    if (it == open_.end()) return std::nullopt;
    return it->second.state;
}

std::optional<std::vector<WindowChange>> WindowStates::update(
    std::string_view label, const std::function<void(NativeWindowState&)>& change) {
    std::lock_guard lock(mutex_);
    sync();
    const auto it = open_.find(label);
    if (it == open_.end()) return std::nullopt;
    const NativeWindowState before = it->second.state;
    change(it->second.state);
    std::vector<WindowChange> changes;
    if (!before.focused && it->second.state.focused) take_focus(label, changes);
    changes.push_back({it->first, window_events(before, it->second.state)});
    return changes;
}

std::vector<WindowChange> WindowStates::update_all(
    const std::function<void(NativeWindowState&)>& change) {
    std::lock_guard lock(mutex_);
    sync();
    std::vector<WindowChange> changes;
    for (auto& [label, entry] : open_) {
        const NativeWindowState before = entry.state;
        change(entry.state);
        changes.push_back({label, window_events(before, entry.state)});
    }
    return changes;
}

// Windows come and go through the bus (pages, scenarios, the inspector, destroys): a window
// whose instance is new gets its initial state, in creation order, and a closed one is dropped.
void WindowStates::sync() {
    const std::uint64_t version = bus_.version();
    if (version == seen_version_) return;
    seen_version_ = version;
    std::set<std::string, std::less<>> live;
    for (const WindowInfo& info : bus_.live_windows()) {
        live.insert(info.label);
        const auto it = open_.find(info.label);
        if (it != open_.end() && it->second.instance == info.instance) continue;
        NativeWindowState state;
        if (const auto preset = presets_.find(info.label); preset != presets_.end()) {
            state = preset->second.state;
            if (preset->second.once) presets_.erase(preset);
        }
        // A new window that takes the focus takes it from the others. Tauri would emit their blur
        // and its focus when the platform reports them; EventLab notices the window only now.
        if (state.focused) {
            for (auto& [other, entry] : open_)
                entry.state.focused = false;
        }
        open_[info.label] = {info.instance, std::move(state)};
    }
    std::erase_if(open_, [&live](const auto& entry) { return !live.contains(entry.first); });
}

void WindowStates::take_focus(std::string_view label, std::vector<WindowChange>& changes) {
    for (auto& [other, entry] : open_) {
        if (other == label || !entry.state.focused) continue;
        entry.state.focused = false;
        changes.push_back({other, {{"tauri://blur", "null"}}});
    }
}

}  // namespace eventlab
