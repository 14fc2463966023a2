#include "ui/app_ui.h"

#include <imgui_internal.h>

#include <algorithm>
#include <span>
#include <utility>

#include "core/bus/mode_rules.h"
#include "ui/dock_layout.h"
#include "view/windows/window_grid.h"

namespace eventlab::ui {

std::span<const AppUi::Shortcut> AppUi::own_shortcuts() {
    static constexpr Shortcut kOwn[] = {
        {"Ctrl+N", "open a new simulated window", ImGuiMod_Ctrl | ImGuiKey_N,
         &AppUi::ask_new_window},
        {"Ctrl+R", "reset the session (replays the workspace)", ImGuiMod_Ctrl | ImGuiKey_R,
         &AppUi::ask_reset},
        {"F1", "show these shortcuts", ImGuiKey_F1, &AppUi::toggle_shortcuts},
        {"Ctrl+Q", "quit", ImGuiMod_Ctrl | ImGuiKey_Q, &AppUi::quit},
    };
    return kOwn;
}

AppUi::AppUi(Workbench& bench, ImFont* mono)
    : ui_(bench), trace_(panels_.get<TracePanel>()), demo_(panels_.get<DemoPanel>()) {
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
            for (const WindowInfo& w : ui_.workbench.session().live_windows())
                input.windows.push_back(w.instance);
            input.grid = uses_grid(input.windows.size());
            return input;
        });
    for (const PanelSet::Entry& e : panels_.entries())
        e.panel->draw(ui_);
    new_window_.draw(ui_);
    reset_.draw(ui_, trace_);
    std::vector<ShortcutLine> own;
    for (const Shortcut& s : own_shortcuts())
        own.push_back({s.keys, s.what});
    shortcuts_.draw(own);
    status_bar_.draw(ui_, trace_);
    draw_notices(ui_);
    // After the panels, so that the window exists; its tab comes to the front next frame.
    if (!ui_.requests.focus_panel.empty() && ImGui::GetFrameCount() > 1) {
        ImGui::SetWindowFocus(std::exchange(ui_.requests.focus_panel, {}).c_str());
    }
}

void AppUi::handle_shortcuts() {
    for (const Shortcut& s : own_shortcuts()) {
        if (ImGui::IsKeyChordPressed(s.chord)) (this->*s.run)();
    }
    for (const PanelInfo& panel : registered_panels()) {
        if (panel.focus_chord != 0 && !panel.windows.empty() &&
            ImGui::IsKeyChordPressed(panel.focus_chord)) {
            ui_.requests.focus_panel = panel.windows.front().name;
        }
        for (const PanelShortcut& k : panel.shortcuts) {
            const ImGuiInputFlags flags = k.repeat ? ImGuiInputFlags_Repeat : ImGuiInputFlags_None;
            if (k.run != nullptr && k.chord != 0 && ImGui::IsKeyChordPressed(k.chord, flags)) {
                k.run(ui_);
            }
        }
    }
}

Result<void> AppUi::record_to(const std::string& path) {
    return trace_.record_to(ui_, path);
}

std::optional<StoppedRecording> AppUi::shutdown() {
    return trace_.shutdown(ui_);
}

void AppUi::draw_panel_items(std::string_view menu) {
    for (const PanelSet::Entry& e : panels_.entries()) {
        const PanelInfo& info = *e.info;
        if (info.menu != nullptr && info.menu == menu) {
            for (const PanelShortcut& k : info.shortcuts) {
                if (k.label != nullptr && k.run != nullptr && ImGui::MenuItem(k.label, k.keys)) {
                    k.run(ui_);
                }
            }
        }
        if (std::find(info.menu_items.begin(), info.menu_items.end(), menu) !=
            info.menu_items.end()) {
            e.panel->draw_menu_items(menu, ui_);
        }
    }
}

void AppUi::draw_view_menu() {
    if (!ImGui::BeginMenu("View")) return;
    for (const PanelInfo& panel : registered_panels()) {
        if (!panel.in_view_menu || panel.windows.empty()) continue;
        if (ImGui::MenuItem(panel.name, panel.focus_keys)) {
            ui_.requests.focus_panel = panel.windows.front().name;
        }
    }
    ImGui::Separator();
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
    draw_panel_items("View");
    ImGui::EndMenu();
}

void AppUi::draw_session_menu() {
    if (!ImGui::BeginMenu("Session")) return;
    if (ImGui::MenuItem("New window...", "Ctrl+N")) new_window_.ask();
    draw_panel_items("Session");
    ImGui::Separator();
    const BusConfig current = ui_.workbench.config();
    ImGui::TextDisabled("Tauri behaviour");
    for (Mode mode : kAllModes) {
        const std::string item = std::string(to_string(mode));
        if (ImGui::MenuItem(item.c_str(), nullptr, current.mode == mode) && current.mode != mode) {
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

void AppUi::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    menu_bar_height_ = ImGui::GetWindowHeight();
    if (ImGui::BeginMenu("File")) {
        draw_panel_items("File");
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_ = true;
        ImGui::EndMenu();
    }
    draw_session_menu();
    // The menus the panels bring (Log, Demos), in the registry's order.
    std::vector<std::string_view> menus;
    const auto own = [](std::string_view m) {
        return m == "File" || m == "Session" || m == "View" || m == "Help";
    };
    for (const PanelInfo& panel : registered_panels()) {
        std::vector<std::string_view> names = panel.menu_items;
        if (panel.menu != nullptr) names.insert(names.begin(), panel.menu);
        for (const std::string_view m : names) {
            if (!own(m) && std::find(menus.begin(), menus.end(), m) == menus.end())
                menus.push_back(m);
        }
    }
    for (const std::string_view m : menus) {
        const std::string label(m);
        if (ImGui::BeginMenu(label.c_str())) {
            draw_panel_items(m);
            ImGui::EndMenu();
        }
    }
    draw_view_menu();
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Shortcuts", "F1")) shortcuts_.show();
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

}  // namespace eventlab::ui
