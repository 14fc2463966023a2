// A simulated window's listener table and the feed of what its page received.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/log_rows.h"
#include "ui/window_state.h"

namespace eventlab::ui {
namespace {

constexpr std::size_t kFeedBudget = 50'000;  // records indexed per window per frame
constexpr std::size_t kFeedRows = 200;       // the newest ones are what a person reads
constexpr std::size_t kTooltipChars = 2'000;
constexpr int kTableRows = 5;  // more listeners scroll inside the table

ImVec4 leaked_color() { return {0.98F, 0.62F, 0.30F, 1.0F}; }

void mono_text(const UiContext& ui, const std::string& text) {
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono);
    ImGui::TextUnformatted(text.c_str());
    if (ui.mono != nullptr) ImGui::PopFont();
}

void payload_tooltip(const UiContext& ui, const std::string& payload) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0F);
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono);
    if (payload.size() > kTooltipChars) {
        const std::string head = one_line(payload, kTooltipChars);
        ImGui::TextUnformatted(head.c_str());
    } else {
        ImGui::TextUnformatted(payload.c_str());
    }
    if (ui.mono != nullptr) ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void draw_marks(const UiContext& ui, const SimWindow& w, const ListenerRow& row) {
    if (row.leaked) {
        ImGui::TextColored(leaked_color(), "leaked");
        ui.note_item("win/" + w.label + "/leaked/" + std::to_string(row.id));
        if (row.stale) ImGui::SameLine();
    }
    if (row.stale) {
        ImGui::TextColored(dim_color(), "stale");
        ui.note_item("win/" + w.label + "/stale/" + std::to_string(row.id));
    }
    if ((row.leaked || row.stale) && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", row.mark.c_str());
    }
}

// A skip of a listener the closed page left behind reads better as what it is than as
// "unlistened after the emit was queued".
bool is_stale(const SimWindow& w, EventId id) {
    return std::any_of(w.rows.begin(), w.rows.end(),
                       [id](const ListenerRow& r) { return r.id == id && r.stale; });
}

}  // namespace

void draw_code_line(UiContext& ui, const std::string& code) {
    ImGui::PushStyleColor(ImGuiCol_Text, dim_color());
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 3.5F +
                           ImGui::GetCursorPosX());
    mono_text(ui, code);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 3.0F);
    copy_button("code", code);
}

bool draw_listener_table(UiContext& ui, SimWindow& w) {
    if (w.rows.empty()) {
        ImGui::TextDisabled("No JS listeners in this page.");
        return false;
    }
    bool changed = false;
    const int columns = 6 + (w.any_once ? 1 : 0) + (w.any_mark ? 1 : 0);
    const int visible = std::min<int>(static_cast<int>(w.rows.size()), kTableRows);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_height = ImGui::GetTextLineHeight() + style.CellPadding.y * 2.0F;
    const ImVec2 outer(0.0F, row_height * static_cast<float>(visible + 1) + 2.0F);
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_BordersInnerV |
                                       ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("listeners", columns, kFlags, outer)) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("id");
    ImGui::TableSetupColumn("event");
    ImGui::TableSetupColumn("target");
    if (w.any_once) ImGui::TableSetupColumn("once");
    ImGui::TableSetupColumn("calls");
    ImGui::TableSetupColumn("last payload", ImGuiTableColumnFlags_WidthStretch);
    if (w.any_mark) ImGui::TableSetupColumn("marks");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoHeaderLabel);
    ImGui::TableHeadersRow();

    EventId unlisten_id = 0;
    bool unlisten = false;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(w.rows.size()), row_height);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ListenerRow& row = w.rows[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(row.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%u", row.id);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.event.c_str());
            if (!row.name.empty() && ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", row.name.c_str());
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.target.c_str());
            if (w.any_once) {
                ImGui::TableNextColumn();
                if (row.once) ImGui::TextUnformatted("once");
            }
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(row.calls));
            ImGui::TableNextColumn();
            if (row.last_payload) {
                mono_text(ui, one_line(*row.last_payload, 64));
                if (ImGui::IsItemHovered()) payload_tooltip(ui, *row.last_payload);
            } else {
                ImGui::TextDisabled("-");
            }
            if (w.any_mark) {
                ImGui::TableNextColumn();
                draw_marks(ui, w, row);
            }
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("unlisten")) {
                unlisten = true;
                unlisten_id = row.id;
            }
            ui.note_item("win/" + w.label + "/unlisten/" + std::to_string(row.id));
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (unlisten) {
        if (OpResult r = ui.bench.session().unlisten(unlisten_id); !r.ok) ui.notice(r.error);
        changed = true;
    }
    return changed;
}

