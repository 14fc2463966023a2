#include "ui/demo/demo_view.h"

#include <algorithm>
#include <string>

#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

constexpr float kSentenceScale = 1.45F;  // the default font is 16 px; ~23 px reads from afar
// The code is drawn as large as the box allows, within these bounds: big on a projector, and
// still whole (no sideways scrolling) in a small window.
constexpr float kCodeMinScale = 0.85F;
constexpr float kCodeMaxScale = 1.3F;

ImU32 highlight_fill() {
    return IM_COL32(200, 160, 40, 70);
}
ImU32 highlight_bar() {
    return IM_COL32(245, 195, 60, 255);
}
ImVec4 pass_color() {
    return {0.45F, 0.85F, 0.45F, 1.0F};
}

}  // namespace

void draw_demo_sentence(const DemoFrame& frame) {
    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * kSentenceScale);
    ImGui::PushTextWrapPos(0.0F);
    ImGui::TextUnformatted(frame.sentence.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
}

void draw_demo_outcome(const DemoFrame& frame) {
    if (!frame.outcome) return;
    ImGui::PushTextWrapPos(0.0F);
    if (frame.outcome->ok) {
        ImGui::TextColored(pass_color(), "expect %s", frame.outcome->message.c_str());
    } else {
        ImGui::TextColored(error_color(), "expect FAILED: %s", frame.outcome->message.c_str());
    }
    ImGui::PopTextWrapPos();
}

void draw_demo_code(const UiContext& ui, const StepCode& code, bool show_highlight, float height,
                    bool scroll_to_highlight) {
    ImGui::TextDisabled("%s", code.lang == StepCode::Lang::Rust ? "Rust" : "TypeScript");
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(18, 20, 26, 255));
    ImGui::BeginChild("##code", {0.0F, height}, ImGuiChildFlags_Borders,
                      ImGuiWindowFlags_HorizontalScrollbar);
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    const std::vector<CodeLine> lines = code_lines(code, show_highlight);
    float widest = 0.0F;
    for (const CodeLine& line : lines) {
        widest = std::max(
            widest, ImGui::CalcTextSize(line.text.data(), line.text.data() + line.text.size()).x);
    }
    const float need = widest + ImGui::CalcTextSize("000 ").x + ImGui::GetStyle().ScrollbarSize;
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float tall = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(lines.size());
    const float fit =
        std::min(need > 0.0F ? room.x / need : 1.0F, tall > 0.0F ? room.y / tall : 1.0F);
    ImGui::PushFont(nullptr,
                    ImGui::GetStyle().FontSizeBase * std::clamp(fit, kCodeMinScale, kCodeMaxScale));
    // Measured after the scale is set: the gutter and the bands grow with the text.
    const float line_height = ImGui::GetTextLineHeightWithSpacing();
    const float gap = ImGui::CalcTextSize("  ").x;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float left = ImGui::GetWindowPos().x;
    const float right = left + ImGui::GetWindowWidth();
    bool scrolled = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (lines[i].highlighted) {
            // A filled band and a bar in the margin: visible on a washed-out projector too.
            draw->AddRectFilled({left, at.y - 1.0F}, {right, at.y + line_height - 1.0F},
                                highlight_fill());
            draw->AddRectFilled({left, at.y - 1.0F}, {left + 4.0F, at.y + line_height - 1.0F},
                                highlight_bar());
            if (!scrolled && scroll_to_highlight) {
                ImGui::SetScrollHereY(0.3F);
                scrolled = true;
            }
        }
        ImGui::TextColored(dim_color(), "%3zu", i + 1);
        ImGui::SameLine(0.0F, gap);  // "%3zu" in the monospace font: the code stays aligned
        const std::string text(lines[i].text);
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::PopFont();
    if (ui.mono != nullptr) ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace eventlab::ui
