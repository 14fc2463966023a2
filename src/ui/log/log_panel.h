// The Log panel (log_panel.cpp registers it); declared here for the tests that read its status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "ui/panel_registry.h"
#include "ui/ui_context.h"

namespace eventlab::ui {

// Every trace record as a row: filter, type toggles, pause, autoscroll, selection.
class LogPanel final : public Panel {
  public:
    LogPanel();
    ~LogPanel() override;
    void draw(UiContext& ui) override;

    // What the view shows (the status line, read by tests: no need to parse drawn text).
    struct Status {
        std::size_t rows = 0;   // rows shown after filter, clear and pause
        double progress = 1.0;  // 0..1 while a filter change rescans the log
        bool paused = false;
        std::uint64_t new_while_paused = 0;  // records recorded since the pause
        bool following = true;               // autoscroll: the view sticks to the newest row
    };
    Status status() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eventlab::ui
