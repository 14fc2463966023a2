// The whole inspector frame: menu bar, panels, status bar, dialogs and shortcuts. The panels
// are whatever the registry holds (ui/panel_registry.h); the app knows two of them by type, the
// trace panel (recording from the command line, before a reset, on quit, in the status bar) and
// the demos' (the demos the binary embeds).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ui/app_dialogs.h"
#include "ui/demo/demo_panel.h"
#include "ui/panel_registry.h"
#include "ui/status_bar.h"
#include "ui/trace/trace_panel.h"
#include "ui/ui_context.h"
#include "view/panels/demo.h"

namespace eventlab::ui {

class AppUi {
  public:
    AppUi(Workbench& bench, ImFont* mono);
    ~AppUi();
    // The guided demos the Demos menu offers (the binary embeds them; tests pass their own).
    void set_demos(std::vector<DemoSource> demos);

    void draw();  // between ImGui::NewFrame and ImGui::Render
    bool animating() const { return ui_.animating; }
    bool quit_requested() const { return quit_; }
    UiContext& context() { return ui_; }
    // View > Reset layout: the default arrangement again from the next frame on.
    void reset_layout() { reset_layout_ = true; }

    // `eventlab --record FILE`: records the live session from now on, or says why not.
    Result<void> record_to(const std::string& path);
    // Stops what must not outlive the frame loop (a recording); the app calls it before exit.
    // Returns what the recording it stopped wrote, if one was running.
    std::optional<StoppedRecording> shutdown();

    // The app's own shortcuts (the panels' are in the registry): Help ▸ Shortcuts lists both.
    struct Shortcut {
        const char* keys;
        const char* what;
        ImGuiKeyChord chord;
        void (AppUi::*run)();
    };

  private:
    static std::span<const Shortcut> own_shortcuts();
    void compute_layout();
    void draw_menu_bar();
    void handle_shortcuts();
    void draw_session_menu();
    void draw_view_menu();
    // The items the registered panels add to `menu`: their labelled shortcuts, then their own.
    void draw_panel_items(std::string_view menu);

    void ask_new_window() { new_window_.ask(); }
    void ask_reset() { reset_.ask(ui_.workbench.config()); }
    void quit() { quit_ = true; }
    void toggle_shortcuts() { shortcuts_.toggle(); }

    UiContext ui_;
    PanelSet panels_;
    TracePanel& trace_;
    DemoPanel& demo_;
    NewWindowDialog new_window_;
    ResetDialog reset_;
    ShortcutsWindow shortcuts_;
    StatusBar status_bar_;

    bool quit_ = false;
    float menu_bar_height_ = 0;  // as drawn this frame; the panels sit below it
    bool reset_layout_ = false;
};

}  // namespace eventlab::ui
