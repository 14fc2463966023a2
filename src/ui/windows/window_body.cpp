// What a simulated window's panel shows, wherever it is drawn (a panel of its own when there
// are a few windows, an open tile of the grid when there are many): a header with the close
// controls, the window's state (title, size, focus, ...), the page's JS listeners, the frontend
// actions, and the feed of what it received.
#include <imgui.h>

#include <string>

#include "ui/windows/window_state.h"

namespace eventlab::ui {
namespace {

bool draw_close_blocked(UiContext& ui, SimWindow& w) {
    ImGui::PushTextWrapPos(0.0F);
    ImGui::TextColored(blocked_color(),
                       "close blocked: a close-requested listener holds it until destroy()");
    ImGui::PopTextWrapPos();
    bool changed = false;
    if (ImGui::Button("Destroy anyway")) {
        if (OpResult r = ui.workbench.session().destroy_window(w.label); !r.ok) {
            ui.notice(r.error);
        }
        changed = true;
    }
    ui.note_item("win/" + w.label + "/destroy");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "What getCurrentWindow().destroy() in the page would do: the window "
            "goes, then tauri://destroyed is emitted");
    }
    return changed;
}

bool draw_header(UiContext& ui, SimWindow& w, const WindowInfo& info) {
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
    ImGui::SameLine(content_right() - close_width);
    if (ImGui::Button("Close")) {
        if (OpResult r = ui.workbench.session().close_window(w.label); !r.ok) {
            ui.notice(r.error);
        }
        changed = true;
    }
    ui.note_item("win/" + w.label + "/close");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "The user closes the window: tauri://close-requested, then destroyed "
            "unless a JS close-requested listener holds it");
    }
    if (info.close_pending) changed |= draw_close_blocked(ui, w);
    return changed;
}

}  // namespace

ImVec4 blocked_color() {
    return {0.98F, 0.75F, 0.30F, 1.0F};
}

ImVec4 live_page_color() {
    return {0.40F, 0.85F, 0.55F, 1.0F};
}

SimWindow::SimWindow(Workbench& bench, std::string window_label, std::uint32_t window_instance)
    : label(std::move(window_label)),
      instance(window_instance),
      feed(bench.session().recorder().symbols(), label) {
    emit_to_target.allow_none = false;
    emit_to_target.choice = TargetPicker::Choice::Label;
}

bool draw_window_body(UiContext& ui, SimWindow& w, const WindowInfo& info,
                      const BusSnapshot& snapshot) {
    // Rows are built only for the windows drawn: 200 closed tiles cost nothing here.
    if (w.rows_version != snapshot.version) {
        w.rows =
            listener_rows(w.label, snapshot.listeners, snapshot.components, ui.workbench.session());
        w.components = component_rows(w.label, snapshot.components, snapshot.listeners);
        w.rows_version = snapshot.version;
    }
    bool changed = draw_header(ui, w, info);
    changed |= draw_window_native(ui, w);
    changed |= draw_listener_table(ui, w, !info.page_url.empty());
    ImGui::Spacing();
    changed |= draw_actions(ui, w, snapshot);
    ImGui::Separator();
    draw_feed(ui, w);
    return changed;
}

}  // namespace eventlab::ui
