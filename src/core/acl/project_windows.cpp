// app.windows[], read as tauri-utils' WindowConfig reads it (2.x): each field optional with
// Tauri's default, under its camelCase name or kebab-case alias.
#include <array>

#include "core/acl/project_reader.h"
#include "core/bus/names.h"
#include "core/util/ascii_fold.h"
#include "core/util/json_io.h"

namespace eventlab::acl::detail {

namespace {

struct BoolField {
    std::string_view name;
    bool WindowConfig::*member;
};

constexpr auto kBoolFields = std::to_array<BoolField>({
    {"create", &WindowConfig::create},
    {"center", &WindowConfig::center},
    {"resizable", &WindowConfig::resizable},
    {"maximizable", &WindowConfig::maximizable},
    {"minimizable", &WindowConfig::minimizable},
    {"closable", &WindowConfig::closable},
    {"fullscreen", &WindowConfig::fullscreen},
    {"focus", &WindowConfig::focus},
    {"focusable", &WindowConfig::focusable},
    {"transparent", &WindowConfig::transparent},
    {"maximized", &WindowConfig::maximized},
    {"visible", &WindowConfig::visible},
    {"decorations", &WindowConfig::decorations},
    {"alwaysOnTop", &WindowConfig::always_on_top},
    {"alwaysOnBottom", &WindowConfig::always_on_bottom},
    {"visibleOnAllWorkspaces", &WindowConfig::visible_on_all_workspaces},
    {"contentProtected", &WindowConfig::content_protected},
    {"skipTaskbar", &WindowConfig::skip_taskbar},
    {"shadow", &WindowConfig::shadow},
    {"incognito", &WindowConfig::incognito},
    {"dragDropEnabled", &WindowConfig::drag_drop_enabled},
});

struct OptionalNumberField {
    std::string_view name;
    std::optional<double> WindowConfig::*member;
};

constexpr auto kOptionalNumberFields = std::to_array<OptionalNumberField>({
    {"x", &WindowConfig::x},
    {"y", &WindowConfig::y},
    {"minWidth", &WindowConfig::min_width},
    {"minHeight", &WindowConfig::min_height},
    {"maxWidth", &WindowConfig::max_width},
    {"maxHeight", &WindowConfig::max_height},
});

// Every WindowConfig field of tauri-utils 2.10 (Tauri 2.12), so that only a real typo warns.
const std::vector<std::string_view> kKnownFields = {"label",
                                                    "create",
                                                    "url",
                                                    "userAgent",
                                                    "dragDropEnabled",
                                                    "center",
                                                    "x",
                                                    "y",
                                                    "width",
                                                    "height",
                                                    "minWidth",
                                                    "minHeight",
                                                    "maxWidth",
                                                    "maxHeight",
                                                    "preventOverflow",
                                                    "resizable",
                                                    "maximizable",
                                                    "minimizable",
                                                    "closable",
                                                    "title",
                                                    "fullscreen",
                                                    "focus",
                                                    "focusable",
                                                    "transparent",
                                                    "maximized",
                                                    "visible",
                                                    "decorations",
                                                    "alwaysOnBottom",
                                                    "alwaysOnTop",
                                                    "visibleOnAllWorkspaces",
                                                    "contentProtected",
                                                    "skipTaskbar",
                                                    "windowClassname",
                                                    "noRedirectionBitmap",
                                                    "theme",
                                                    "titleBarStyle",
                                                    "trafficLightPosition",
                                                    "hiddenTitle",
                                                    "acceptFirstMouse",
                                                    "tabbingIdentifier",
                                                    "additionalBrowserArgs",
                                                    "shadow",
                                                    "windowEffects",
                                                    "incognito",
                                                    "parent",
                                                    "proxyUrl",
                                                    "zoomHotkeysEnabled",
                                                    "browserExtensionsEnabled",
                                                    "useHttpsScheme",
                                                    "devtools",
                                                    "backgroundColor",
                                                    "backgroundThrottling",
                                                    "javascriptDisabled",
                                                    "allowLinkPreview",
                                                    "disableInputAccessoryView",
                                                    "dataDirectory",
                                                    "dataStoreIdentifier",
                                                    "scrollBarStyle",
                                                    "limitNavigationsToAppBoundDomains",
                                                    "activityName",
                                                    "createdByActivityName",
                                                    "requestedBySceneIdentifier",
                                                    "generalAutofillEnabled"};

// Tauri reads both case-insensitively and takes anything else for the default.
void read_styles(ConfigReader& r, const JsonObject& obj, WindowConfig& w) {
    std::optional<std::string> theme;
    r.optional_string(obj, "theme", theme);
    if (theme) w.theme = ascii_lower(*theme) == "dark" ? Theme::Dark : Theme::Light;
    std::optional<std::string> style;
    r.optional_string(obj, "titleBarStyle", style);
    if (style) {
        const std::string folded = ascii_lower(*style);
        w.title_bar_style = folded == "transparent" ? "Transparent"
                            : folded == "overlay"   ? "Overlay"
                                                    : "Visible";
    }
}

std::optional<WindowConfig> read_window(ConfigReader& r, const JsonField& f) {
    if (!r.check(f, f.value.is_object(), "a window object")) return std::nullopt;
    const JsonObject obj{f.value, f.pointer, "a window"};
    r.warn_unknown_members(obj, kKnownFields);
    WindowConfig w;
    w.raw = f.value;
    if (auto label = r.member(obj, "label")) {
        if (auto text = r.string_value(*label)) {
            if (!is_valid_label(*text)) r.fail(label->pointer, label_error(*text));
            w.label = std::move(*text);
        }
    }
    std::optional<std::string> text;
    r.optional_string(obj, "title", text);
    if (text) w.title = std::move(*text);
    text.reset();
    r.optional_string(obj, "url", text);
    if (text) w.url = std::move(*text);
    r.optional_string(obj, "parent", w.parent);
    r.optional_string(obj, "userAgent", w.user_agent);
    r.number(obj, "width", w.width);
    r.number(obj, "height", w.height);
    for (const auto& [name, member] : kOptionalNumberFields)
        r.optional_number(obj, name, w.*member);
    for (const auto& [name, member] : kBoolFields)
        r.boolean(obj, name, w.*member);
    if (auto devtools = r.member(obj, "devtools"); devtools && !devtools->value.is_null()) {
        w.devtools = r.bool_value(*devtools);
    }
    read_styles(r, obj, w);
    if (!r.ok()) return std::nullopt;
    return w;
}

}  // namespace

void read_windows(ConfigReader& r, const JsonObject& app, Project& project) {
    const auto windows = r.member(app, "windows");
    if (!windows) return;
    auto list = r.list<WindowConfig>(*windows, "an array of windows",
                                     [&](const JsonField& f) { return read_window(r, f); });
    if (!list) return;
    // Tauri refuses to create a second window with a label in use; so does loading here.
    for (std::size_t i = 0; i < list->size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if ((*list)[i].label == (*list)[j].label) {
                r.fail(json_pointer_child(windows->pointer, i),
                       "a window with label \"" + (*list)[i].label + "\" already exists (" +
                           json_pointer_child(windows->pointer, j) + ")");
                return;
            }
        }
    }
    project.windows = std::move(*list);
}

}  // namespace eventlab::acl::detail
