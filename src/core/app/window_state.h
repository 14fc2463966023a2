// The state of one simulated window as Tauri's window API reports it (title, size, position,
// focus, maximized, theme, …), the one monitor every window is on, and the events Tauri emits
// when that state changes. Plain values: a window from a project's config, from a page's
// `new WebviewWindow(…)` or from the inspector is a NativeWindowState filled in by its caller.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventlab {

// Tauri's PhysicalSize<u32> and PhysicalPosition<i32>: device pixels.
struct PhysicalSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    bool operator==(const PhysicalSize&) const = default;
};

struct PhysicalPosition {
    std::int32_t x = 0;
    std::int32_t y = 0;
    bool operator==(const PhysicalPosition&) const = default;
};

// Logical (CSS) pixels to physical ones, rounding as Tauri's dpi crate does.
PhysicalSize to_physical_size(double width, double height, double scale_factor);
PhysicalPosition to_physical_position(double x, double y, double scale_factor);

enum class Theme : std::uint8_t { Light, Dark };
std::string_view to_string(Theme theme);  // "light", "dark": Tauri's serialization
// Tauri's Theme deserializer: "dark" in any case is Dark, every other string Light.
Theme parse_theme(std::string_view text);

// The one screen of the simulated desktop.
struct Monitor {
    std::string name = "EventLab Virtual Monitor";
    PhysicalSize size{1920, 1080};
    PhysicalPosition position{0, 0};
    PhysicalSize work_area_size{1920, 1040};  // a 40-pixel panel at the bottom
    PhysicalPosition work_area_position{0, 0};
    double scale_factor = 1.0;
};
const Monitor& simulated_monitor();
nlohmann::json to_json(const Monitor& monitor);     // Tauri's Monitor, camelCase keys
nlohmann::json to_json(PhysicalSize size);          // {width, height}
nlohmann::json to_json(PhysicalPosition position);  // {x, y}
// Where the platform puts a window of this size: the middle of the monitor's work area.
PhysicalPosition centered(PhysicalSize size, const Monitor& monitor = simulated_monitor());

// Defaults are Tauri's WindowConfig defaults (800×600 logical, resizable, decorated, visible,
// focused when created, the system theme), placed in the middle of the monitor's work area.
// EventLab's windows have no frame: the outer size and position are the inner ones.
struct NativeWindowState {
    std::string title = "Tauri App";
    PhysicalSize size{800, 600};  // inner size
    PhysicalPosition position{560, 220};
    double scale_factor = 1.0;
    bool visible = true;
    bool focused = true;  // a window takes the focus when it is created (WindowConfig::focus)
    bool maximized = false;
    bool minimized = false;
    bool fullscreen = false;
    bool decorated = true;
    bool resizable = true;
    bool maximizable = true;
    bool minimizable = true;
    bool closable = true;
    bool enabled = true;
    bool focusable = true;
    bool always_on_top = false;
    bool always_on_bottom = false;
    bool content_protected = false;
    bool skip_taskbar = false;
    bool visible_on_all_workspaces = false;
    bool shadow = true;
    std::optional<Theme> theme;  // absent: follows the system theme
    std::optional<PhysicalSize> min_size;
    std::optional<PhysicalSize> max_size;
    // The webview of this WebviewWindow: at the window's origin, filling it unless given a size.
    bool webview_visible = true;
    PhysicalPosition webview_position{0, 0};
    std::optional<PhysicalSize> webview_size;
    double zoom = 1.0;
    // Where maximize or fullscreen found the window, to go back to.
    std::optional<PhysicalSize> restore_size;
    std::optional<PhysicalPosition> restore_position;

    bool operator==(const NativeWindowState&) const = default;
};

// The simulated desktop's theme: what a window without its own theme shows.
inline constexpr Theme kSystemTheme = Theme::Light;
inline Theme effective_theme(const NativeWindowState& state) {
    return state.theme.value_or(kSystemTheme);
}

// The state a WebviewWindow gets from Tauri's WindowConfig (the `options` of
// `plugin:webview|create_webview_window`, an `app.windows` entry of tauri.conf.json): logical
// `width`/`height`/`x`/`y`, `title`, `visible`, `focus`, `maximized`, `fullscreen`, `theme`, ….
// Keys it does not model are ignored.
NativeWindowState window_state_from_config(const nlohmann::json& config);

// The size min/max allow (the OS clamps a resize to them).
PhysicalSize clamp_size(const NativeWindowState& state, PhysicalSize size);
// Position and size filling `area` (maximize: the work area; fullscreen: the whole monitor),
// remembering where the window was.
void fill_area(NativeWindowState& state, PhysicalPosition position, PhysicalSize size);
// Back to where fill_area found it.
void restore_geometry(NativeWindowState& state);

// What the platform does to a window when Tauri's Window API (or a person) asks: the window
// plugin's commands and the inspector's Window section make a change with these, never by hand.
// Maximize fills the work area (not while fullscreen, which keeps the whole monitor) and
// un-minimizes; unmaximize goes back to where maximize found the window.
void maximize(NativeWindowState& state);
void unmaximize(NativeWindowState& state);
void set_fullscreen(NativeWindowState& state, bool on);
// A window that is hidden or minimized loses the focus (the platform's blur).
void hide(NativeWindowState& state);
void minimize(NativeWindowState& state);
// Only a visible, focusable window takes the focus; taking it un-minimizes.
void set_focus(NativeWindowState& state);

// One event Tauri's runtime emits to a window (`emit_to_window`: Window{L} and
// WebviewWindow{L} listeners, plus Any ones), as window/manager.rs names it.
struct WindowEvent {
    std::string name;     // tauri://resize, tauri://move, tauri://focus, …
    std::string payload;  // JSON text
};

// What Tauri emits when a window's state goes from `before` to `after`, in the order the
// platform reports it: scale-change, move, resize, focus or blur, theme-changed.
std::vector<WindowEvent> window_events(const NativeWindowState& before,
                                       const NativeWindowState& after);

}  // namespace eventlab
