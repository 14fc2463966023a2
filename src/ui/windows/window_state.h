// The view state of one simulated window's panel and the parts that draw it; WindowsPanel owns
// one SimWindow per live window instance and calls these in order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ui/ui_context.h"
#include "ui/widgets.h"
#include "view/windows/window_native.h"
#include "view/windows/window_view.h"

namespace eventlab::ui {

// Bus views every window reads. Taking them costs a copy of every listener, so the panel takes
// them once for all windows, and only when something may have changed.
struct BusSnapshot {
    std::vector<ListenerInfo> listeners;
    std::vector<ComponentInfo> components;
    std::vector<std::string> labels;  // the live windows, for target pickers
    std::uint64_t version = 0;        // bumped on every refresh
};

struct SimWindow {
    // From the window's WindowInfo: a tapped app's window (`observed`) has a feed of its own.
    SimWindow(Workbench& bench, const WindowInfo& info);

    std::string label;
    std::uint32_t instance = 0;

    // rebuilt from the snapshot when its version moves
    std::uint64_t rows_version = 0;
    std::vector<ListenerRow> rows;
    std::vector<ComponentRow> components;

    WindowFeed feed;

    EventNameField listen_event;
    TargetPicker listen_target;
    std::string listen_name;

    EventNameField emit_event;
    JsonField emit_payload{R"({"data": "test data"})"};

    EventNameField emit_to_event;
    TargetPicker emit_to_target;
    JsonField emit_to_payload{R"({"data": "test data"})"};

    int command = -1;  // index into the session's commands; -1 until the args are prefilled
    JsonField invoke_args{"{}"};
    std::optional<InvokeResult> invoke_result;
    std::string invoked;  // the command invoke_result belongs to

    WindowStateForm state_form;  // the Window section's title and size fields

    std::string component_name = "EventListener";
    std::string component_events = "test-event";
    bool cleanup = true;
    bool strict = false;
};

// Each returns true when it changed the bus, so the snapshot is taken again next frame.
// The whole panel: header (page, counts, Close), listeners, actions, feed.
bool draw_window_body(UiContext& ui, SimWindow& w, const WindowInfo& info,
                      const BusSnapshot& snapshot);
// `info` says whose listeners they are: a simulated page's, a real page's through the bridge
// (which unlistens them itself when asked), or a tapped app's (which EventLab only watches).
bool draw_listener_table(UiContext& ui, SimWindow& w, const WindowInfo& info);
// The Window section: title, size, visible, focused, maximized and theme, each editable.
bool draw_window_native(UiContext& ui, SimWindow& w);
bool draw_actions(UiContext& ui, SimWindow& w, const BusSnapshot& snapshot);
void draw_feed(UiContext& ui, SimWindow& w);

ImVec4 blocked_color();    // a close held by a close-requested listener
ImVec4 live_page_color();  // a real page through the bridge
ImVec4 tapped_color();     // a real app's window seen through its tap

// The columns of mono text the equivalent TypeScript may take at the current width.
std::size_t code_columns(const UiContext& ui);
// A "copy TS" button at the right end of the current line (the action buttons' row).
void copy_code_button(const std::string& code);
// The equivalent TypeScript, dim, in the mono font; very long code is cut (Copy has it all).
void draw_code(const UiContext& ui, const std::string& code);

}  // namespace eventlab::ui
