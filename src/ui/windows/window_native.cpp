// The Window section of a simulated window's panel: the window as Tauri's window API reports it
// (title, inner size, visible, focused, maximized, theme), each of which a person can change
// here. The fields and changes are view/windows/window_native's; a change goes through
// Session::update_window, so the window gets the events Tauri emits for it and the log shows them.
#include "view/windows/window_native.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <optional>
#include <string>

#include "core/app/window_state.h"
#include "ui/windows/window_state.h"
#include "view/workbench.h"

namespace eventlab::ui {
namespace {

// True: the panel has something new to show.
bool change_window(UiContext& ui, const std::string& label, const StateChange& change) {
    if (!ui.workbench.session().update_window(label, change)) {
        ui.notice("The window " + label + " is no longer open.");
    }
    return true;
}

// A text field applies its edit when it is left (Enter, Tab or a click elsewhere).
bool draw_fields(UiContext& ui, SimWindow& w) {
    WindowStateForm& form = w.state_form;
    ImGui::InputText("title", &form.title);
    form.title_editing = ImGui::IsItemActive();
    ui.note_item("win/" + w.label + "/state/title");
    bool changed = false;
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        changed = change_window(ui, w.label, retitle(form.title));
    }
    ImGui::InputInt2("size", form.size.data());
    form.size_editing = ImGui::IsItemActive();
    ui.note_item("win/" + w.label + "/state/size");
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        changed |= change_window(ui, w.label, resize(form.size));
    }
    return changed;
}

bool draw_flag(UiContext& ui, const SimWindow& w, const char* name, bool value,
               StateChange (*change)(bool)) {
    const bool picked = ImGui::Checkbox(name, &value);
    ui.note_item("win/" + w.label + "/state/" + name);
    return picked && change_window(ui, w.label, change(value));
}

bool draw_theme(UiContext& ui, const SimWindow& w, const NativeWindowState& state) {
    int choice = theme_choice(state);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("system").x * 2.5F);
    const bool picked = ImGui::Combo("theme", &choice, kThemeChoices.data(),
                                     static_cast<int>(kThemeChoices.size()));
    ui.note_item("win/" + w.label + "/state/theme");
    return picked && change_window(ui, w.label, choose_theme(choice));
}

}  // namespace

bool draw_window_native(UiContext& ui, SimWindow& w) {
    const std::optional<NativeWindowState> state = ui.workbench.session().window_state(w.label);
    if (!state) return false;
    // The ### part keeps the header's open state while the headline changes.
    const std::string header = "Window  " + window_state_headline(*state) + "###window";
    const bool open = ImGui::CollapsingHeader(header.c_str());
    ui.note_item("win/" + w.label + "/state");
    if (!open) return false;
    ImGui::PushID("native");
    w.state_form.follow(*state);
    bool changed = draw_fields(ui, w);
    changed |= draw_flag(ui, w, "visible", state->visible, set_visible);
    ImGui::SameLine();
    changed |= draw_flag(ui, w, "focused", state->focused, set_focused);
    ImGui::SameLine();
    changed |= draw_flag(ui, w, "maximized", state->maximized, set_maximized);
    changed |= draw_theme(ui, w, *state);
    ImGui::TextDisabled("%s", window_state_summary(*state).c_str());
    ImGui::PopID();
    return changed;
}

}  // namespace eventlab::ui
