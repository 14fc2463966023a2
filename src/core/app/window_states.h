// The state of every open window, kept beside the bus: the bus knows which windows exist (a
// page connecting, a scenario, the inspector, a destroy), this knows what each one looks like.
// A window's state starts when the window is first seen open (from its preset, else Tauri's
// defaults) and ends when it closes. Safe to call from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/window_state.h"

namespace eventlab {

class EventBus;

// The events one window gets from a change.
struct WindowChange {
    std::string label;
    std::vector<WindowEvent> events;
};

class WindowStates {
  public:
    explicit WindowStates(const EventBus& bus) : bus_(bus) {}

    // The state a window with this label starts with (a configured window, or one a page creates
    // with options). `once`: for the next window of that label only.
    void preset(std::string label, NativeWindowState state, bool once);
    // The state of an open window; nullopt when no window of that label is open.
    std::optional<NativeWindowState> get(std::string_view label);
    // Changes an open window's state and says which events each window gets, in order. At most
    // one window has the focus: a window that takes it blurs the one that had it (whose blur comes
    // first). Nullopt when no window of that label is open (nothing changed).
    std::optional<std::vector<WindowChange>> update(
        std::string_view label, const std::function<void(NativeWindowState&)>& change);
    // The same change for every open window (the app's theme).
    std::vector<WindowChange> update_all(const std::function<void(NativeWindowState&)>& change);

  private:
    struct Entry {
        std::uint32_t instance = 0;
        NativeWindowState state;
    };
    struct Preset {
        NativeWindowState state;
        bool once = false;
    };

    void sync();  // with mutex_ held
    void take_focus(std::string_view label, std::vector<WindowChange>& changes);

    const EventBus& bus_;
    std::mutex mutex_;
    std::uint64_t seen_version_ = ~std::uint64_t{0};
    std::map<std::string, Entry, std::less<>> open_;
    std::map<std::string, Preset, std::less<>> presets_;
};

}  // namespace eventlab
