// Replay against the live workspace: the viewed trace's emits are sent again into the live
// session — all at once, or keeping their relative timing at a chosen speed — and the Replay
// window shows per emit, side by side, who got it then (in the trace) and now (in the live
// log), with what only then had in red and what only now has in green.
#include <imgui.h>

#include <algorithm>
#include <limits>

#include "ui/log/log_state.h"
#include "ui/trace/trace_state.h"
#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

using Phase = ReplayView::Phase;

constexpr std::size_t kPumpBudget = 1'000'000;  // JS queue items run before comparing
constexpr double kSettleTimeout = 2.0;          // seconds to wait for a busy Rust handlers lock

ImVec4 then_color() {
    return {0.95F, 0.40F, 0.40F, 1.0F};
}
ImVec4 now_color() {
    return {0.45F, 0.90F, 0.45F, 1.0F};
}

void build_lines(ReplayView& r) {
    r.lines.clear();
    r.lines_differences = r.only_differences;
    if (!r.result) return;
    const ReplayResult& result = *r.result;
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        const ReplayRow& row = result.rows[i];
        if (r.only_differences && row.same) continue;
        r.lines.push_back({i, -2, -2});
        for (const ReplayLine& line : result.lines(row))
            r.lines.push_back({i, line.then, line.now});
    }
}

void compare(UiContext& ui, ReplayView& r) {
    r.result =
        r.replay->compare(ui.workbench.live_log(), ui.workbench.session().recorder().symbols());
    r.phase = Phase::Done;
    build_lines(r);
}

void draw_line(const ReplayView& r, const ReplayView::Line& line) {
    const ReplayResult& result = *r.result;
    const ReplayRow& row = result.rows[line.row];
    ImGui::TableNextRow();
    if (line.then == -2) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, group_tint());
        ImGui::TableNextColumn();
        ImGui::TextColored(record_color(RecordType::Emit), "emit #%u", row.then_emit);
        ImGui::SameLine();
        ImGui::TextUnformatted(row.call.c_str());
        if (ImGui::IsItemHovered() && !row.note.empty()) ImGui::SetTooltip("%s", row.note.c_str());
        ImGui::TableNextColumn();
        if (row.now_emit != 0) {
            ImGui::TextColored(row.same ? dim_color() : then_color(), "emit #%u  %s", row.now_emit,
                               row.same ? "same" : "differs");
        } else {
            ImGui::TextColored(error_color(), "not sent");
        }
        if (!row.note.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%s)", row.note.c_str());
        }
        return;
    }
    const bool both = line.then >= 0 && line.now >= 0;
    ImGui::TableNextColumn();
    if (line.then >= 0) {
        ImGui::TextColored(both ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : then_color(), "  %s",
                           result.names[static_cast<std::size_t>(line.then)].c_str());
    }
    ImGui::TableNextColumn();
    if (line.now >= 0) {
        ImGui::TextColored(both ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : now_color(), "  %s",
                           result.names[static_cast<std::size_t>(line.now)].c_str());
    }
    if (!both) {
        ImGui::TableSetBgColor(
            ImGuiTableBgTarget_RowBg1,
            ImGui::ColorConvertFloat4ToU32(line.now < 0 ? ImVec4(0.5F, 0.1F, 0.1F, 0.35F)
                                                        : ImVec4(0.1F, 0.45F, 0.1F, 0.35F)));
    }
}

}  // namespace

void start_replay(UiContext& ui, ReplayView& r) {
    const TraceData* trace = ui.workbench.trace();
    if (trace == nullptr) return;
    r.show = true;
    r.result.reset();
    r.lines.clear();
    r.trace = ui.workbench.trace_generation();
    r.session = ui.workbench.session_generation();
    r.recorded_in = trace->header.mode;
    r.replay = std::make_unique<Replay>(*trace);
    r.replay->start(ui.workbench.session(), ui.workbench.live_log());
    r.started = ImGui::GetTime();
    r.phase = Phase::Sending;
    if (!r.keep_timing) r.replay->send_all(ui.workbench.session());
    update_replay(ui, r);
}

