// The route drawing: the emitter on the left, one node per window (and the Rust backend) on the
// right holding a box per listener of the event; an arrow, colored by why it matched, to each
// listener that got the emit; dimmed boxes, with the reason on hover, for those that did not.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/log_rows.h"
#include "ui/log_state.h"
#include "ui/route_state.h"
#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

using Outcome = RouteListener::Outcome;

struct Metrics {
    float em = 0;
    float line = 0;  // text line height
    float pad = 0;
    float row = 0;  // one listener box
    float gap = 0;  // between nodes
};

ImU32 u32(ImVec4 c, float alpha = 1.0F) {
    c.w *= alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

ImVec2 cubic(ImVec2 p0, ImVec2 p1, ImVec2 p2, ImVec2 p3, float t) {
    const float u = 1 - t;
    const float a = u * u * u;
    const float b = 3 * u * u * t;
    const float c = 3 * u * t * t;
    const float d = t * t * t;
    return {a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y};
}

// A curved arrow; with 0 <= travel <= 1 a dot runs along it (a live emit on its way).
void draw_arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 color, float head, float travel) {
    const ImVec2 end{to.x - head, to.y};
    const float dx = std::max(head * 2, (end.x - from.x) * 0.5F);
    const ImVec2 c1{from.x + dx, from.y};
    const ImVec2 c2{end.x - dx, end.y};
    dl->AddBezierCubic(from, c1, c2, end, color, 2.0F);
    dl->AddTriangleFilled({end.x, to.y - head * 0.55F}, {end.x, to.y + head * 0.55F}, to, color);
    if (travel >= 0.0F && travel <= 1.0F) {
        dl->AddCircleFilled(cubic(from, c1, c2, end, travel), head * 0.45F,
                            IM_COL32(255, 255, 255, 230));
    }
}

// A got-it box names how it matched (the arrow's color says the same); the others what
// became of them.
const char* outcome_tag(const RouteListener& l) {
    if (l.stale) return "stale";
    switch (l.outcome) {
        case Outcome::Got:
            return reason_word(l.reason);
        case Outcome::Skipped:
            return "skipped";
        case Outcome::Missed:
            return "not reached";
        case Outcome::Late:
            return "too late";
        case Outcome::Queued:
            return "queued";
        case Outcome::Unseen:
            return "no record";
    }
    return "";
}

std::string listener_label(const RouteListener& l) {
    std::string out = "id " + std::to_string(l.id);
    out += l.name.empty() ? (l.side == Side::Js ? "  (js)" : "  (rust)") : "  " + l.name;
    return out;
}

