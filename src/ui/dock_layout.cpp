#include "ui/dock_layout.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cstring>

#include "ui/panel_registry.h"

namespace eventlab::ui {
namespace {

constexpr const char* kSimWindowPrefix = "###simwin-";

// Shares of the dock space, as the fixed layout had them.
constexpr float kLeftShare = 0.25F;  // the simulated windows' column
constexpr float kLeftMinPixels = 340.0F;
constexpr float kTopShare = 0.55F;       // Backend and Route above, the rest below
constexpr float kRouteShare = 0.56F;     // of the part right of the windows
constexpr float kLogShare = 0.70F;       // of the lower part
constexpr float kOverviewShare = 0.38F;  // of the windows' column, past a few windows

ImGuiID split_node(ImGuiID& node, ImGuiDir dir, float share) {
    ImGuiID part = 0;
    ImGui::DockBuilderSplitNode(node, dir, share, &part, &node);
    return part;
}

DockSlots build_layout(ImGuiID space, const ImRect& area, const DockLayoutInput& input) {
    ImGui::DockBuilderRemoveNode(space);  // undocks every window, which then docks below again
    ImGui::DockBuilderAddNode(space, ImGuiDockNodeFlags_DockSpace);
    // Where the dock space is drawn this frame, so that the panels are in place from the first.
    ImGui::DockBuilderSetNodePos(space, area.Min);
    const ImVec2 size = area.GetSize();
    ImGui::DockBuilderSetNodeSize(space, size);
    DockSlots s;
    s.space = space;
    ImGuiID rest = space;
    const float left =
        std::min(0.5F, std::max(kLeftShare, kLeftMinPixels / std::max(size.x, 1.0F)));
    s.windows = split_node(rest, ImGuiDir_Left, left);
    ImGuiID bottom = rest;
    const ImGuiID top = split_node(bottom, ImGuiDir_Up, kTopShare);
    s.backend = top;
    s.route = split_node(s.backend, ImGuiDir_Right, kRouteShare);
    s.periodic = bottom;
    s.log = split_node(s.periodic, ImGuiDir_Right, kLogShare);

    if (input.grid) {
        s.windows_top = split_node(s.windows, ImGuiDir_Up, kOverviewShare);
        ImGui::DockBuilderDockWindow("Windows overview", s.windows_top);
        ImGui::DockBuilderDockWindow("###simwin-grid", s.windows);
    } else {
        // Stacked, one above the other, each its own node; the last node takes new windows.
        ImGuiID column = s.windows;
        const std::size_t n = input.windows.size();
        for (std::size_t i = 0; i < n; ++i) {
            const ImGuiID node =
                i + 1 < n ? split_node(column, ImGuiDir_Up, 1.0F / static_cast<float>(n - i))
                          : column;
            ImGui::DockBuilderDockWindow(sim_window_id(input.windows[i]).c_str(), node);
        }
        s.windows = s.windows_top = column;
    }
    // Every panel's windows where its file says (the registry), the tabs in front as it says.
    for (const PanelInfo& panel : registered_panels()) {
        for (const PanelWindow& w : panel.windows)
            ImGui::DockBuilderDockWindow(w.name, s.node(w.slot));
    }
    ImGui::DockBuilderFinish(space);
    for (const PanelInfo& panel : registered_panels()) {
        for (const PanelWindow& w : panel.windows) {
            ImGuiDockNode* node = ImGui::DockBuilderGetNode(s.node(w.slot));
            if (w.in_front && node != nullptr) node->SelectedTabId = ImHashStr(w.name);
        }
    }
    return s;
}

// The leaf node `name` is docked in (window or saved settings), if it is in `space`.
ImGuiID docked_in(const char* name, ImGuiID space) {
    const ImGuiID id = ImHashStr(name);
    ImGuiID dock = 0;
    if (const ImGuiWindow* window = ImGui::FindWindowByID(id)) {
        dock = window->DockId;
    } else if (const ImGuiWindowSettings* settings = ImGui::FindWindowSettingsByID(id)) {
        dock = settings->DockId;
    }
    const ImGuiDockNode* node = dock != 0 ? ImGui::DockBuilderGetNode(dock) : nullptr;
    if (node == nullptr || !node->IsLeafNode()) return 0;
    for (const ImGuiDockNode* n = node; n != nullptr; n = n->ParentNode) {
        if (n->ID == space) return dock;
    }
    return 0;
}

// A layout read from imgui.ini: each slot is where its panel is now.
// `slot` while its node lives in the dock space, else `previous` if that still lives, else the
// dock space.
ImGuiID alive(ImGuiID slot, ImGuiID previous, ImGuiID space) {
    for (const ImGuiID id : {slot, previous}) {
        const ImGuiDockNode* node = id != 0 ? ImGui::DockBuilderGetNode(id) : nullptr;
        if (node != nullptr && node->IsLeafNode()) return id;
    }
    return space;
}

// Where the first of `slot`'s windows that is docked in `space` is, those in front first (the
// tabs the default layout shows there), 0 when none is.
ImGuiID slot_in(DockSlot slot, ImGuiID space) {
    for (const bool front : {true, false}) {
        for (const PanelInfo& panel : registered_panels()) {
            for (const PanelWindow& w : panel.windows) {
                if (w.slot != slot || w.in_front != front) continue;
                if (const ImGuiID dock = docked_in(w.name, space)) return dock;
            }
        }
    }
    return 0;
}

DockSlots find_slots(ImGuiID space, const DockSlots& previous) {
    DockSlots s;
    s.space = space;
    s.backend = slot_in(DockSlot::Backend, space);
    s.route = slot_in(DockSlot::Route, space);
    s.periodic = slot_in(DockSlot::Periodic, space);
    s.log = slot_in(DockSlot::Log, space);
    s.windows_top = docked_in("Windows overview", space);
    s.windows = docked_in("###simwin-grid", space);
    // Else where the newest simulated window is docked (ImGui lists windows oldest first).
    const ImVector<ImGuiWindow*>& windows = ImGui::GetCurrentContext()->Windows;
    for (int i = windows.Size - 1; i >= 0 && s.windows == 0; --i) {
        const char* id = std::strstr(windows[i]->Name, kSimWindowPrefix);
        if (id != nullptr && windows[i]->ParentWindow == nullptr) s.windows = docked_in(id, space);
    }
    s.backend = alive(s.backend, previous.backend, space);
    s.route = alive(s.route, previous.route, space);
    s.periodic = alive(s.periodic, previous.periodic, space);
    s.log = alive(s.log, previous.log, space);
    s.windows = alive(s.windows, previous.windows, space);
    s.windows_top = alive(s.windows_top, previous.windows_top, s.windows);
    return s;
}

}  // namespace

std::string sim_window_id(std::uint32_t instance) {
    return kSimWindowPrefix + std::to_string(instance);
}

DockSlots dock_space(float bottom, bool rebuild, const DockSlots& previous,
                     const std::function<DockLayoutInput()>& input) {
    // The work area as the menu bar drawn this frame left it (WorkPos follows a frame later).
    const auto* viewport = static_cast<const ImGuiViewportP*>(ImGui::GetMainViewport());
    ImRect work = viewport->GetBuildWorkRect();
    work.Max.y = std::max(work.Min.y, work.Max.y - bottom);
    ImGui::SetNextWindowPos(work.Min);
    ImGui::SetNextWindowSize(work.GetSize());
    ImGui::SetNextWindowViewport(viewport->ID);
    constexpr ImGuiWindowFlags kHost =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoDocking |
        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavFocus |
        ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0F);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0F);
    ImGui::Begin("##dock-host", nullptr, kHost);
    ImGui::PopStyleVar(3);
    const ImGuiID space = ImGui::GetID("eventlab-dock");
    const DockSlots slots = rebuild || ImGui::DockBuilderGetNode(space) == nullptr
                                ? build_layout(space, work, input())
                                : find_slots(space, previous);
    ImGui::DockSpace(space, ImVec2(0, 0), ImGuiDockNodeFlags_None);
    ImGui::End();
    return slots;
}

}  // namespace eventlab::ui