void update_replay(UiContext& ui, ReplayView& r) {
    if (!r.replay || r.phase == Phase::Idle || r.phase == Phase::Done) return;
    const bool trace_gone = ui.workbench.trace_generation() != r.trace;
    if (trace_gone || ui.workbench.session_generation() != r.session) {
        // The Replay reads the trace the workbench holds and the log of the session it sent
        // into: once either is gone there is nothing left to compare.
        r.replay.reset();
        r.phase = Phase::Idle;
        ui.notice(trace_gone ? "Replay stopped: its trace was closed."
                             : "Replay stopped: the session was replaced.");
        return;
    }
    ui.animating = true;
    const double now = ImGui::GetTime();
    if (r.phase == Phase::Sending) {
        const double elapsed_us = (now - r.started) * kSpeeds[r.speed] * 1e6;
        r.replay->send_due(ui.workbench.session(), static_cast<std::int64_t>(elapsed_us));
        if (!r.replay->done()) return;
        r.phase = Phase::Settling;
        r.settling = now;
    }
    // JS handlers run on their webviews' loops: run them to empty, then read the live log.
    std::size_t budget = kPumpBudget;
    while (budget > 0) {
        const std::size_t ran = ui.workbench.pump(std::min<std::size_t>(budget, 4096));
        if (ran == 0) break;
        budget -= std::min(budget, ran);
    }
    const BusCounters counters = ui.workbench.session().counters();
    const bool idle = counters.queued_js == 0 && counters.pending_rust == 0;
    if (idle || now - r.settling > kSettleTimeout) compare(ui, r);
}

void draw_replay(UiContext& ui, ReplayView& r) {
    if (!r.show) return;
    const Layout& l = ui.layout;
    if (ui.dock.active()) {
        DockSlots::dock_next(ui.dock.route);  // a tab over the Route view
    } else if (l.route.size.x > 0 && l.backend.size.y > 0) {
        // Over the Backend and Route panels, ending above the Timeline so both stay usable.
        const float height =
            std::max(l.backend.size.y * 0.5F, l.backend.size.y - timeline_height() - 4.0F);
        UiContext::place(
            {l.backend.pos, {l.route.pos.x + l.route.size.x - l.backend.pos.x, height}});
    } else {
        UiContext::place({{40, 40}, {1000, 600}});
    }
    if (!ImGui::Begin("Replay", &r.show)) {
        ImGui::End();
        return;
    }
    const bool busy = r.phase == Phase::Sending || r.phase == Phase::Settling;
    ImGui::BeginDisabled(busy);
    ImGui::Checkbox("keep timing", &r.keep_timing);
    ImGui::EndDisabled();
    help_marker(
        "Off: every emit at once. On: the emits go out at the trace's pace (its t_us) times the "
        "speed, frame by frame, so periodic senders and timing-dependent handlers see them as "
        "they came.");
    if (r.keep_timing) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5F);
        ImGui::BeginDisabled(busy);
        ImGui::Combo("speed##replay", &r.speed, kSpeedNames, kSpeedCount);
        ImGui::EndDisabled();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(busy || !ui.workbench.viewing_trace());
    if (ImGui::Button("Replay again")) start_replay(ui, r);
    ImGui::EndDisabled();
    ui.note_item("trace/replay/again");
    ImGui::SameLine();
    if (ImGui::Checkbox("only differences", &r.only_differences)) build_lines(r);
    ImGui::TextDisabled("Tauri %s now; the trace was recorded in %s.",
                        std::string(to_string(ui.workbench.config().mode)).c_str(),
                        std::string(to_string(r.recorded_in)).c_str());

    if (busy && r.replay) {
        const float done = r.replay->size() == 0 ? 1.0F
                                                 : static_cast<float>(r.replay->sent()) /
                                                       static_cast<float>(r.replay->size());
        const std::string label = std::to_string(r.replay->sent()) + " of " +
                                  std::to_string(r.replay->size()) + " emits sent";
        ImGui::ProgressBar(done, ImVec2(-1, 0), label.c_str());
    }
    if (r.result) {
        const ReplayResult& result = *r.result;
        const bool all_same = result.same == result.rows.size();
        ImGui::TextColored(all_same ? now_color() : then_color(), "%s", result.summary().c_str());
        ui.note_item("trace/replay/summary");
        if (result.sent < result.rows.size()) {
            ImGui::SameLine();
            ImGui::TextColored(error_color(), "(%zu not sent: see their notes)",
                               result.rows.size() - result.sent);
        }
        constexpr ImGuiTableFlags kFlags =
            ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
        if (ImGui::BeginTable("replay", 2, kFlags, ImGui::GetContentRegionAvail())) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("then (the trace)");
            ImGui::TableSetupColumn("now (the live session)");
            ImGui::TableHeadersRow();
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(r.lines.size()));
            while (clipper.Step()) {
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
                    draw_line(r, r.lines[static_cast<std::size_t>(i)]);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

}  // namespace eventlab::ui