void listener_tooltip(const RouteListener& l) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::Text("%s", listener_label(l).c_str());
    ImGui::TextDisabled("%s listener, target %s", std::string(to_string(l.side)).c_str(),
                        describe(l.target).c_str());
    const bool got = l.outcome == Outcome::Got;
    ImGui::TextColored(got ? reason_color(l.reason) : lost_color(), "%s",
                       got ? "got it" : outcome_tag(l));
    ImGui::TextWrapped("%s", l.words.c_str());
    if (l.stale) {
        ImGui::TextColored(error_color(), "stale: its component unmounted or its window is gone");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

float node_height(const RouteNode& n, const Metrics& m) {
    const std::size_t rows = std::max<std::size_t>(1, n.got.size() + n.not_got.size());
    return m.line + m.pad * 2 + static_cast<float>(rows) * (m.row + m.pad);
}

void draw_emitter(const RouteView& v, ImDrawList* dl, ImVec2 min, ImVec2 max, const Metrics& m) {
    const Route& r = v.route;
    dl->AddRectFilled(min, max, u32(ImVec4(0.20F, 0.18F, 0.12F, 1)), m.pad);
    dl->AddRect(min, max, u32(record_color(RecordType::Emit)), m.pad, 0, 1.5F);
    dl->PushClipRect(min, max, true);
    ImVec2 at{min.x + m.pad * 1.5F, min.y + m.pad};
    auto line = [&](ImU32 color, const std::string& text) {
        dl->AddText(at, color, text.c_str());
        at.y += m.line;
    };
    line(u32(record_color(RecordType::Emit)), "emit #" + std::to_string(r.emit));
    line(ImGui::GetColorU32(ImGuiCol_Text), r.event.empty() ? "\"\"" : r.event);
    line(u32(dim_color()), "from " + r.from);
    line(u32(dim_color()), r.call);
    if (r.fate == EmitFate::Lost) {
        line(u32(lost_color()), "lost: nothing listened");
    } else if (r.fate == EmitFate::Pending) {
        line(u32(dim_color()), "waiting for deliveries");
    } else {
        std::string text = std::to_string(r.delivered) + " delivered";
        if (r.skipped > 0) text += ", " + std::to_string(r.skipped) + " skipped";
        line(ImGui::GetColorU32(ImGuiCol_Text), text);
    }
    if (r.deferred && r.filter.kind != EmitFilter::Kind::None) {
        line(u32(lost_color()), "queued: Rust saw no filter (#15759)");
    }
    dl->PopClipRect();
}

// One listener box inside a node; returns the point an arrow ends at.
ImVec2 draw_listener(UiContext& ui, const RouteListener& l, ImVec2 min, float width,
                     const Metrics& m, ImDrawList* dl) {
    const ImVec2 max{min.x + width, min.y + m.row};
    const bool got = l.outcome == Outcome::Got;
    const float alpha = got ? 1.0F : 0.45F;
    const ImU32 border = got ? u32(reason_color(l.reason)) : u32(dim_color(), 0.7F);
    dl->AddRectFilled(min, max, u32(ImVec4(0.16F, 0.17F, 0.20F, 1), alpha), m.pad * 0.6F);
    dl->AddRect(min, max, border, m.pad * 0.6F, 0, got ? 1.5F : 1.0F);
    const ImVec2 dot{min.x + m.pad * 1.6F, (min.y + max.y) * 0.5F};
    if (got) {
        dl->AddCircleFilled(dot, m.em * 0.22F, border);
    } else {
        dl->AddCircle(dot, m.em * 0.22F, border);
    }
    const char* tag = outcome_tag(l);
    const float tag_w = ImGui::CalcTextSize(tag).x;
    const float text_y = min.y + (m.row - m.line) * 0.5F;
    const bool room_for_tag = width > tag_w + m.em * 8;
    const float text_right = room_for_tag ? max.x - tag_w - m.pad * 2 : max.x - m.pad;
    dl->PushClipRect(min, {text_right, max.y}, true);
    const ImU32 text = got ? ImGui::GetColorU32(ImGuiCol_Text) : u32(dim_color());
    dl->AddText({min.x + m.pad * 3, text_y}, text, listener_label(l).c_str());
    dl->PopClipRect();
    if (room_for_tag) {
        const ImU32 tag_color = l.stale
                                    ? u32(error_color())
                                    : (got ? u32(reason_color(l.reason)) : u32(lost_color(), 0.8F));
        dl->AddText({max.x - tag_w - m.pad, text_y}, tag_color, tag);
    }
    ImGui::SetCursorScreenPos(min);
    ImGui::PushID(static_cast<int>(l.id));
    ImGui::InvisibleButton("##listener", ImVec2(width, m.row));
    ImGui::PopID();
    ui.note_item("route/listener/" + std::to_string(l.id));
    if (ImGui::IsItemHovered()) listener_tooltip(l);
    return {min.x, (min.y + max.y) * 0.5F};
}

}  // namespace

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
    const float right = ImGui::GetWindowContentRegionMax().x;
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

