// Drawing helpers of the Demo window (demo_view.cpp), kept apart from its controls
// (demo_panel.cpp): the sentence of the step, the code with its highlighted lines, and the
// result of an expect step.
#pragma once

#include <imgui.h>

#include "ui/ui_context.h"
#include "view/panels/demo.h"

namespace eventlab::ui {

// The step's sentence, large: the audience reads it from the back of the room.
void draw_demo_sentence(const DemoFrame& frame);
// The code box: line numbers, the monospace font, highlighted lines on a marked background.
// `height` is what the box may take (it scrolls beyond); `scroll_to_highlight` brings the first
// highlighted line into view (on the frame the step changes).
void draw_demo_code(const UiContext& ui, const StepCode& code, bool show_highlight, float height,
                    bool scroll_to_highlight);
// "holds: calls Feed=2" in green, or the failure in red, for an expect step.
void draw_demo_outcome(const DemoFrame& frame);

}  // namespace eventlab::ui
