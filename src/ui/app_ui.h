// The whole inspector frame: menu bar, panels, status bar, dialogs and shortcuts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ui/app_dialogs.h"
#include "ui/panels.h"
#include "ui/status_bar.h"
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

    // `eventlab --record FILE`: records the live session from now on; empty, else why not.
    std::string record_to(const std::string& path);
    // Stops what must not outlive the frame loop (a recording); the app calls it before exit.
    // Returns what the recording it stopped wrote, if one was running.
    std::optional<StoppedRecording> shutdown();

  private:
    void compute_layout();
    void draw_menu_bar();
    void handle_shortcuts();
    void draw_view_menu();

    UiContext ui_;
    WindowsPanel windows_;
    BackendPanel backend_;
    PeriodicPanel periodic_;
    LogPanel log_;
    RoutePanel route_;
    TracePanel trace_;
    LifecyclePanel lifecycle_;
    DemoPanel demo_;
    PlotsPanel plots_;
    NewWindowDialog new_window_;
    ResetDialog reset_;
    ShortcutsWindow shortcuts_;
    StatusBar status_bar_;

    bool quit_ = false;
    float menu_bar_height_ = 0;  // as drawn this frame; the panels sit below it
    bool reset_layout_ = false;
};

}  // namespace eventlab::ui
