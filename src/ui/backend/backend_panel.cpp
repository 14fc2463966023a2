// The Backend panel: what Rust code in the app does with the event system. Two tabs (emit and
// Rust listeners), each a form with the equivalent Rust and TypeScript beside or under it.
#include <imgui.h>

#include <algorithm>
#include <memory>

#include "ui/backend/backend_forms.h"
#include "ui/panel_registry.h"

namespace eventlab::ui {

// The Rust backend: emit / emit_to / emit_filter, Rust listeners, and the equivalent code.
class BackendPanel final : public Panel {
  public:
    BackendPanel();
    ~BackendPanel() override;
    void draw(UiContext& ui) override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

namespace {

// Below this content width the code goes under the form: two columns would cut both.
constexpr float kSideBySideEms = 52.0F;
// Rust listener rows shown before the table scrolls (the code below it stays reachable).
constexpr std::size_t kListenerRows = 6;

void draw_mode_line(const Workbench& bench) {
    const BusConfig& config = bench.config();
    std::string line = "Tauri " + std::string(to_string(config.mode)) + " · order " +
                       std::string(to_string(config.order));
    if (config.order == Order::Random) line += " (seed " + std::to_string(config.seed) + ")";
    ImGui::TextUnformatted(line.c_str());
    ImGui::SameLine();
    // Changing either resets the session, which the Session menu asks to confirm first.
    ImGui::TextDisabled("(change in the Session menu)");
    help_marker(
        "Mode: 2.0 is Tauri 2.0.x; stable is 2.1 and later (emit_to(label) reaches AnyLabel "
        "listeners, bad names in emit* return Err); next adds listeners purged with their window "
        "and the Rust once fix.\nOrder: how the handlers of one emit are ordered; Tauri keeps "
        "them in hash maps, so random (with a seed) exposes code that depends on it.\n"
        "Changing either resets the session after a confirmation.");
}

// The form, and the code it stands for: side by side when the panel is wide, else stacked.
// `between` (the live state the form changes, when there is one) goes right under the form, so
// it stays in view while the code can be folded away.
template <typename DrawForm, typename MakePreview, typename DrawBetween>
void form_with_code(UiContext& ui, const char* id, DrawForm draw_form, MakePreview make_preview,
                    DrawBetween between) {
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail >= ImGui::GetFontSize() * kSideBySideEms) {
        constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Resizable |
                                           ImGuiTableFlags_BordersInnerV |
                                           ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable(id, 2, kFlags)) {
            ImGui::TableSetupColumn("form", ImGuiTableColumnFlags_WidthStretch, 1.0F);
            ImGui::TableSetupColumn("code", ImGuiTableColumnFlags_WidthStretch, 1.1F);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            draw_form();
            ImGui::TableNextColumn();
            const float width = ImGui::GetContentRegionAvail().x;
            draw_code(ui, id, make_preview(code_columns(ui, width)));
            ImGui::EndTable();
        }
        between();
        return;
    }
    draw_form();
    between();
    ImGui::Spacing();
    if (ImGui::CollapsingHeader("Equivalent code", ImGuiTreeNodeFlags_DefaultOpen)) {
        draw_code(ui, id, make_preview(code_columns(ui, ImGui::GetContentRegionAvail().x)));
    }
}

void draw_code_block(UiContext& ui, const char* id, const char* title, const std::string& text) {
    ImGui::TextDisabled("%s", title);
    ImGui::SameLine();
    copy_button(id, text);
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float avail = ImGui::GetContentRegionAvail().x;
    // Room for every line, plus the horizontal scrollbar when a line is wider than the panel.
    float height = size.y + style.WindowPadding.y * 2;
    if (size.x + style.WindowPadding.x * 2 > avail) height += style.ScrollbarSize;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.06F, 0.07F, 0.09F, 1.0F));
    ImGui::BeginChild(id, ImVec2(0, height), ImGuiChildFlags_Borders,
                      ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(text.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (ui.mono != nullptr) ImGui::PopFont();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// shared by the two forms

void FormStatus::set(const OpResult& result, std::string success) {
    error = !result.ok;
    text = result.ok ? std::move(success) : (result.panic ? "panicked: " : "") + result.error;
}

void FormStatus::draw() const {
    if (text.empty()) return;
    ImGui::PushTextWrapPos(0.0F);
    if (error) {
        ImGui::TextColored(error_color(), "%s", text.c_str());
    } else {
        ImGui::TextColored(dim_color(), "%s", text.c_str());
    }
    ImGui::PopTextWrapPos();
}

void field_label(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(ImGui::GetFontSize() * kLabelEms);
}

std::size_t code_columns(const UiContext& ui, float width) {
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    const float glyph = ImGui::CalcTextSize("M").x;
    if (ui.mono != nullptr) ImGui::PopFont();
    const float padding = ImGui::GetStyle().WindowPadding.x * 2;
    const auto fit =
        static_cast<std::size_t>(std::max(0.0F, width - padding) / std::max(glyph, 1.0F));
    // Below 40 columns breaking lines stops helping; above 100 rustfmt would break them anyway.
    return std::clamp<std::size_t>(fit, 40, kPreviewWidth);
}

void draw_code(UiContext& ui, const char* id, const CodePreview& preview) {
    ImGui::PushID(id);
    draw_code_block(ui, "rust", "Rust", preview.rust);
    ImGui::Spacing();
    draw_code_block(ui, "ts", "TypeScript (@tauri-apps/api)", preview.ts);
    ImGui::PopID();
}

// ---------------------------------------------------------------------------------------------
// the panel

struct BackendPanel::State {
    EmitForm emit;
    ListenForm listen;
};

BackendPanel::BackendPanel() : state_(std::make_unique<State>()) {}
BackendPanel::~BackendPanel() = default;

void BackendPanel::draw(UiContext& ui) {
    UiContext::place(ui.layout.backend);
    if (!ImGui::Begin("Backend (Rust)")) {
        ImGui::End();
        return;
    }
    State& s = *state_;
    // The frame's snapshot of the bus (copied only when the bus changed), not a copy per frame.
    ui.live.refresh(ui.workbench);
    const std::vector<std::string>& labels = ui.live.labels();
    const std::vector<ListenerInfo>& rust = ui.live.rust_listeners();

    draw_mode_line(ui.workbench);
    if (ui.workbench.viewing_trace()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.98F, 0.75F, 0.30F, 1.0F));
        ImGui::TextWrapped(
            "live: emits and listeners here act on the live session, not on the trace being "
            "viewed");
        ImGui::PopStyleColor();
    }
    if (ImGui::BeginTabBar("backend-tabs")) {
        const bool emit_open = ImGui::BeginTabItem("Emit");
        ui.note_item("backend/tab/emit");
        if (emit_open) {
            form_with_code(
                ui, "emit-code", [&] { draw_emit_form(ui, s.emit, labels); },
                [&](std::size_t width) { return preview_emit(emit_call(s.emit), width); }, [] {});
            ImGui::EndTabItem();
        }
        // ### keeps the tab's id when its count changes.
        const std::string tab = "Rust listeners (" + std::to_string(rust.size()) + ")###listeners";
        const bool listen_open = ImGui::BeginTabItem(tab.c_str());
        ui.note_item("backend/tab/listen");
        if (listen_open) {
            form_with_code(
                ui, "listen-code", [&] { draw_listen_form(ui, s.listen, labels); },
                [&](std::size_t width) { return preview_listen(listen_call(s.listen), width); },
                [&] {
                    ImGui::Spacing();
                    draw_rust_listeners(ui, rust, kListenerRows);
                });
            ImGui::EndTabItem();
        }
        if (ui.stand_in) {
            const bool stand_in_open = ImGui::BeginTabItem("JavaScript backend");
            ui.note_item("backend/tab/stand-in");
            if (stand_in_open) {
                draw_stand_in(ui, ui.stand_in());
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

namespace {

const PanelRegistration kBackendPanel{{
    .name = "Backend (Rust)",
    .order = 20,
    .windows = {{.name = "Backend (Rust)", .slot = DockSlot::Backend, .in_front = true}},
    .focus_keys = "Ctrl+Shift+B",
    .focus_chord = ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_B,
    .make = &make_instance<BackendPanel>,
}};

}  // namespace

}  // namespace eventlab::ui