void draw_feed(UiContext& ui, SimWindow& w) {
    const RecordLog& log = ui.bench.log();
    const bool caught_up = w.feed.update(log, kFeedBudget);
    const std::size_t total = w.feed.size();
    const std::size_t shown = std::min(total, kFeedRows);

    ImGui::TextUnformatted("Received");
    ImGui::SameLine();
    if (total > shown) {
        ImGui::TextDisabled("%zu (newest %zu shown)", total, shown);
    } else {
        ImGui::TextDisabled("%zu", total);
    }
    if (!caught_up) {
        ImGui::SameLine();
        ImGui::TextDisabled("indexing the log %.0f%%", w.feed.progress(log) * 100.0);
        ui.animating = true;  // keep drawing frames until the index has caught up
    }
    help_marker(
        "What this page's JS handlers received, newest first, with why each listener matched. "
        "A skip is a delivery the page dropped: the listener was unlistened after the emit was "
        "queued, or the window went away.");

    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height = std::max(ImGui::GetContentRegionAvail().y, line * 4.0F);
    ImGui::BeginChild("feed", ImVec2(0.0F, height), true);
    if (total == 0) {
        ImGui::TextDisabled("Nothing yet.");
    }
    const Symbols& symbols = ui.bench.session().recorder().symbols();
    const float item_height = line * 2.0F;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown), item_height);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const float top = ImGui::GetCursorPosY();
            const auto e = w.feed.entry(log, symbols, static_cast<std::size_t>(i));
            if (!e) {
                ImGui::TextDisabled("(dropped from the log)");
            } else {
                ImGui::PushID(i);
                ImGui::BeginGroup();
                ImGui::TextColored(dim_color(), "%s", format_time(e->t_us).c_str());
                ImGui::SameLine();
                const RecordType type = e->delivered ? RecordType::Deliver : RecordType::Skip;
                ImGui::TextColored(record_color(type), "%s", e->event.c_str());
                ImGui::SameLine();
                ImGui::TextDisabled("#%u", e->listener);
                if (e->payload) {
                    ImGui::SameLine();
                    mono_text(ui, one_line(*e->payload, 80));
                }
                ImGui::Indent();
                if (e->delivered) {
                    ImGui::TextColored(dim_color(), "%s", e->why.c_str());
                } else {
                    const bool stale = is_stale(w, e->listener);
                    ImGui::TextColored(record_color(RecordType::Skip), "skipped: %s",
                                       stale ? kStaleMark.data() : e->why.c_str());
                }
                ImGui::Unindent();
                ImGui::EndGroup();
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0F);
                    ImGui::Text("%s %s to listener #%u%s%s",
                                e->delivered ? "delivered" : "skipped", e->event.c_str(),
                                e->listener, e->listener_name.empty() ? "" : ": ",
                                e->listener_name.c_str());
                    ImGui::TextColored(dim_color(), "%s", e->why.c_str());
                    if (e->stale) ImGui::TextColored(dim_color(), "%s", kStaleMark.data());
                    ImGui::PopTextWrapPos();
                    if (e->payload) {
                        ImGui::Separator();
                        if (ui.mono != nullptr) ImGui::PushFont(ui.mono);
                        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0F);
                        ImGui::TextUnformatted(one_line(*e->payload, kTooltipChars).c_str());
                        ImGui::PopTextWrapPos();
                        if (ui.mono != nullptr) ImGui::PopFont();
                    }
                    ImGui::EndTooltip();
                }
                ImGui::PopID();
            }
            // Every entry takes exactly two lines, whatever the fonts, so the clipper's
            // arithmetic holds.
            ImGui::SetCursorPosY(top + item_height);
        }
    }
    ImGui::EndChild();
}

}  // namespace eventlab::ui