void draw_route_graph(RouteView& v, UiContext& ui, ImVec2 size) {
    ImGui::BeginChild("##route-graph", size, false);
    const Route& route = v.route;
    if (!route.found) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled(
            "No emit to show yet. Emit from the Backend panel or a window: the route of the "
            "newest emit (or of the one selected in the log) shows here: who got it, colored by "
            "why, and who did not, with the reason on hover.");
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        return;
    }
    Metrics m;
    m.em = ImGui::GetFontSize();
    m.line = ImGui::GetTextLineHeight();
    m.pad = m.em * 0.35F;
    m.row = m.line + m.pad * 1.6F;
    m.gap = m.em * 0.6F;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float visible = ImGui::GetContentRegionAvail().y;
    const float emitter_w = std::clamp(width * 0.34F, m.em * 9, m.em * 15);
    const float node_x = origin.x + emitter_w + std::max(m.em * 3.5F, width * 0.12F);
    const float node_w = std::max(m.em * 6, origin.x + width - node_x - 2);

    float total = 0;
    for (const RouteNode& n : route.nodes)
        total += node_height(n, m) + m.gap;
    const int emitter_lines = route.deferred && route.filter.kind != EmitFilter::Kind::None ? 6 : 5;
    const float emitter_h = static_cast<float>(emitter_lines) * m.line + m.pad * 2;
    const float emitter_y =
        origin.y + std::max(0.0F, (std::min(total, visible) - emitter_h) * 0.5F);
    const ImVec2 emitter_min{origin.x + 1, emitter_y};
    const ImVec2 emitter_max{origin.x + emitter_w, emitter_y + emitter_h};
    draw_emitter(v, dl, emitter_min, emitter_max, m);
    const ImVec2 source{emitter_max.x, (emitter_min.y + emitter_max.y) * 0.5F};

    const bool live = v.age_seconds >= 0 && v.age_seconds < kLiveEmitSeconds;
    if (live) ui.animating = true;
    const float travel = live ? static_cast<float>(v.age_seconds / kArrowTravelSeconds) : -1.0F;

    float y = origin.y;
    for (const RouteNode& n : route.nodes) {
        const float h = node_height(n, m);
        const ImVec2 min{node_x, y};
        const ImVec2 max{node_x + node_w, y + h};
        const bool reached = !n.got.empty();
        dl->AddRect(min, max,
                    reached ? u32(ImVec4(0.75F, 0.78F, 0.85F, 1)) : u32(dim_color(), 0.5F), m.pad,
                    0, reached ? 1.5F : 1.0F);
        std::string title = n.title;
        if (!n.alive) title += " (closed)";
        dl->AddText({min.x + m.pad * 1.5F, min.y + m.pad},
                    reached ? ImGui::GetColorU32(ImGuiCol_Text) : u32(dim_color()), title.c_str());
        // The title is a button: it filters the log to this event's deliveries here.
        ImGui::SetCursorScreenPos(min);
        const std::string id = n.rust ? "rust" : n.label;
        ImGui::InvisibleButton(("##node-" + id).c_str(), ImVec2(node_w, m.line + m.pad * 2));
        ui.note_item("route/node/" + id);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s: %zu got it, %zu did not\nclick: its deliveries in the log",
                              n.title.c_str(), n.got.size(), n.not_got.size());
        }
        if (ImGui::IsItemClicked()) {
            ui.log_filter_request = delivery_key(route.event, n.rust ? "rust" : "js:" + n.label);
        }
        float row_y = min.y + m.line + m.pad * 2;
        const float row_x = min.x + m.pad * 1.5F;
        const float row_w = node_w - m.pad * 3;
        for (const RouteListener& l : n.got) {
            const ImVec2 to = draw_listener(ui, l, {row_x, row_y}, row_w, m, dl);
            draw_arrow(dl, source, to, u32(reason_color(l.reason)), m.em * 0.5F, travel);
            row_y += m.row + m.pad;
        }
        for (const RouteListener& l : n.not_got) {
            draw_listener(ui, l, {row_x, row_y}, row_w, m, dl);
            row_y += m.row + m.pad;
        }
        if (n.got.empty() && n.not_got.empty()) {
            dl->AddText({row_x + m.pad, row_y + (m.row - m.line) * 0.5F}, u32(dim_color(), 0.8F),
                        ("no listener of " + route.event).c_str());
        }
        y += h + m.gap;
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, std::max(total, emitter_h)));
    ImGui::EndChild();
}

}  // namespace eventlab::ui
