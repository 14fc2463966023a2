// One ImGui window per live simulated window: a header with the close controls, the page's JS
// listeners, the frontend actions, and the feed of what the page received.
#include <imgui.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ui/panels.h"
#include "ui/trace_banner.h"
#include "ui/window_state.h"

namespace eventlab::ui {
namespace {

// The bus views are copied at most this often while records keep arriving (a periodic sender
// at 1 ms would otherwise copy every listener every frame).
constexpr double kSnapshotInterval = 0.1;

ImVec4 blocked_color() {
    return {0.98F, 0.75F, 0.30F, 1.0F};
}

ImVec4 live_page_color() {
    return {0.40F, 0.85F, 0.55F, 1.0F};
}

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

}  // namespace

SimWindow::SimWindow(Workbench& bench, std::string window_label, std::uint32_t window_instance)
    : label(std::move(window_label)),
      instance(window_instance),
      feed(bench.session().recorder().symbols(), label) {
    emit_to_target.allow_none = false;
    emit_to_target.choice = TargetPicker::Choice::Label;
}

struct WindowsPanel::State {
    // The live session shown (Workbench::session_generation). Not the workbench generation:
    // that also moves with a viewed trace's cursor, which must not wipe the forms here.
    std::uint64_t session = ~std::uint64_t{0};
    BusSnapshot snapshot;
    bool refresh = true;  // something changed the bus: take the snapshot at once
    std::uint64_t snapshot_end = 0;
    double snapshot_time = -1.0;
    std::map<std::uint32_t, std::unique_ptr<SimWindow>> windows;  // by window instance
    std::vector<std::uint32_t> placed;  // the live instances the layout was last computed for

    void take_snapshot(UiContext& ui, const std::vector<WindowInfo>& live);
    bool draw_window(UiContext& ui, SimWindow& w, const WindowInfo& info, const Area& slot,
                     ImGuiCond cond);
    bool draw_header(UiContext& ui, SimWindow& w, const WindowInfo& info);
};

void WindowsPanel::State::take_snapshot(UiContext& ui, const std::vector<WindowInfo>& live) {
    const std::uint64_t end = ui.bench.live_log().end();
    const double now = ImGui::GetTime();
    if (!refresh && end == snapshot_end) return;
    if (!refresh && now - snapshot_time < kSnapshotInterval) {
        ui.animating = true;  // come back for the change once the interval has passed
        return;
    }
    const Session& session = ui.bench.session();
    snapshot.listeners = session.bus().listeners();
    snapshot.components = session.components();
    snapshot.labels.clear();
    for (const WindowInfo& info : live)
        snapshot.labels.push_back(info.label);
    ++snapshot.version;
    snapshot_end = end;
    snapshot_time = now;
    refresh = false;
}

bool WindowsPanel::State::draw_header(UiContext& ui, SimWindow& w, const WindowInfo& info) {
    EventBus& bus = ui.bench.session().bus();
    bool changed = false;
    if (!info.page_url.empty()) {
        ImGui::TextColored(live_page_color(), "live page");
        ImGui::SameLine();
        ImGui::TextUnformatted(info.page_url.c_str());
        ui.note_item("win/" + w.label + "/live-page");
        help_marker(
            "A real page connected through the bridge (eventlab-tauri.js): its own @tauri-apps/api "
            "calls registered these listeners and it runs their handlers. Closing this window "
            "tells the page; a reload destroys this window and creates a new one.");
    }
    ImGui::AlignTextToFramePadding();
    ImGui::Text("JS listeners: %zu", w.rows.size());
    help_marker(
        "The JS listeners this page registered (Rust listeners are in the Backend panel). "
        "leaked: its component unmounted without cleanup, so it keeps firing. stale: registered "
        "by an earlier page under this label that was closed; it is never called again.");
    if (info.queued > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("%zu deliveries queued", info.queued);
    }
    const float close_width = ImGui::CalcTextSize("Close").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - close_width);
    if (ImGui::Button("Close")) {
        if (OpResult r = bus.close_window(w.label); !r.ok) ui.notice(r.error);
        changed = true;
    }
    ui.note_item("win/" + w.label + "/close");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "The user closes the window: tauri://close-requested, then destroyed "
            "unless a JS close-requested listener holds it");
    }
    if (info.close_pending) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextColored(blocked_color(),
                           "close blocked: a close-requested listener holds it until destroy()");
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Destroy anyway")) {
            if (OpResult r = bus.destroy_window(w.label); !r.ok) ui.notice(r.error);
            changed = true;
        }
        ui.note_item("win/" + w.label + "/destroy");
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(
                "What getCurrentWindow().destroy() in the page would do: the window "
                "goes, then tauri://destroyed is emitted");
        }
    }
    return changed;
}

