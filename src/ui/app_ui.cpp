#include "ui/app_ui.h"

#include <algorithm>
#include <utility>

#include "core/bus/mode_rules.h"
#include "ui/dock_layout.h"
#include "view/windows/window_grid.h"

namespace eventlab::ui {

AppUi::AppUi(Workbench& bench, ImFont* mono) : ui_(bench) {
    ui_.mono = mono;
}

AppUi::~AppUi() = default;

void AppUi::set_demos(std::vector<DemoSource> demos) {
    demo_.set_demos(std::move(demos));
}

void AppUi::compute_layout() {
    // The viewport's work area only leaves room for the menu bar from the next frame on, and
    // panels take their first frame's place: measure from the bar drawn this frame instead.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 origin(viewport->Pos.x, viewport->Pos.y + menu_bar_height_);
    const float width = viewport->Size.x;
    const float height = viewport->Size.y - menu_bar_height_ - status_bar_height();
    const float left = std::max(340.0F, width * 0.25F);
    const float top = height * 0.55F;
    const float rest = width - left;
    const float split = left + rest * 0.44F;
    const float bottom_split = left + rest * 0.30F;
    Layout& l = ui_.layout;
    l.windows = {origin, {left, height}};
    l.backend = {{origin.x + left, origin.y}, {split - left, top}};
    l.route = {{origin.x + split, origin.y}, {width - split, top}};
    l.periodic = {{origin.x + left, origin.y + top}, {bottom_split - left, height - top}};
    l.log = {{origin.x + bottom_split, origin.y + top}, {width - bottom_split, height - top}};
}

void AppUi::draw() {
    ui_.animating = false;
    ui_.live.refresh(ui_.workbench);  // one snapshot of the bus for every panel of this frame
    handle_shortcuts();
    draw_menu_bar();
    compute_layout();
    ui_.dock =
        dock_space(status_bar_height(), std::exchange(reset_layout_, false), ui_.dock, [this] {
            DockLayoutInput input;
            for (const WindowInfo& w : ui_.workbench.session().bus().live_windows())
                input.windows.push_back(w.instance);
            input.grid = uses_grid(input.windows.size());
            return input;
        });
    windows_.draw(ui_);
    backend_.draw(ui_);
    route_.draw(ui_);
    periodic_.draw(ui_);
    log_.draw(ui_);
    ui_.log_paused = log_.status().paused;
    plots_.draw(ui_);
    lifecycle_.draw(ui_);
    trace_.draw(ui_);
    demo_.draw(ui_);
    new_window_.draw(ui_);
    reset_.draw(ui_, trace_);
    shortcuts_.draw();
    status_bar_.draw(ui_, trace_);
    draw_notices(ui_);
    // After the panels, so that the window exists; its tab comes to the front next frame.
    if (!ui_.requests.focus_panel.empty() && ImGui::GetFrameCount() > 1) {
        ImGui::SetWindowFocus(std::exchange(ui_.requests.focus_panel, {}).c_str());
    }
}

void AppUi::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    const auto ctrl = [&io](ImGuiKey key, bool repeat = false) {
        return io.KeyCtrl && ImGui::IsKeyPressed(key, repeat);
    };
    if (ctrl(ImGuiKey_N)) new_window_.ask();
    if (ctrl(ImGuiKey_R)) reset_.ask(ui_.workbench.config());
    if (ctrl(ImGuiKey_F)) ui_.requests.focus_log_filter = true;
    if (ctrl(ImGuiKey_P)) ui_.requests.toggle_log_pause = true;
    if (ctrl(ImGuiKey_L)) ui_.requests.clear_log = true;
    if (ctrl(ImGuiKey_Q)) quit_ = true;
    // Ctrl+Tab is ImGui's own window switcher; Ctrl+PgDn/PgUp step through tabs in browsers.
    if (ctrl(ImGuiKey_PageDown, true)) ui_.requests.focus_window_step = 1;
    if (ctrl(ImGuiKey_PageUp, true)) ui_.requests.focus_window_step = -1;
    if (ImGui::IsKeyPressed(ImGuiKey_F1, false)) shortcuts_.toggle();
}

std::string AppUi::record_to(const std::string& path) {
    return trace_.record_to(ui_, path);
}

std::optional<StoppedRecording> AppUi::shutdown() {
    return trace_.shutdown(ui_);
}

void AppUi::draw_view_menu() {
    if (!ImGui::BeginMenu("View")) return;
    if (ImGui::MenuItem("Plots")) ui_.requests.focus_panel = "Plots";
    if (ImGui::MenuItem("Reset layout")) reset_layout_ = true;
    const bool viewports = (ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_ViewportsEnable) != 0;
    if (ImGui::MenuItem("Pop out windows", nullptr, false, viewports)) {
        ui_.requests.pop_out_windows = true;
    }
    if (!viewports && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip(
            "This platform cannot open more OS windows for ImGui (Wayland without "
            "GLFW's support for it): the windows stay docked.");
    }
    ImGui::EndMenu();
}

void AppUi::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    menu_bar_height_ = ImGui::GetWindowHeight();
    if (ImGui::BeginMenu("File")) {
        trace_.draw_file_menu(ui_);
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_ = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Session")) {
        if (ImGui::MenuItem("New window...", "Ctrl+N")) new_window_.ask();
        if (ImGui::MenuItem("Next window", "Ctrl+PgDn")) ui_.requests.focus_window_step = 1;
        if (ImGui::MenuItem("Previous window", "Ctrl+PgUp")) ui_.requests.focus_window_step = -1;
        ImGui::Separator();
        const BusConfig current = ui_.workbench.config();
        ImGui::TextDisabled("Tauri behaviour");
        for (Mode mode : kAllModes) {
            const std::string item = std::string(to_string(mode));
            if (ImGui::MenuItem(item.c_str(), nullptr, current.mode == mode) &&
                current.mode != mode) {
                BusConfig next = current;
                next.mode = mode;
                reset_.ask(next);
            }
        }
        ImGui::TextDisabled("Handler order");
        for (Order order : {Order::Registration, Order::Random}) {
            const std::string item = std::string(to_string(order));
            if (ImGui::MenuItem(item.c_str(), nullptr, current.order == order)) {
                BusConfig next = current;
                next.order = order;
                reset_.ask(next);
            }
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Reset session", "Ctrl+R")) reset_.ask(current);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Log")) {
        if (ImGui::MenuItem("Filter", "Ctrl+F")) ui_.requests.focus_log_filter = true;
        if (ImGui::MenuItem("Pause / resume view", "Ctrl+P")) ui_.requests.toggle_log_pause = true;
        if (ImGui::MenuItem("Clear view", "Ctrl+L")) ui_.requests.clear_log = true;

        ImGui::EndMenu();
    }
    draw_view_menu();
    if (ImGui::BeginMenu("Demos")) {
        demo_.draw_demos_menu(ui_);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Shortcuts", "F1")) shortcuts_.show();
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

}  // namespace eventlab::ui
