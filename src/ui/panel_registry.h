// One place per panel: each panel's file registers it here (as ImHex registers its views), with
// its name, View menu entry, shortcuts, the ImGui windows it draws and where the default layout
// docks them, and how to make it. The menu bar, the dock layout, Help ▸ Shortcuts and AppUi's
// frame read this registry, so adding a panel touches its own file and nothing else.
#pragma once

#include <imgui.h>

#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "ui/ui_context.h"

namespace eventlab::ui {

// A panel of the inspector. It keeps only view state of its own (form fields, scroll,
// selection) and reads and acts on the workbench through `ui`.
class Panel {
  public:
    Panel() = default;
    virtual ~Panel() = default;
    Panel(const Panel&) = delete;
    Panel& operator=(const Panel&) = delete;

    virtual void draw(UiContext& ui) = 0;
    // Items of its own in the menu bar's `menu` ("File", "Demos"), drawn inside that menu; only
    // called for the menus its PanelInfo::menu_items names.
    virtual void draw_menu_items(std::string_view /*menu*/, UiContext& /*ui*/) {}
};

// One ImGui window a panel draws and the slot of the default layout it docks into.
struct PanelWindow {
    const char* name = "";  // the ImGui window name ("Log", "Title###lifecycle")
    DockSlot slot = DockSlot::Route;
    bool in_front = false;  // its tab is in front of its slot's in the default layout
};

// A key a panel answers to. AppUi runs `run` on `chord` and shows it as the item `label` of the
// panel's `menu`; a shortcut without `run` is one the panel reads itself (while it is focused,
// say) and is only listed. Help ▸ Shortcuts lists every one.
struct PanelShortcut {
    const char* keys = "";  // as a person reads it: "Ctrl+F"
    const char* what = "";  // Help ▸ Shortcuts' line
    ImGuiKeyChord chord = 0;
    void (*run)(UiContext& ui) = nullptr;
    const char* label = nullptr;  // its item in the panel's menu; nullptr: none
    bool repeat = false;          // held down, it repeats (stepping through windows)
};

struct PanelInfo {
    const char* name = "";  // the View menu's item and how tests make it (make_panel)
    // Drawing order, which is also the order of the View menu and of Help ▸ Shortcuts.
    int order = 0;
    // The windows it draws; View ▸ `name` brings the first one's tab to the front.
    std::vector<PanelWindow> windows{};
    bool in_view_menu = true;          // false: it opens by itself (a trace, a demo)
    const char* focus_keys = nullptr;  // the View item's shortcut as shown ("Ctrl+Shift+L")
    ImGuiKeyChord focus_chord = 0;
    const char* menu = nullptr;  // a menu of the menu bar its shortcuts' labels go in ("Log")
    std::vector<PanelShortcut> shortcuts{};
    std::vector<std::string_view> menu_items{};  // menus it adds items to (Panel::draw_menu_items)
    std::unique_ptr<Panel> (*make)() = nullptr;
};

// PanelInfo::make for a panel type that is constructed without arguments.
template <typename T>
std::unique_ptr<Panel> make_instance() {
    return std::make_unique<T>();
}

// Every registered panel, by `order`.
const std::vector<PanelInfo>& registered_panels();
// A new instance of the panel registered as `name` (tests draw panels one at a time); nullptr
// when none is.
std::unique_ptr<Panel> make_panel(std::string_view name);

// A panel's file registers it with one of these at namespace scope:
//     const PanelRegistration kLogPanel{{.name = "Log", ...}};
class PanelRegistration {
  public:
    explicit PanelRegistration(PanelInfo info);
};

// One instance of every registered panel, as the app draws them.
class PanelSet {
  public:
    PanelSet();

    struct Entry {
        const PanelInfo* info;
        std::unique_ptr<Panel> panel;
    };
    const std::vector<Entry>& entries() const { return entries_; }
    // The instance of panel type T (the app's hooks into the trace and demo panels).
    template <typename T>
    T& get() const {
        for (const Entry& e : entries_) {
            if (auto* p = dynamic_cast<T*>(e.panel.get())) return *p;
        }
        throw std::logic_error("no such panel registered");
    }

  private:
    std::vector<Entry> entries_;
};

}  // namespace eventlab::ui
