#include "core/app/window_state.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace eventlab {
namespace {

// Pixel::from_f64 of Tauri's dpi crate: round, then saturate into the integer type.
template <typename Int>
Int round_pixel(double value) {
    if (!std::isfinite(value)) return 0;
    const double rounded = std::round(value);
    if (rounded <= static_cast<double>(std::numeric_limits<Int>::min())) {
        return std::numeric_limits<Int>::min();
    }
    if (rounded >= static_cast<double>(std::numeric_limits<Int>::max())) {
        return std::numeric_limits<Int>::max();
    }
    return static_cast<Int>(rounded);
}

std::optional<double> number(const nlohmann::json& config, std::string_view key) {
    const auto it = config.find(key);
    if (it == config.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

void read_flag(const nlohmann::json& config, std::string_view key, bool& out) {
    const auto it = config.find(key);
    if (it != config.end() && it->is_boolean()) out = it->get<bool>();
}

std::optional<PhysicalSize> size_limit(const nlohmann::json& config, std::string_view width_key,
                                       std::string_view height_key, double scale) {
    const auto width = number(config, width_key);
    const auto height = number(config, height_key);
    if (!width && !height) return std::nullopt;
    // A limit on one side only leaves the other free.
    const double free = width_key.starts_with("min") ? 0.0 : 1e9;
    return to_physical_size(width.value_or(free), height.value_or(free), scale);
}

}  // namespace

nlohmann::json to_json(PhysicalSize size) {
    return {{"width", size.width}, {"height", size.height}};
}

nlohmann::json to_json(PhysicalPosition position) {
    return {{"x", position.x}, {"y", position.y}};
}

PhysicalPosition centered(PhysicalSize size, const Monitor& monitor) {
    const auto middle = [](std::int32_t start, std::uint32_t area, std::uint32_t length) {
        return start + (static_cast<std::int32_t>(area) - static_cast<std::int32_t>(length)) / 2;
    };
    return {middle(monitor.work_area_position.x, monitor.work_area_size.width, size.width),
            middle(monitor.work_area_position.y, monitor.work_area_size.height, size.height)};
}

PhysicalSize to_physical_size(double width, double height, double scale_factor) {
    return {round_pixel<std::uint32_t>(width * scale_factor),
            round_pixel<std::uint32_t>(height * scale_factor)};
}

PhysicalPosition to_physical_position(double x, double y, double scale_factor) {
    return {round_pixel<std::int32_t>(x * scale_factor),
            round_pixel<std::int32_t>(y * scale_factor)};
}

std::string_view to_string(Theme theme) {
    return theme == Theme::Dark ? "dark" : "light";
}

Theme parse_theme(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "dark" ? Theme::Dark : Theme::Light;
}

const Monitor& simulated_monitor() {
    static const Monitor monitor;
    return monitor;
}

nlohmann::json to_json(const Monitor& monitor) {
    return {{"name", monitor.name},
            {"size", to_json(monitor.size)},
            {"position", to_json(monitor.position)},
            {"workArea",
             {{"position", to_json(monitor.work_area_position)},
              {"size", to_json(monitor.work_area_size)}}},
            {"scaleFactor", monitor.scale_factor}};
}

NativeWindowState window_state_from_config(const nlohmann::json& config) {
    NativeWindowState state;
    if (!config.is_object()) return state;
    const Monitor& monitor = simulated_monitor();
    const double scale = monitor.scale_factor;
    state.scale_factor = scale;
    if (const auto title = config.find("title"); title != config.end() && title->is_string()) {
        state.title = title->get<std::string>();
    }
    state.size = to_physical_size(number(config, "width").value_or(800.0),
                                  number(config, "height").value_or(600.0), scale);
    state.min_size = size_limit(config, "minWidth", "minHeight", scale);
    state.max_size = size_limit(config, "maxWidth", "maxHeight", scale);
    state.size = clamp_size(state, state.size);
    const auto x = number(config, "x");
    const auto y = number(config, "y");
    // Without both coordinates the platform places the window; here, in the middle.
    state.position = x && y ? to_physical_position(*x, *y, scale) : centered(state.size, monitor);
    bool center = false;
    read_flag(config, "center", center);
    if (center) state.position = centered(state.size, monitor);
    read_flag(config, "visible", state.visible);
    read_flag(config, "focus", state.focused);
    read_flag(config, "decorations", state.decorated);
    read_flag(config, "resizable", state.resizable);
    read_flag(config, "maximizable", state.maximizable);
    read_flag(config, "minimizable", state.minimizable);
    read_flag(config, "closable", state.closable);
    read_flag(config, "focusable", state.focusable);
    read_flag(config, "alwaysOnTop", state.always_on_top);
    read_flag(config, "alwaysOnBottom", state.always_on_bottom);
    read_flag(config, "contentProtected", state.content_protected);
    read_flag(config, "skipTaskbar", state.skip_taskbar);
    read_flag(config, "visibleOnAllWorkspaces", state.visible_on_all_workspaces);
    read_flag(config, "shadow", state.shadow);
    if (const auto theme = config.find("theme"); theme != config.end() && theme->is_string()) {
        state.theme = parse_theme(theme->get_ref<const std::string&>());
    }
    if (const auto zoom = number(config, "zoomFactor")) state.zoom = *zoom;
    read_flag(config, "maximized", state.maximized);
    read_flag(config, "fullscreen", state.fullscreen);
    if (state.fullscreen) {
        fill_area(state, monitor.position, monitor.size);
    } else if (state.maximized) {
        fill_area(state, monitor.work_area_position, monitor.work_area_size);
    }
    // A hidden window does not take the focus (nor does one that cannot have it).
    if (!state.visible || !state.focusable) state.focused = false;
    return state;
}

PhysicalSize clamp_size(const NativeWindowState& state, PhysicalSize size) {
    if (state.min_size) {
        size.width = std::max(size.width, state.min_size->width);
        size.height = std::max(size.height, state.min_size->height);
    }
    if (state.max_size) {
        size.width = std::min(size.width, state.max_size->width);
        size.height = std::min(size.height, state.max_size->height);
    }
    return size;
}

void fill_area(NativeWindowState& state, PhysicalPosition position, PhysicalSize size) {
    if (!state.restore_size) {
        state.restore_size = state.size;
        state.restore_position = state.position;
    }
    state.position = position;
    state.size = size;
}

void restore_geometry(NativeWindowState& state) {
    if (!state.restore_size) return;
    state.size = *state.restore_size;
    state.position = state.restore_position.value_or(state.position);
    state.restore_size.reset();
    state.restore_position.reset();
}

void maximize(NativeWindowState& state) {
    if (state.maximized) return;
    state.maximized = true;
    state.minimized = false;
    if (!state.fullscreen) {
        fill_area(state, simulated_monitor().work_area_position,
                  simulated_monitor().work_area_size);
    }
}

void unmaximize(NativeWindowState& state) {
    if (!state.maximized) return;
    state.maximized = false;
    if (!state.fullscreen) restore_geometry(state);
}

void set_fullscreen(NativeWindowState& state, bool on) {
    if (state.fullscreen == on) return;
    state.fullscreen = on;
    if (on) {
        fill_area(state, simulated_monitor().position, simulated_monitor().size);
        return;
    }
    restore_geometry(state);
    if (state.maximized) {
        fill_area(state, simulated_monitor().work_area_position,
                  simulated_monitor().work_area_size);
    }
}

void hide(NativeWindowState& state) {
    state.visible = false;
    state.focused = false;
}

void minimize(NativeWindowState& state) {
    state.minimized = true;
    state.focused = false;
}

void set_focus(NativeWindowState& state) {
    if (!state.focusable || !state.visible) return;
    state.minimized = false;
    state.focused = true;
}

std::vector<WindowEvent> window_events(const NativeWindowState& before,
                                       const NativeWindowState& after) {
    std::vector<WindowEvent> events;
    if (before.scale_factor != after.scale_factor) {
        events.push_back(
            {"tauri://scale-change",
             nlohmann::json{{"scaleFactor", after.scale_factor}, {"size", to_json(after.size)}}
                 .dump()});
    }
    if (before.position != after.position) {
        events.push_back({"tauri://move", to_json(after.position).dump()});
    }
    if (before.size != after.size) {
        events.push_back({"tauri://resize", to_json(after.size).dump()});
    }
    if (before.focused != after.focused) {
        events.push_back({after.focused ? "tauri://focus" : "tauri://blur", "null"});
    }
    if (effective_theme(before) != effective_theme(after)) {
        events.push_back({"tauri://theme-changed",
                          nlohmann::json(std::string(to_string(effective_theme(after)))).dump()});
    }
    return events;
}

}  // namespace eventlab
