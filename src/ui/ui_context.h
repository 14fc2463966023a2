// What every panel gets each frame: the workbench it reads and acts on, shared selection,
// fonts, and a place to show errors in the UI. Panels keep their own state in their own class.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "view/log/emit_tracker.h"
#include "view/workbench.h"

namespace eventlab::ui {

// Where items were drawn last frame, by a stable name, so headless tests can click them.
struct ItemProbe {
    struct Rect {
        ImVec2 min;
        ImVec2 max;
        ImVec2 center() const { return {(min.x + max.x) * 0.5F, (min.y + max.y) * 0.5F}; }
    };
    std::map<std::string, Rect> items;
};

// Where each panel goes on first use (a person may move them; imgui.ini remembers).
struct Area {
    ImVec2 pos;
    ImVec2 size;
};

struct Layout {
    Area windows;  // the simulated windows, stacked
    Area backend;
    Area route;
    Area periodic;
    Area log;
};

// The parts of the default layout a panel's window can dock into (PanelWindow::slot).
enum class DockSlot : std::uint8_t { Windows, Backend, Route, Periodic, Log };

// The app's dock space: the node each kind of panel docks into the first time it appears (a
// person may move it anywhere; imgui.ini remembers). All 0 when a panel is drawn without the
// app around it (tests), which then places it by `Layout`.
struct DockSlots {
    ImGuiID windows = 0;      // the simulated windows (or the overview and tiles past a few)
    ImGuiID windows_top = 0;  // the Windows overview, above the tiles
    ImGuiID backend = 0;
    ImGuiID route = 0;
    ImGuiID periodic = 0;  // the periodic senders, with the Lifecycle and Timeline tabs
    ImGuiID log = 0;
    ImGuiID space = 0;  // the dock space itself
    bool active() const { return space != 0; }
    ImGuiID node(DockSlot slot) const;
    // Docks the next window into `slot` the first time it appears, or whenever when `cond` is
    // ImGuiCond_Always; nothing for a slot the layout does not have.
    static void dock_next(ImGuiID slot, ImGuiCond cond = ImGuiCond_FirstUseEver);
};

// Things the menu bar and shortcuts ask of a panel; the panel clears what it handled.
struct Requests {
    bool clear_log = false;
    bool toggle_log_pause = false;
    bool focus_log_filter = false;
    int focus_window_step = 0;     // 1: the next simulated window's panel, -1: the previous one
    std::string focus_window;      // a live window's label: its panel (or tile, opened) next
    bool pop_out_windows = false;  // View > Pop out windows: each window panel an OS window
    std::string focus_panel;       // a panel's window name: its tab in front (AppUi)
};

struct Notice {
    std::string text;
    double until = 0;  // ImGui time at which it fades out
};

// What the panels show of the live bus, copied once per change of the bus instead of once per
// panel and frame: refresh() costs one atomic load while Session::state_version (and the session)
// stay the same, so a frame does not grow with the session (1M listeners, 10k closed windows).
// Counters that move without a version bump (a listener's calls) are read for the rows shown
// (Session::update_counts).
class LiveSnapshot {
  public:
    // Rebuilds when the bus changed or the session was replaced; call it before reading.
    void refresh(Workbench& bench);
    const std::vector<ListenerInfo>& rust_listeners() const { return rust_; }  // by id
    // The live simulated windows, in creation order: what a simulated emit_to can target.
    const std::vector<std::string>& labels() const { return labels_; }
    std::size_t window_count() const { return window_count_; }      // live, a tapped app's too
    std::size_t listener_count() const { return listener_count_; }  // Rust and JS
    std::uint64_t rebuilds() const { return rebuilds_; }

  private:
    bool taken_ = false;
    std::uint64_t session_ = 0;  // Workbench::session_generation
    std::uint64_t version_ = 0;  // Session::state_version when taken
    std::uint64_t rebuilds_ = 0;
    std::vector<ListenerInfo> rust_;
    std::vector<std::string> labels_;
    std::size_t listener_count_ = 0;
    std::size_t window_count_ = 0;
};

// The app's backend stand-in while `--backend` runs: its file, its state ("running", "failed to
// load: …") and the commands it answered, for the Backend panel.
struct StandInView {
    struct Command {
        std::string name;
        std::uint64_t resolved = 0;
        std::uint64_t rejected = 0;
    };
    std::string file;
    std::string state;
    bool failed = false;  // not running: a load error, a crash, no Node
    std::vector<Command> answered;
};

struct UiContext {
    explicit UiContext(Workbench& bench) : workbench(bench) {}

    Workbench& workbench;
    ImFont* mono = nullptr;  // payloads, code, logs
    ItemProbe* probe = nullptr;

    // The emission the route view, the log highlight and the payload view show (0: newest).
    std::uint32_t selected_emit = 0;
    // The log row a person selected (its log position; kNoPosition: none), for the views that
    // explain a row: the Permissions panel shows the refusal it is about.
    std::uint64_t selected_record = kNoPosition;
    // A matrix cell asks the log to show one event in one window.
    std::string log_filter_request;
    // True while something moves on screen (route arrows): the app keeps drawing frames.
    bool animating = false;
    std::deque<Notice> notices;
    // "bridge http://127.0.0.1:1430 · 2 pages" while `--serve` runs (set by the app).
    std::function<std::string()> bridge_status;
    // The backend stand-in while `--backend` runs (set by the app).
    std::function<StandInView()> stand_in;
    Layout layout;
    DockSlots dock;
    Requests requests;
    // The live bus as the panels show it; AppUi refreshes it at the start of each frame, and a
    // panel drawn alone (tests) refreshes it too (free when nothing changed).
    LiveSnapshot live;
    // The log's view is paused (Ctrl+P): the plots stand still with it.
    bool log_paused = false;
    // The last frame (ImGui's frame count) in which the log's filter had records left to read.
    int filter_scanning_frame = -2;

    // True while the log's filter catches up with a big log (this frame or the last): the other
    // indices over the log wait meanwhile. The filter is what a person waits for, and each
    // index reading the same records in the same frame would add up to one long frame.
    bool filter_scanning() const { return ImGui::GetFrameCount() - filter_scanning_frame <= 1; }
    // Shows an error or a short confirmation in the UI for a few seconds.
    void notice(std::string text, double seconds = 6.0);
    // Remembers the last item's rectangle under `name` (only when a test probe is attached).
    void note_item(const std::string& name) const;
    // Positions the next window in `area` the first time it appears.
    static void place(const Area& area, ImGuiCond cond = ImGuiCond_FirstUseEver);
};

}  // namespace eventlab::ui
