// The simulated windows. Up to kStackedWindows live windows, each is an ImGui window of its own,
// stacked in the windows area; past that, the area holds the Windows overview table above a
// grid of tiles (windows_overview.cpp, window_tiles.cpp), so 50 or 200 windows stay readable.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/app/window_state.h"
#include "ui/dock_layout.h"
#include "ui/panel_registry.h"
#include "ui/trace/trace_banner.h"
#include "ui/windows/windows_area.h"
#include "view/windows/window_native.h"

namespace eventlab::ui {

// One ImGui window per simulated Tauri window: its listeners, what it received, and the
// frontend actions of the seed guide (listen, once, unlisten, emit, emitTo, invoke, components).
class WindowsPanel final : public Panel {
  public:
    WindowsPanel();
    ~WindowsPanel() override;
    void draw(UiContext& ui) override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

namespace {

// The bus views are copied at most this often while records keep arriving (a periodic sender
// at 1 ms would otherwise copy every listener every frame).
constexpr double kSnapshotInterval = 0.1;
// The overview's share of the windows area's height in the grid layout.
constexpr float kOverviewShare = 0.38F;

Area windows_area(const UiContext& ui) {
    // Tests draw panels without AppUi, which is what computes the layout.
    if (ui.layout.windows.size.x > 0.0F && ui.layout.windows.size.y > 0.0F) {
        return ui.layout.windows;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    return {viewport->WorkPos,
            {std::max(340.0F, viewport->WorkSize.x * 0.25F), viewport->WorkSize.y}};
}

Area stacked(const Area& area, std::size_t index, std::size_t count) {
    const float height = area.size.y / static_cast<float>(std::max<std::size_t>(count, 1));
    return {{area.pos.x, area.pos.y + height * static_cast<float>(index)}, {area.size.x, height}};
}

// View > Pop out windows: side by side to the right of the main window when the monitor has room
// there, else over its right part (as OS windows of their own, they stay apart from it).
Area popped_area(std::size_t index) {
    const ImGuiViewport* main = ImGui::GetMainViewport();
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2.0F;
    const ImVec2 size{std::min(520.0F, main->Size.x * 0.3F), main->Size.y * 0.7F};
    float right = main->Pos.x + main->Size.x;
    for (const ImGuiPlatformMonitor& m : ImGui::GetPlatformIO().Monitors)
        right = std::max(right, m.WorkPos.x + m.WorkSize.x);
    const float room = right - (main->Pos.x + main->Size.x);
    const float x0 =
        room >= size.x + gap ? main->Pos.x + main->Size.x + gap : main->Pos.x + main->Size.x * 0.4F;
    return {{x0 + (size.x + gap) * static_cast<float>(index), main->Pos.y + gap}, size};
}

void draw_no_window(UiContext& ui, const Area& area) {
    // An empty column would look like a broken layout; say how to get a window back.
    ui.place({area.pos, {area.size.x, ImGui::GetFrameHeightWithSpacing() * 4.0F}});
    DockSlots::dock_next(ui.dock.windows);
    ImGui::Begin("Windows###simwin-none");
    ImGui::PushTextWrapPos(0.0F);
    ImGui::TextDisabled("No simulated window is open. Session > New window... (Ctrl+N)");
    ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace

struct WindowsPanel::State {
    // The live session shown (Workbench::session_generation). Not the workbench generation:
    // that also moves with a viewed trace's cursor, which must not wipe the forms here.
    std::uint64_t session = ~std::uint64_t{0};
    BusSnapshot snapshot;
    bool refresh = true;  // something changed the bus: take the snapshot at once
    std::uint64_t snapshot_end = 0;
    double snapshot_time = -1.0;
    std::uint64_t bus_version =
        ~std::uint64_t{0};              // Session::state_version the listeners were copied at
    std::uint64_t copies = 0;           // of the listeners: counts alone keep the same copy
    SimWindows windows;                 // by window instance; made when first drawn
    std::vector<std::uint32_t> placed;  // the live instances the layout was last computed for

    // Every window (closed ones too) summed up, rebuilt with the snapshot.
    std::vector<WindowSummary> summaries;
    std::uint64_t summaries_version = 0;
    std::uint64_t summaries_for = ~std::uint64_t{0};   // the snapshot version they were built from
    std::uint64_t summaries_copy = ~std::uint64_t{0};  // the listener copy they were built from
    std::vector<std::size_t> owners;                   // summary_owners of that copy
    TileView tiles;
    OverviewView overview;
    std::uint32_t take_focus = 0;  // stacked: the window to give the keyboard focus next frame
    // Popped out as OS windows of their own (View > Pop out windows), by instance, with the
    // frames left in which the pop-out still places them.
    std::map<std::uint32_t, int> popped;

    void take_snapshot(UiContext& ui, const std::vector<WindowInfo>& live);
    void summarize(const Session& session, const std::vector<WindowInfo>& live);
    void focus(std::uint32_t instance, bool grid);
    void follow_requests(UiContext& ui, const std::vector<WindowInfo>& live, bool grid);
    bool draw_window(UiContext& ui, SimWindow& w, const WindowInfo& info, const Area& slot,
                     ImGuiCond cond);
    void dock_or_pop(UiContext& ui, std::uint32_t instance);
    void pop_out(const std::vector<WindowInfo>& live);
    bool draw_stacked(UiContext& ui, const std::vector<WindowInfo>& live, const Area& area);
    bool draw_grid(UiContext& ui, const std::vector<WindowInfo>& live, const Area& area);
};

void WindowsPanel::State::take_snapshot(UiContext& ui, const std::vector<WindowInfo>& live) {
    const std::uint64_t end = ui.workbench.live_log().end();
    const double now = ImGui::GetTime();
    if (!refresh && end == snapshot_end) return;
    if (!refresh && now - snapshot_time < kSnapshotInterval) {
        ui.animating = true;  // come back for the change once the interval has passed
        return;
    }
    const Session& session = ui.workbench.session();
    // Read before copying: a change made while copying moves it again.
    const std::uint64_t version = session.state_version();
    if (refresh || version != bus_version) {
        snapshot.listeners = session.listeners();
        snapshot.components = session.components();
        snapshot.labels.clear();
        for (const WindowInfo& info : live) {
            if (!info.observed) snapshot.labels.push_back(info.label);  // targets of the forms
        }
        bus_version = version;
        ++copies;
    } else {
        // Only records arrived: the same listeners, with new call counts. Reading the counters
        // in place costs a fraction of copying 10k listeners with their strings.
        session.update_counts(snapshot.listeners);
    }
    ++snapshot.version;
    snapshot_end = end;
    snapshot_time = now;
    refresh = false;
}

void WindowsPanel::State::summarize(const Session& session, const std::vector<WindowInfo>& live) {
    // Counts move with the snapshot; queues and blocked closes move every frame, cheaply.
    if (summaries_for == snapshot.version && update_summaries(summaries, live)) return;
    if (summaries_copy == copies && update_summaries(summaries, live)) {
        // The same listeners with new call counts: sum them again, no window list, no lookups.
        sum_calls(summaries, snapshot.listeners, owners);
    } else {
        summaries = window_summaries(session.windows(), snapshot.listeners);
        owners = summary_owners(summaries, snapshot.listeners);
        summaries_copy = copies;
    }
    summaries_for = snapshot.version;
    ++summaries_version;
}

void WindowsPanel::State::focus(std::uint32_t instance, bool grid) {
    tiles.grid.focus(instance);
    if (grid) {
        tiles.scroll_to_focused = true;
        tiles.take_focus = true;
    } else {
        take_focus = instance;
    }
}

void WindowsPanel::State::follow_requests(UiContext& ui, const std::vector<WindowInfo>& live,
                                          bool grid) {
    const std::string label = std::exchange(ui.requests.focus_window, {});
    const auto named = std::find_if(live.begin(), live.end(),
                                    [&](const WindowInfo& w) { return w.label == label; });
    if (named != live.end()) focus(named->instance, grid);
    const int step = std::exchange(ui.requests.focus_window_step, 0);
    if (step == 0) return;
    if (const auto next = tiles.grid.step(instances_of(live), step)) focus(*next, grid);
}

void WindowsPanel::State::pop_out(const std::vector<WindowInfo>& live) {
    for (std::size_t i = 0; i < live.size(); ++i) {
        if (ImGuiWindow* window = ImGui::FindWindowByName(sim_window_id(live[i].instance).c_str()))
            ImGui::DockContextQueueUndockWindow(ImGui::GetCurrentContext(), window);
        popped[live[i].instance] = 2;  // undocked at the next frame's start, placed in both
    }
}

// In the app's dock space: docked where the windows go, or an OS window of its own once popped
// out. Closing that OS window docks the panel back; the Tauri window stays open (the panel's
// Close button is what closes it, as the title bar's close box in the dock does).
void WindowsPanel::State::dock_or_pop(UiContext& ui, std::uint32_t instance) {
    const std::string id = sim_window_id(instance);
    const ImGuiWindow* window = ImGui::FindWindowByName(id.c_str());
    ImGuiViewport* viewport = window != nullptr ? window->Viewport : nullptr;
    if (viewport != nullptr && viewport != ImGui::GetMainViewport() &&
        viewport->PlatformRequestClose) {
        viewport->PlatformRequestClose = false;  // Begin would take it as the close box
        popped.erase(instance);
        DockSlots::dock_next(ui.dock.windows, ImGuiCond_Always);
        return;
    }
    const auto it = popped.find(instance);
    if (it == popped.end()) {
        DockSlots::dock_next(ui.dock.windows);
        return;
    }
    ImGuiWindowClass own_window;  // kept apart from the main window even when over it
    own_window.ViewportFlagsOverrideSet = ImGuiViewportFlags_NoAutoMerge;
    ImGui::SetNextWindowClass(&own_window);
    if (it->second > 0) {
        --it->second;
        const Area area = popped_area(static_cast<std::size_t>(std::distance(popped.begin(), it)));
        ImGui::SetNextWindowPos(area.pos);
        ImGui::SetNextWindowSize(area.size);
    }
    if (window != nullptr && window->DockIsActive && it->second == 0) {
        popped.erase(it);  // docked again by hand: a panel like the others
    }
}

bool WindowsPanel::State::draw_window(UiContext& ui, SimWindow& w, const WindowInfo& info,
                                      const Area& slot, ImGuiCond cond) {
    if (ui.dock.active()) {
        dock_or_pop(ui, info.instance);
    } else {
        ImGui::SetNextWindowPos(slot.pos, cond);
        ImGui::SetNextWindowSize(slot.size, cond);
    }
    if (take_focus == info.instance) {
        ImGui::SetNextWindowFocus();
        take_focus = 0;
    }
    // Titled as the Tauri window (a popped-out panel's OS window too). Only the ### part is the
    // ImGui ID, so a title change keeps the panel's place and imgui.ini's layout; the ID is the
    // instance, so a reused label does not inherit the closed window's ImGui state. A tapped
    // app's window has no simulated state (a simulated namesake's is not its).
    const std::optional<NativeWindowState> state =
        info.observed ? std::nullopt : ui.workbench.session().window_state(w.label);
    const std::string name = state ? window_panel_name(w.label, *state) : w.label;
    const std::string title = name +
                              (info.observed           ? "  (tapped)"
                               : info.page_url.empty() ? ""
                                                       : "  (live page)") +
                              (info.close_pending ? "  (close blocked)" : "") + live_suffix(ui) +
                              sim_window_id(w.instance);
    bool open = true;
    bool changed = false;
    // A tapped app's window has no close box: EventLab cannot close it.
    if (ImGui::Begin(title.c_str(), info.observed ? nullptr : &open)) {
        changed = draw_window_body(ui, w, info, snapshot);
    }
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) {
        tiles.grid.focus(info.instance);  // the shortcuts step on from the window in use
    }
    ImGui::End();
    if (!open) {
        // The title bar's close box is the user closing the window, as the Close button is.
        if (OpResult r = ui.workbench.session().close_window(w.label); !r.ok) ui.notice(r.error);
        changed = true;
    }
    return changed;
}

bool WindowsPanel::State::draw_stacked(UiContext& ui, const std::vector<WindowInfo>& live,
                                       const Area& area) {
    // Stack them again whenever a window opens or closes, so none hides another; otherwise
    // leave them where the person (or imgui.ini) put them.
    const std::vector<std::uint32_t> instances = instances_of(live);
    const ImGuiCond cond =
        placed.empty() || placed == instances ? ImGuiCond_FirstUseEver : ImGuiCond_Always;
    placed = instances;
    bool changed = false;
    for (std::size_t i = 0; i < live.size(); ++i) {
        auto& slot = windows[live[i].instance];
        if (!slot) slot = std::make_unique<SimWindow>(ui.workbench, live[i]);
        changed |= draw_window(ui, *slot, live[i], stacked(area, i, live.size()), cond);
    }
    return changed;
}

bool WindowsPanel::State::draw_grid(UiContext& ui, const std::vector<WindowInfo>& live,
                                    const Area& area) {
    placed.clear();  // back to stacked panels later: place them again
    const float overview_height = area.size.y * kOverviewShare;
    const Area top{area.pos, {area.size.x, overview_height}};
    const Area rest{{area.pos.x, area.pos.y + overview_height},
                    {area.size.x, area.size.y - overview_height}};
    if (const auto clicked = draw_windows_overview(ui, overview, summaries, summaries_version,
                                                   tiles.grid.focused(), top)) {
        focus(*clicked, true);
    }
    return draw_window_tiles(ui, tiles, {live, summaries, snapshot}, windows, rest);
}

WindowsPanel::WindowsPanel() : state_(std::make_unique<State>()) {}
WindowsPanel::~WindowsPanel() = default;

void WindowsPanel::draw(UiContext& ui) {
    State& s = *state_;
    if (s.session != ui.workbench.session_generation()) {
        // A new session: new log positions and new instances; nothing cached still applies.
        s.windows.clear();
        s.tiles = {};
        s.refresh = true;
        s.summaries_for = ~std::uint64_t{0};
        s.session = ui.workbench.session_generation();
    }
    // The open windows each frame; every window (the overview lists closed ones too) only
    // when one opened or closed, so a frame does not grow with a long session's closed windows.
    const std::vector<WindowInfo> live = ui.workbench.session().live_windows();
    s.take_snapshot(ui, live);
    s.summarize(ui.workbench.session(), live);

    const std::vector<std::uint32_t> instances = instances_of(live);
    const auto gone = [&](const auto& entry) {
        return std::find(instances.begin(), instances.end(), entry.first) == instances.end();
    };
    std::erase_if(s.windows, gone);
    std::erase_if(s.popped, gone);
    s.tiles.grid.keep_only(instances);
    const bool grid = uses_grid(live.size());
    s.follow_requests(ui, live, grid);
    if (std::exchange(ui.requests.pop_out_windows, false) && !grid) s.pop_out(live);

    const Area area = windows_area(ui);
    if (live.empty()) {
        draw_no_window(ui, area);
        return;
    }
    const bool changed = grid ? s.draw_grid(ui, live, area) : s.draw_stacked(ui, live, area);
    if (changed) s.refresh = true;
}

namespace {

void step_window(UiContext& ui, int step) {
    ui.requests.focus_window_step = step;
}

// The simulated windows dock themselves into the layout's windows column (dock_layout.cpp),
// one window each or the overview and tiles.
const PanelRegistration kWindowsPanel{{
    .name = "Windows",
    .order = 10,
    .in_view_menu = false,
    .menu = "Session",
    .shortcuts = {{.keys = "Ctrl+PgDn",
                   .what = "next simulated window (opens its tile in the grid)",
                   .chord = ImGuiMod_Ctrl | ImGuiKey_PageDown,
                   .run = [](UiContext& ui) { step_window(ui, 1); },
                   .label = "Next window",
                   .repeat = true},
                  {.keys = "Ctrl+PgUp",
                   .what = "previous simulated window",
                   .chord = ImGuiMod_Ctrl | ImGuiKey_PageUp,
                   .run = [](UiContext& ui) { step_window(ui, -1); },
                   .label = "Previous window",
                   .repeat = true}},
    .make = &make_instance<WindowsPanel>,
}};

}  // namespace

}  // namespace eventlab::ui
