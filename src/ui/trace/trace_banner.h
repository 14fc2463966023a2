// The slim "Viewing trace FILE (read-only) — Close trace" line the log and route panels show
// at their top while a trace is open, so nobody mistakes a recorded trace for the live session.
#pragma once

#include "ui/ui_context.h"

namespace eventlab::ui {

// Draws nothing when no trace is viewed. `where` makes the button's probe name unique.
void draw_trace_banner(UiContext& ui, const char* where);
// " (live)" while a trace is viewed: panels that act on the live session say so.
const char* live_suffix(const UiContext& ui);

}  // namespace eventlab::ui
