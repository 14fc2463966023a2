// The Permissions panel: EventLab's "why" for a refused invoke. For the refusal selected in the
// log (either of its rows: the invoke, or the "permission" error), else the newest one: what
// was refused from which window, the capabilities that window has, the permissions that would
// allow it or the deny that blocks it, and the JSON to write into which capability file. The
// model (view/permissions) asks the core's permission check; this file only draws it.
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "ui/panel_registry.h"
#include "ui/trace/trace_banner.h"
#include "ui/widgets.h"
#include "view/permissions/permission_why.h"

namespace eventlab::ui {

namespace {

constexpr const char* kWindowName = "Permissions";
// Records read per frame to find the newest refusal (see kLogScanBudget for the shares).
constexpr std::size_t kRefusalScanBudget = 40'000;

}  // namespace

class PermissionsPanel final : public Panel {
  public:
    void draw(UiContext& ui) override;

  private:
    void sync(UiContext& ui);

    bool attached_ = false;
    std::uint64_t generation_ = 0;
    RefusalTracker tracker_;
    std::uint64_t selected_ = kNoPosition;  // ui.selected_record last frame
    bool selected_is_refusal_ = false;
    std::uint64_t shown_ = kNoPosition;  // the row whose refusal `why_` explains
    std::optional<PermissionWhy> why_;
};

namespace {

void mono_line(UiContext& ui, const std::string& text) {
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    ImGui::TextUnformatted(text.c_str());
    if (ui.mono != nullptr) ImGui::PopFont();
}

void draw_places(const char* heading, const std::vector<CapabilityPlace>& places,
                 const char* none) {
    ImGui::TextUnformatted(heading);
    ImGui::Indent();
    if (places.empty()) ImGui::TextDisabled("%s", none);
    for (const CapabilityPlace& c : places) {
        ImGui::BulletText("%s  %s%s  (windows: %s)", c.identifier.c_str(), c.file.c_str(),
                          c.pointer.empty() ? "" : (" " + c.pointer).c_str(),
                          c.windows.empty() ? "none" : c.windows.c_str());
    }
    ImGui::Unindent();
}

// The edit a person makes: the file, where in it, and the JSON, each line with a Copy button.
void draw_edit(UiContext& ui, const PermissionWhy& why) {
    using Edit = PermissionWhy::Edit;
    if (why.edit == Edit::None) return;
    ImGui::Spacing();
    ImGui::SeparatorText("The change");
    const char* verb = why.edit == Edit::Add      ? "add to"
                       : why.edit == Edit::Remove ? "remove from"
                                                  : "create";
    if (why.edit == Edit::Create) {
        ImGui::Text("create %s:", why.file.c_str());
    } else {
        ImGui::Text("in %s, %s \"permissions\" (%s):", why.file.c_str(), verb, why.pointer.c_str());
    }
    ui.note_item("permissions/file");
    copy_button("copy-json", why.json);
    ImGui::SameLine();
    mono_line(ui, why.json);
    ui.note_item("permissions/json");
    if (!why.windows_json.empty()) {
        ImGui::TextUnformatted("and let it hold the window:");
        copy_button("copy-windows", why.windows_json);
        ImGui::SameLine();
        mono_line(ui, why.windows_json);
    }
    if (why.list_in_config) {
        ImGui::TextWrapped("and list it in app.security.capabilities of the Tauri config");
    }
}

void draw_why(UiContext& ui, const PermissionWhy& why, bool selected) {
    ImGui::TextColored(error_color(), "Refused: %s", why.command.c_str());
    ui.note_item("permissions/command");
    ImGui::SameLine();
    ImGui::TextDisabled(selected ? "(selected in the log)" : "(the newest refusal)");
    ImGui::Text("from window \"%s\", webview \"%s\", URL: %s", why.window.c_str(),
                why.webview.c_str(), why.origin.c_str());
    ImGui::PushTextWrapPos(0.0F);
    mono_line(ui, why.message);
    ImGui::PopTextWrapPos();

    using State = PermissionWhy::State;
    if (why.state == State::Recorded) {
        ImGui::SeparatorText("To allow it");
        ImGui::TextWrapped("%s", why.recorded_advice.c_str());
        return;
    }
    if (why.state == State::AllowedNow || why.state == State::NoProject) {
        ImGui::TextWrapped("%s", why.state == State::AllowedNow
                                     ? "The project's capabilities allow it now: it was refused "
                                       "under another project or Tauri release."
                                     : "No project is open now: nothing is checked.");
        return;
    }
    ImGui::SeparatorText("Why");
    draw_places("Capabilities of this window:", why.capabilities,
                "none: no capability's \"windows\" or \"webviews\" match it");
    if (!why.denied_by.empty()) {
        ImGui::TextColored(error_color(), "Denied by:");
        for (const std::string& deny : why.denies) {
            ImGui::SameLine();
            ImGui::TextUnformatted(deny.c_str());
        }
        draw_places("in:", why.denied_by, "");
    }
    if (!why.granted_elsewhere.empty()) {
        draw_places("Granted to other windows by:", why.granted_elsewhere, "");
    }
    if (!why.permissions.empty()) {
        ImGui::TextUnformatted("Permissions that allow it (any one):");
        ImGui::Indent();
        for (const std::string& p : why.permissions)
            ImGui::BulletText("%s", p.c_str());
        ImGui::Unindent();
    } else if (!why.unknown.empty()) {
        ImGui::TextWrapped("No permission allows it: %s.", why.unknown.c_str());
    }
    ImGui::SeparatorText("To allow it");
    ImGui::TextWrapped("%s", why.advice.c_str());
    draw_edit(ui, why);
}

}  // namespace

void PermissionsPanel::sync(UiContext& ui) {
    Workbench& bench = ui.workbench;
    if (!attached_ || generation_ != bench.generation()) {
        attached_ = true;
        generation_ = bench.generation();
        tracker_.reset();
        selected_ = kNoPosition;
        selected_is_refusal_ = false;
        shown_ = kNoPosition;
        why_.reset();
    }
    const RecordLog& log = bench.log();
    const Symbols& symbols = bench.symbols();
    if (ui.filter_scanning()) {
        ui.animating = true;  // the log's filter first (see UiContext::filter_scanning)
    } else {
        tracker_.update(log, symbols, kRefusalScanBudget);
    }
    if (ui.selected_record != selected_) {
        selected_ = ui.selected_record;
        selected_is_refusal_ = refusal_at(log, selected_, symbols).has_value();
        // Selecting a refusal in the log brings its why to the front.
        if (selected_is_refusal_) ui.requests.focus_panel = kWindowName;
    }
    const std::uint64_t row = selected_is_refusal_ ? selected_ : tracker_.newest();
    if (row == shown_) return;
    shown_ = row;
    why_.reset();
    if (const auto refusal = refusal_at(log, row, symbols)) {
        why_ = explain_refusal(*refusal, bench.viewing_trace() ? nullptr : &bench.session());
    }
}

void PermissionsPanel::draw(UiContext& ui) {
    sync(ui);
    UiContext::place(ui.layout.route);
    if (ImGui::Begin(kWindowName)) {
        draw_trace_banner(ui, "permissions");
        if (!ui.workbench.viewing_trace()) {
            ImGui::TextDisabled("%s", ui.workbench.session().permissions_note().c_str());
            ui.note_item("permissions/note");
            if (ui.workbench.session().project() == nullptr) {
                ImGui::TextWrapped(
                    "Start EventLab with --project PATH to check every command against the "
                    "capabilities of your Tauri app, as Tauri does.");
            }
        }
        ImGui::Separator();
        if (why_) {
            draw_why(ui, *why_, selected_is_refusal_);
        } else {
            ImGui::TextWrapped(
                "No refused invoke %s. A command the calling window's "
                "capabilities do not allow shows here; select its row in the Log "
                "to see that one.",
                tracker_.count() == 0 ? "yet" : "left in the log");
        }
    }
    ImGui::End();
}

namespace {

const PanelRegistration kPermissionsPanel{{
    .name = "Permissions",
    .order = 35,
    .windows = {{.name = kWindowName, .slot = DockSlot::Route}},  // a tab behind the Route view
    .focus_keys = "Ctrl+Shift+W",
    .focus_chord = ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_W,
    .make = &make_instance<PermissionsPanel>,
}};

}  // namespace

}  // namespace eventlab::ui
