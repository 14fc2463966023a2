// The dock space that fills the main window between the menu bar and the status bar, and the
// default arrangement of the panels in it (today's fixed layout, built in code): the simulated
// windows on the left, Backend and Route above, Periodic senders (with the Lifecycle and
// Timeline tabs) and the Log below. The dock space follows the OS window as it is resized, so
// no docked panel leaves it or covers another, whatever size imgui.ini was saved at.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ui/ui_context.h"

namespace eventlab::ui {

// The ImGui window name of the simulated window with `instance` (its title shows the label).
std::string sim_window_id(std::uint32_t instance);

struct DockLayoutInput {
    std::vector<std::uint32_t> windows;  // the live simulated windows, in creation order
    bool grid = false;                   // the overview and tiles stand for them
};

// Draws the dock space for this frame in the main viewport's work area less `bottom` (the
// status bar), building the default layout first when there is none (first start, no
// imgui.ini) or when `rebuild` (View > Reset layout). Returns where each kind of panel docks.
// `input` is asked only when the layout is built. A slot whose panels were all dragged away
// keeps its node from `previous` while the node lives, else falls back to the dock space itself
// (ImGui then docks into its most recently focused node).
DockSlots dock_space(float bottom, bool rebuild, const DockSlots& previous,
                     const std::function<DockLayoutInput()>& input);

}  // namespace eventlab::ui
