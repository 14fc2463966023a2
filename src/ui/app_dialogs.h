// The dialogs the menu bar and the shortcuts open over the panels: New window, Reset session?
// and the Shortcuts window. Each keeps what it shows between frames.
#pragma once

#include <span>
#include <string>

#include "core/bus/bus.h"
#include "ui/trace/trace_panel.h"
#include "ui/ui_context.h"

namespace eventlab::ui {

// Opens a simulated window under a label typed in (WebviewWindowBuilder::new in Tauri).
class NewWindowDialog {
  public:
    void ask() { open_ = true; }  // from the next draw on
    void draw(UiContext& ui);

  private:
    bool open_ = false;
    std::string label_;
};

// Replaces the session with the workspace replayed under other rules, once confirmed: changes
// made by hand are lost, so it asks first.
class ResetDialog {
  public:
    void ask(BusConfig config);  // from the next draw on
    // `trace`: a recording stops before the session it records is replaced.
    void draw(UiContext& ui, TracePanel& trace);

  private:
    bool open_ = false;
    BusConfig pending_;
    int seed_input_ = 0;
};

// A line of Help ▸ Shortcuts.
struct ShortcutLine {
    std::string keys;
    std::string what;
};

// The keyboard shortcuts, in a window that F1 or Help ▸ Shortcuts toggles: the app's own
// (`app`), then each registered panel's, in the registry's order.
class ShortcutsWindow {
  public:
    void toggle() { show_ = !show_; }
    void show() { show_ = true; }
    void draw(std::span<const ShortcutLine> app);

  private:
    bool show_ = false;
};

}  // namespace eventlab::ui