bool WindowsPanel::State::draw_window(UiContext& ui, SimWindow& w, const WindowInfo& info,
                                      const Area& slot, ImGuiCond cond) {
    if (w.rows_version != snapshot.version) {
        w.rows =
            listener_rows(w.label, snapshot.listeners, snapshot.components, ui.bench.session());
        w.components = component_rows(w.label, snapshot.components, snapshot.listeners);
        w.rows_version = snapshot.version;
    }
    ImGui::SetNextWindowPos(slot.pos, cond);
    ImGui::SetNextWindowSize(slot.size, cond);
    // The ### part keeps a reused label from inheriting the closed window's ImGui state.
    const std::string title = w.label + (info.page_url.empty() ? "" : "  (live page)") +
                              (info.close_pending ? "  (close blocked)" : "") + live_suffix(ui) +
                              "###simwin-" + std::to_string(w.instance);
    bool open = true;
    bool changed = false;
    if (ImGui::Begin(title.c_str(), &open)) {
        changed |= draw_header(ui, w, info);
        changed |= draw_listener_table(ui, w);
        ImGui::Spacing();
        changed |= draw_actions(ui, w, snapshot);
        ImGui::Separator();
        draw_feed(ui, w);
    }
    ImGui::End();
    if (!open) {
        // The title bar's close box is the user closing the window, as the Close button is.
        if (OpResult r = ui.bench.session().bus().close_window(w.label); !r.ok) ui.notice(r.error);
        changed = true;
    }
    return changed;
}

WindowsPanel::WindowsPanel() : state_(std::make_unique<State>()) {}
WindowsPanel::~WindowsPanel() = default;

void WindowsPanel::draw(UiContext& ui) {
    State& s = *state_;
    if (s.session != ui.bench.session_generation()) {
        // A new session: new log positions and new instances; nothing cached still applies.
        s.windows.clear();
        s.refresh = true;
        s.session = ui.bench.session_generation();
    }
    const std::vector<WindowInfo> live = ui.bench.session().bus().live_windows();
    s.take_snapshot(ui, live);

    std::vector<std::uint32_t> instances;
    for (const WindowInfo& info : live)
        instances.push_back(info.instance);
    std::erase_if(s.windows, [&](const auto& entry) {
        return std::find(instances.begin(), instances.end(), entry.first) == instances.end();
    });
    // Stack them again whenever a window opens or closes, so none hides another; otherwise
    // leave them where the person (or imgui.ini) put them.
    const ImGuiCond cond =
        s.placed.empty() || s.placed == instances ? ImGuiCond_FirstUseEver : ImGuiCond_Always;
    s.placed = instances;

    const Area area = windows_area(ui);
    if (live.empty()) {
        // An empty column would look like a broken layout; say how to get a window back.
        ui.place({area.pos, {area.size.x, ImGui::GetFrameHeightWithSpacing() * 4.0F}});
        ImGui::Begin("Windows###simwin-none");
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextDisabled("No simulated window is open. Session > New window... (Ctrl+N)");
        ImGui::PopTextWrapPos();
        ImGui::End();
        return;
    }
    bool changed = false;
    for (std::size_t i = 0; i < live.size(); ++i) {
        auto& slot = s.windows[live[i].instance];
        if (!slot) slot = std::make_unique<SimWindow>(ui.bench, live[i].label, live[i].instance);
        changed |= s.draw_window(ui, *slot, live[i], stacked(area, i, live.size()), cond);
    }
    if (changed) s.refresh = true;
}

}  // namespace eventlab::ui
