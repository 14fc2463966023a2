// The route drawing: the emitter on the left, one node per window (and the Rust backend) on the
// right holding a box per listener of the event; an arrow, colored by why it matched, to each
// listener that got the emit; dimmed boxes, with the reason on hover, for those that did not.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/log/log_state.h"
#include "ui/route/route_state.h"
#include "ui/widgets.h"
#include "view/log/log_rows.h"
#include "view/windows/window_grid.h"

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

struct NodeFrame {
    UiContext& ui;
    const Route& route;
    const Metrics& m;
    ImDrawList* dl;
    ImVec2 source;  // where arrows start
    float x = 0;
    float width = 0;
    float travel = -1.0F;
};

// The node's title is a button: it filters the log to this event's deliveries in it.
void node_button(const NodeFrame& f, const RouteNode& n, ImVec2 min, float height) {
    ImGui::SetCursorScreenPos(min);
    const std::string id = n.rust ? "rust" : n.label;
    ImGui::InvisibleButton(("##node-" + id).c_str(), ImVec2(f.width, height));
    f.ui.note_item("route/node/" + id);
    if (ImGui::IsItemClicked()) {
        f.ui.log_filter_request = delivery_key(f.route.event, n.rust ? "rust" : "js:" + n.label);
    }
}

void draw_full_node(const NodeFrame& f, const RouteNode& n, float y) {
    const Metrics& m = f.m;
    const ImVec2 min{f.x, y};
    const ImVec2 max{f.x + f.width, y + node_height(n, m)};
    const bool reached = !n.got.empty();
    f.dl->AddRect(min, max, reached ? u32(ImVec4(0.75F, 0.78F, 0.85F, 1)) : u32(dim_color(), 0.5F),
                  m.pad, 0, reached ? 1.5F : 1.0F);
    std::string title = n.title;
    if (!n.alive) title += " (closed)";
    f.dl->AddText({min.x + m.pad * 1.5F, min.y + m.pad},
                  reached ? ImGui::GetColorU32(ImGuiCol_Text) : u32(dim_color()), title.c_str());
    node_button(f, n, min, m.line + m.pad * 2);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s: %zu got it, %zu did not\nclick: its deliveries in the log",
                          n.title.c_str(), n.got.size(), n.not_got.size());
    }
    float row_y = min.y + m.line + m.pad * 2;
    const float row_x = min.x + m.pad * 1.5F;
    const float row_w = f.width - m.pad * 3;
    for (const RouteListener& l : n.got) {
        const ImVec2 to = draw_listener(f.ui, l, {row_x, row_y}, row_w, m, f.dl);
        draw_arrow(f.dl, f.source, to, u32(reason_color(l.reason)), m.em * 0.5F, f.travel);
        row_y += m.row + m.pad;
    }
    for (const RouteListener& l : n.not_got) {
        draw_listener(f.ui, l, {row_x, row_y}, row_w, m, f.dl);
        row_y += m.row + m.pad;
    }
    if (n.got.empty() && n.not_got.empty()) {
        f.dl->AddText({row_x + m.pad, row_y + (m.row - m.line) * 0.5F}, u32(dim_color(), 0.8F),
                      ("no listener of " + f.route.event).c_str());
    }
}

// Who got it and why, listener by listener: the compact node's hover.
void node_tooltip(const RouteNode& n) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
    ImGui::TextUnformatted(node_summary(n).c_str());
    for (const RouteListener& l : n.got) {
        ImGui::TextColored(reason_color(l.reason), "%s", listener_label(l).c_str());
        ImGui::TextWrapped("  %s", l.words.c_str());
    }
    for (const RouteListener& l : n.not_got) {
        ImGui::TextColored(lost_color(), "%s (%s)", listener_label(l).c_str(), outcome_tag(l));
        ImGui::TextWrapped("  %s", l.words.c_str());
    }
    ImGui::TextDisabled("click: its deliveries in the log");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// One line for a window: its name and counts; one arrow, in the colour of its first match.
void draw_compact_node(const NodeFrame& f, const RouteNode& n, float y) {
    const Metrics& m = f.m;
    const ImVec2 min{f.x, y};
    const ImVec2 max{f.x + f.width, y + m.row};
    const bool reached = !n.got.empty();
    const ImU32 border = reached ? u32(reason_color(n.got.front().reason)) : u32(dim_color(), 0.5F);
    f.dl->AddRect(min, max, border, m.pad * 0.6F, 0, reached ? 1.5F : 1.0F);
    f.dl->PushClipRect(min, max, true);
    f.dl->AddText({min.x + m.pad * 1.5F, min.y + (m.row - m.line) * 0.5F},
                  reached ? ImGui::GetColorU32(ImGuiCol_Text) : u32(dim_color()),
                  node_summary(n).c_str());
    f.dl->PopClipRect();
    if (reached) {
        draw_arrow(f.dl, f.source, {min.x, (min.y + max.y) * 0.5F}, border, m.em * 0.5F, f.travel);
    }
    node_button(f, n, min, m.row);
    if (ImGui::IsItemHovered()) node_tooltip(n);
}

}  // namespace

void draw_route_graph(RouteView& v, UiContext& ui, ImVec2 size) {
    ImGui::BeginChild("##route-graph", size, ImGuiChildFlags_None);
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

    const std::vector<std::size_t> shown = route_nodes_shown(route, v.window_filter);
    float total = 0;
    for (std::size_t i : shown)
        total += node_height(route.nodes[i], m) + m.gap;
    // Past a screenful, a window is one line (hover it for the why): 200 windows read as a
    // list, and a listener box per window would only be scrolled past.
    const bool compact = total > visible && shown.size() > kStackedWindows + 1;
    if (compact) total = static_cast<float>(shown.size()) * (m.row + m.pad);
    const int emitter_lines = route.deferred && route.filter.kind != EmitFilter::Kind::None ? 6 : 5;
    const float emitter_h = static_cast<float>(emitter_lines) * m.line + m.pad * 2;
    const float emitter_y =
        origin.y + std::max(0.0F, (std::min(total, visible) - emitter_h) * 0.5F);
    const ImVec2 emitter_min{origin.x + 1, emitter_y};
    const ImVec2 emitter_max{origin.x + emitter_w, emitter_y + emitter_h};
    draw_emitter(v, dl, emitter_min, emitter_max, m);

    const bool live = v.age_seconds >= 0 && v.age_seconds < kLiveEmitSeconds;
    if (live) ui.animating = true;
    NodeFrame f{ui, route, m, dl, {emitter_max.x, (emitter_min.y + emitter_max.y) * 0.5F}};
    f.x = node_x;
    f.width = node_w;
    f.travel = live ? static_cast<float>(v.age_seconds / kArrowTravelSeconds) : -1.0F;

    // Only the nodes in the scrolled view are drawn.
    const float view_top = ImGui::GetWindowPos().y;  // the child's visible part, on screen
    const float view_bottom = view_top + ImGui::GetWindowHeight();
    float y = origin.y;
    for (std::size_t i : shown) {
        const RouteNode& n = route.nodes[i];
        const float h = compact ? m.row : node_height(n, m);
        if (y + h >= view_top && y <= view_bottom) {
            if (compact) {
                draw_compact_node(f, n, y);
            } else {
                draw_full_node(f, n, y);
            }
        }
        y += h + (compact ? m.pad : m.gap);
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, std::max(total, emitter_h)));
    ImGui::EndChild();
}

}  // namespace eventlab::ui
