#include "ui/widgets.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <array>

#include "core/util/json_io.h"
#include "core/util/utf8.h"

namespace eventlab::ui {

float content_right() {
    return ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
}

namespace {

constexpr std::array<const char*, 6> kKinds = {"Any",    "AnyLabel", "App",
                                               "Window", "Webview",  "WebviewWindow"};

}  // namespace

bool EventNameField::draw(const char* label, Mode mode, NameCall call, const char* js_command) {
    ImGui::InputText(label, &text);
    const auto bad = check_event_name(text, mode, call, js_command);
    error = bad ? bad->message : std::string();
    if (bad) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextColored(error_color(), "%s%s", bad->panic ? "panics: " : "", error.c_str());
        ImGui::PopTextWrapPos();
    }
    return !bad;
}

JsonField::JsonField(std::string initial) {
    set(std::move(initial));
}

void JsonField::set(std::string new_text) {
    text = std::move(new_text);
    std::string why;
    value = parse_json_text(text, "payload", why);
    error = value ? std::string() : why;
}

bool JsonField::draw(const char* label, float lines, ImFont* mono) {
    if (mono != nullptr) ImGui::PushFont(mono, 0.0F);
    const float height = ImGui::GetTextLineHeight() * lines + ImGui::GetStyle().FramePadding.y * 2;
    const bool changed = ImGui::InputTextMultiline(label, &text, ImVec2(-1.0F, height));
    if (mono != nullptr) ImGui::PopFont();
    if (changed) set(text);
    if (!error.empty()) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextColored(error_color(), "%s", error.c_str());
        ImGui::PopTextWrapPos();
    }
    return changed;
}

void TargetPicker::draw(const char* id, const std::vector<std::string>& labels) {
    ImGui::PushID(id);
    const char* choices[] = {"no target", "a label", "a kind"};
    int choice_index = static_cast<int>(choice) - (allow_none ? 0 : 1);
    const int first = allow_none ? 0 : 1;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::Combo("##choice", &choice_index, choices + first, 3 - first)) {
        choice = static_cast<Choice>(choice_index + first);
    }
    if (choice == Choice::Kind) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        ImGui::Combo("##kind", &kind, kKinds.data(), static_cast<int>(kKinds.size()));
    }
    const bool needs_label = choice == Choice::Label ||
                             (choice == Choice::Kind &&
                              EventTarget{static_cast<EventTarget::Kind>(kind), {}}.has_label());
    if (needs_label) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::InputText("##label", &label);
        ImGui::SameLine();
        if (ImGui::BeginCombo("##labels", nullptr, ImGuiComboFlags_NoPreview)) {
            for (const auto& l : labels) {
                if (ImGui::Selectable(l.c_str(), l == label)) label = l;
            }
            ImGui::EndCombo();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("open windows (a target may name none)");
    }
    ImGui::PopID();
}

std::optional<EventTarget> TargetPicker::target() const {
    switch (choice) {
        case Choice::None:
            return std::nullopt;
        case Choice::Label:
            return EventTarget::any_label(label);
        case Choice::Kind: {
            EventTarget t{static_cast<EventTarget::Kind>(kind), {}};
            if (t.has_label()) t.label = label;
            return t;
        }
    }
    return std::nullopt;
}

std::string TargetPicker::describe() const {
    const auto t = target();
    return t ? eventlab::describe(*t) : "no target";
}

bool begin_progress_window(const char* title) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5F, 0.5F));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0));
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoCollapse |
                                        ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_AlwaysAutoResize;
    return ImGui::Begin(title, nullptr, kFlags);
}

bool cancel_modal_button() {
    const bool cancel = ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape);
    if (cancel) ImGui::CloseCurrentPopup();
    return cancel;
}

void help_marker(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0F);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void copy_button(const char* id, const std::string& text) {
    ImGui::PushID(id);
    if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(text.c_str());
    ImGui::PopID();
}

std::string one_line(std::string_view text, std::size_t max_chars) {
    const std::size_t cut = utf8::offset_of(text, max_chars);
    std::string out(text.substr(0, cut));
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    if (cut < text.size()) out += "\u2026";
    return out;
}

ImVec4 record_color(RecordType type) {
    switch (type) {
        case RecordType::Emit:
            return {0.98F, 0.80F, 0.35F, 1.0F};
        case RecordType::Deliver:
            return {0.55F, 0.85F, 0.55F, 1.0F};
        case RecordType::Skip:
            return {0.75F, 0.60F, 0.85F, 1.0F};
        case RecordType::Listen:
        case RecordType::Unlisten:
            return {0.55F, 0.75F, 0.98F, 1.0F};
        case RecordType::Window:
            return {0.40F, 0.85F, 0.90F, 1.0F};
        case RecordType::Invoke:
            return {0.95F, 0.65F, 0.45F, 1.0F};
        case RecordType::Mount:
        case RecordType::Unmount:
            return {0.80F, 0.80F, 0.60F, 1.0F};
        case RecordType::Error:
            return error_color();
        case RecordType::Expect:
            return {0.85F, 0.85F, 0.85F, 1.0F};
    }
    return {1, 1, 1, 1};
}

ImVec4 error_color() {
    return {1.0F, 0.42F, 0.40F, 1.0F};
}
ImVec4 dim_color() {
    return {0.55F, 0.55F, 0.58F, 1.0F};
}

}  // namespace eventlab::ui
