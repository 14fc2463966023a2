#include "ui/app_dialogs.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/bus/names.h"
#include "ui/panel_registry.h"
#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

// The registry's shortcuts: each panel's View key, then the keys it answers to.
std::vector<ShortcutLine> panel_shortcuts() {
    std::vector<ShortcutLine> lines;
    for (const PanelInfo& panel : registered_panels()) {
        if (panel.focus_keys != nullptr) {
            lines.push_back({panel.focus_keys, std::string("show ") + panel.name});
        }
        for (const PanelShortcut& k : panel.shortcuts)
            lines.push_back({k.keys, k.what});
    }
    return lines;
}

}  // namespace

void NewWindowDialog::draw(UiContext& ui) {
    if (open_) {
        ImGui::OpenPopup("New window");
        open_ = false;
    }
    if (!ImGui::BeginPopupModal("New window", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    Session& session = ui.workbench.session();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("label", &label_, ImGuiInputTextFlags_EnterReturnsTrue);
    std::string problem;
    if (!is_valid_label(label_)) {
        problem = label_error(label_);
    } else if (session.has_window(label_)) {
        problem = "a window with label `" + label_ + "` already exists";
    }
    if (!problem.empty()) ImGui::TextColored(error_color(), "%s", problem.c_str());
    ImGui::TextDisabled("Opening it emits tauri://webview-created and tauri://window-created.");
    ImGui::BeginDisabled(!problem.empty());
    const bool create = ImGui::Button("Create") || (entered && problem.empty());
    ui.note_item("new-window/create");
    ImGui::EndDisabled();
    if (create && problem.empty()) {
        if (OpResult r = session.create_window(label_); !r.ok) ui.notice(r.error);
        label_.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    cancel_modal_button();
    ImGui::EndPopup();
}

void ResetDialog::ask(BusConfig config) {
    pending_ = config;
    seed_input_ = static_cast<int>(config.seed);
    open_ = true;
}

void ResetDialog::draw(UiContext& ui, TracePanel& trace) {
    if (open_) {
        ImGui::OpenPopup("Reset session?");
        open_ = false;
    }
    if (!ImGui::BeginPopupModal("Reset session?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        return;
    }
    ImGui::Text("Tauri %s, order %s", std::string(to_string(pending_.mode)).c_str(),
                std::string(to_string(pending_.order)).c_str());
    if (pending_.order == Order::Random) {
        if (ImGui::InputInt("seed", &seed_input_)) seed_input_ = std::max(seed_input_, 0);
        pending_.seed = static_cast<std::uint64_t>(seed_input_);
    }
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::TextUnformatted(
        ("This replaces the session: windows, listeners, senders and the log start again from "
         "\"" +
         ui.workbench.name() + "\", run under these rules. Changes made by hand are lost.")
            .c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Reset")) {
        trace.stop_recording(ui);
        ui.workbench.reset(pending_);
        ui.selected_emit = 0;
        ImGui::CloseCurrentPopup();
    }
    ui.note_item("reset/confirm");
    ImGui::SameLine();
    cancel_modal_button();
    ImGui::EndPopup();
}

void ShortcutsWindow::draw(std::span<const ShortcutLine> app) {
    if (!show_) return;
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                            ImVec2(0.5F, 0.5F));
    if (ImGui::Begin("Shortcuts", &show_, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::BeginTable("shortcuts", 2)) {
            const auto row = [](const ShortcutLine& s) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.keys.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.what.c_str());
            };
            for (const ShortcutLine& s : app)
                row(s);
            for (const ShortcutLine& s : panel_shortcuts())
                row(s);
            ImGui::EndTable();
        }
        ImGui::Separator();
        ImGui::TextDisabled(
            "Emit from the Backend panel or inside a window; the Route view shows\n"
            "who got the newest (or the selected) emit, and why.");
    }
    ImGui::End();
}

}  // namespace eventlab::ui
