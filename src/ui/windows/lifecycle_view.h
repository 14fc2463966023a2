// Colours and words of listener states, shared by the Lifecycle panel, the demo window and the
// log's warning rows, so "leaked" looks the same wherever it shows.
#pragma once

#include <imgui.h>

#include "view/windows/lifecycle.h"

namespace eventlab::ui {

inline ImVec4 live_color() {
    return {0.55F, 0.85F, 0.55F, 1.0F};
}
// The windows panel's "leaked" orange.
inline ImVec4 leaked_state_color() {
    return {0.98F, 0.62F, 0.30F, 1.0F};
}
inline ImVec4 stale_state_color() {
    return {0.95F, 0.45F, 0.55F, 1.0F};
}
inline ImVec4 removed_color() {
    return {0.50F, 0.50F, 0.53F, 1.0F};
}
inline ImVec4 state_color(ListenerState state) {
    switch (state) {
        case ListenerState::Live:
            return live_color();
        case ListenerState::Leaked:
            return leaked_state_color();
        case ListenerState::Stale:
            return stale_state_color();
        case ListenerState::Removed:
            return removed_color();
    }
    return live_color();
}
// A log row whose handler ran for a leaked or stale listener.
inline ImU32 leak_tint() {
    return IM_COL32(190, 90, 30, 60);
}

}  // namespace eventlab::ui
