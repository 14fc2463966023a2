// The route's colours and words for each way of matching, and the legend that names them.
#include <imgui.h>

#include <iterator>

#include "ui/route/route_state.h"
#include "ui/widgets.h"

namespace eventlab::ui {

ImU32 u32(ImVec4 c, float alpha) {
    c.w *= alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

const char* reason_word(MatchReason reason) {
    switch (reason) {
        case MatchReason::AnyListener:
            return "global";
        case MatchReason::NoFilter:
            return "plain emit";
        case MatchReason::AnyLabelAccepts:
        case MatchReason::AnyLabelToLabel:
        case MatchReason::KindToAnyLabel:
            return "label";
        case MatchReason::EqualTarget:
            return "equal target";
        case MatchReason::FilterAccepts:
            return "filter";
        case MatchReason::FilterLost:
            return "filter lost";
        default:
            return "got it";
    }
}

ImVec4 reason_color(MatchReason reason) {
    switch (reason) {
        case MatchReason::AnyListener:
            return {0.98F, 0.72F, 0.30F, 1.0F};
        case MatchReason::NoFilter:
            return {0.55F, 0.85F, 0.55F, 1.0F};
        case MatchReason::AnyLabelAccepts:
        case MatchReason::AnyLabelToLabel:
        case MatchReason::KindToAnyLabel:
            return {0.45F, 0.70F, 1.00F, 1.0F};
        case MatchReason::EqualTarget:
            return {0.40F, 0.88F, 0.92F, 1.0F};
        case MatchReason::FilterAccepts:
            return {0.78F, 0.62F, 0.98F, 1.0F};
        case MatchReason::FilterLost:
            return {1.00F, 0.45F, 0.45F, 1.0F};
        default:
            return dim_color();
    }
}

void draw_route_legend() {
    struct Entry {
        MatchReason reason;
        const char* label;
    };
    constexpr Entry kEntries[] = {{MatchReason::AnyListener, "global (Any)"},
                                  {MatchReason::NoFilter, "plain emit"},
                                  {MatchReason::AnyLabelAccepts, "label"},
                                  {MatchReason::EqualTarget, "equal target"},
                                  {MatchReason::FilterAccepts, "filter accepts"},
                                  {MatchReason::FilterLost, "filter lost (#15759)"}};
    const float em = ImGui::GetFontSize();
    const float right = content_right();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < std::size(kEntries); ++i) {
        const float w = em * 1.4F + ImGui::CalcTextSize(kEntries[i].label).x;
        if (i > 0) {
            ImGui::SameLine(0, em);
            if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = p.y + ImGui::GetTextLineHeight() * 0.5F;
        dl->AddLine({p.x, y}, {p.x + em, y}, u32(reason_color(kEntries[i].reason)), 3.0F);
        ImGui::Dummy(ImVec2(em * 1.2F, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, em * 0.2F);
        ImGui::TextDisabled("%s", kEntries[i].label);
    }
}

}  // namespace eventlab::ui
