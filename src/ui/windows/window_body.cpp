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

// A tapped app's window: what the tap shows, and why nothing here acts on it.
void draw_tapped_header(UiContext& ui, const SimWindow& w, const WindowInfo& info) {
    ImGui::TextColored(tapped_color(), "tapped");
    ui.note_item("win/" + w.label + "/tapped");
    ImGui::SameLine();
    ImGui::TextUnformatted(info.page_url.empty() ? "a real Tauri app" : info.page_url.c_str());
    help_marker(
        "A window of a real Tauri app, seen through tauri-plugin-eventlab: its listeners, "
        "emits and deliveries are the app's own, observed as they happen, not simulated. "
        "EventLab only watches it: it cannot close the window, listen, emit or invoke in its "
        "page. Each delivery is checked against the mode's rules (the log's match column).");
    ImGui::AlignTextToFramePadding();
    ImGui::Text("JS listeners: %zu", w.rows.size());
    help_marker(
        "The JS listeners the app's page registered, with Tauri's own ids, and the deliveries "
        "the page reported. Rust listeners are not shown: a plugin cannot see them.");
    const float close_width = ImGui::CalcTextSize("Close").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(content_right() - close_width);
    ImGui::BeginDisabled();
    ImGui::Button("Close");
    ImGui::EndDisabled();
    ui.note_item("win/" + w.label + "/close-disabled");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("A tapped app's window: close it in the app; EventLab only watches it");
    }
}

bool draw_header(UiContext& ui, SimWindow& w, const WindowInfo& info) {
    if (info.observed) {
        draw_tapped_header(ui, w, info);
        return false;
    }
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

ImVec4 tapped_color() {
    return {0.45F, 0.75F, 1.0F, 1.0F};
}

SimWindow::SimWindow(Workbench& bench, const WindowInfo& info)
    : label(info.label),
      instance(info.instance),
      feed(bench.session().recorder().symbols(), label, info.observed) {
    emit_to_target.allow_none = false;
    emit_to_target.choice = TargetPicker::Choice::Label;
}

bool draw_window_body(UiContext& ui, SimWindow& w, const WindowInfo& info,
                      const BusSnapshot& snapshot) {
    // Rows are built only for the windows drawn: 200 closed tiles cost nothing here.
    if (w.rows_version != snapshot.version) {
        w.rows = listener_rows(w.label, snapshot.listeners, snapshot.components,
                               ui.workbench.session(), info.observed);
        w.components = component_rows(w.label, snapshot.components, snapshot.listeners);
        w.rows_version = snapshot.version;
    }
    bool changed = draw_header(ui, w, info);
    // A tapped app's window: its state is the app's, which the tap does not report.
    if (!info.observed) changed |= draw_window_native(ui, w);
    changed |= draw_listener_table(ui, w, info);
    ImGui::Spacing();
    if (info.observed) {
        // No forms: a listen, emit or invoke made here would be the simulator's, not the app's.
        ImGui::TextDisabled("Watched through the tap: act in the app itself.");
    } else {
        changed |= draw_actions(ui, w, snapshot);
    }
    ImGui::Separator();
    draw_feed(ui, w);
    return changed;
}

}  // namespace eventlab::ui
