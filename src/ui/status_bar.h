// The bottom edge of the inspector frame: the status bar (mode, counts, rates, what runs in the
// background) and the notices that fade in above it.
#pragma once

#include <cstdint>

#include "ui/trace/trace_panel.h"
#include "ui/ui_context.h"

namespace eventlab::ui {

// The status bar's height at the current font and style; the panels' layout leaves it free.
float status_bar_height();

class StatusBar {
  public:
    // `trace` says what it records, replays or exports, if anything.
    void draw(UiContext& ui, const TracePanel& trace);

  private:
    // Events per second, from the emit counter: measured over a second, so the figure holds
    // still long enough to read.
    double rate_time_ = 0;
    std::uint64_t rate_emits_ = 0;
    double emits_per_second_ = 0;
};

// Shows UiContext::notices above the status bar until each fades, and drops the faded ones.
void draw_notices(UiContext& ui);

}  // namespace eventlab::ui
