// A simulated window's listener table and the feed of what its page received.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>

#include "core/util/utf8.h"
#include "ui/windows/window_state.h"
#include "view/log/log_rows.h"

namespace eventlab::ui {
namespace {

constexpr std::size_t kFeedBudget = 50'000;  // records indexed per window per frame
constexpr std::size_t kFeedRows = 200;       // the newest ones are what a person reads
constexpr std::size_t kTooltipChars = 2'000;
constexpr int kTableRows = 3;  // more listeners scroll inside the table
// A 100 KB payload in an emit call would bury the form; the Copy button still has all of it.
constexpr std::size_t kCodeChars = 600;

ImVec4 leaked_color() {
    return {0.98F, 0.62F, 0.30F, 1.0F};
}

void mono_text(const UiContext& ui, const std::string& text) {
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    ImGui::TextUnformatted(text.c_str());
    if (ui.mono != nullptr) ImGui::PopFont();
}

void payload_tooltip(const UiContext& ui, const std::string& payload) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0F);
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
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
    if (row.mark.empty()) return;
    const std::string id = std::to_string(row.id);
    ImGui::TextColored(row.leaked ? leaked_color() : dim_color(), "%s", row.mark.c_str());
    if (row.leaked) ui.note_item("win/" + w.label + "/leaked/" + id);
    if (row.stale) ui.note_item("win/" + w.label + "/stale/" + id);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.mark.c_str());
}

// A skip of a listener the closed page left behind reads better as what it is than as
// "unlistened after the emit was queued".
bool is_stale(const SimWindow& w, EventId id) {
    return std::any_of(w.rows.begin(), w.rows.end(),
                       [id](const ListenerRow& r) { return r.id == id && r.stale; });
}

}  // namespace

std::size_t code_columns(const UiContext& ui) {
    ImFont* font = ui.mono != nullptr ? ui.mono : ImGui::GetFont();
    const float glyph = font->CalcTextSizeA(font->LegacySize, FLT_MAX, 0.0F, "M").x;
    const float width = ImGui::GetContentRegionAvail().x;
    return glyph > 0.0F ? static_cast<std::size_t>(std::max(width / glyph, 20.0F)) : 60;
}

void copy_code_button(const std::string& code) {
    const float width = ImGui::CalcTextSize("copy TS").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(content_right() - width);
    if (ImGui::SmallButton("copy TS")) ImGui::SetClipboardText(code.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy the TypeScript below");
}

void draw_code(const UiContext& ui, const std::string& code) {
    ImGui::PushStyleColor(ImGuiCol_Text, dim_color());
    ImGui::PushTextWrapPos(0.0F);  // a single argument longer than the line still wraps
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    if (code.size() > kCodeChars) {
        const std::string_view cut = utf8::prefix_bytes(code, kCodeChars);
        ImGui::TextUnformatted(cut.data(), cut.data() + cut.size());
        ImGui::TextUnformatted("...");
    } else {
        ImGui::TextUnformatted(code.data(), code.data() + code.size());
    }
    if (ui.mono != nullptr) ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

bool draw_listener_table(UiContext& ui, SimWindow& w, const WindowInfo& info) {
    const bool live_page = !info.observed && !info.page_url.empty();
    if (w.rows.empty()) {
        ImGui::TextDisabled("No JS listeners in this page.");
        return false;
    }
    // Two lines a row (event over target, payload over marks): a 400-pixel window has no room
    // for eight columns side by side.
    const int visible = std::min<int>(static_cast<int>(w.rows.size()), kTableRows);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line = ImGui::GetTextLineHeight();
    const float row_height = line * 2.0F + style.ItemSpacing.y + style.CellPadding.y * 2.0F;
    const float header_height = line + style.CellPadding.y * 2.0F;
    const ImVec2 outer(0.0F, header_height + row_height * static_cast<float>(visible) + 2.0F);
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_BordersInnerV |
                                       ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("listeners", 5, kFlags, outer)) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("id");
    ImGui::TableSetupColumn("event / target");
    ImGui::TableSetupColumn("calls");
    ImGui::TableSetupColumn("last payload", ImGuiTableColumnFlags_WidthStretch);
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
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height - style.CellPadding.y * 2.0F);
            ImGui::TableNextColumn();
            ImGui::Text("%u", row.id);
            ImGui::TableNextColumn();
            ImGui::BeginGroup();
            ImGui::TextUnformatted(row.event.c_str());
            if (row.once) {
                ImGui::SameLine();
                ImGui::TextColored(dim_color(), "once");
            }
            ImGui::TextColored(dim_color(), "%s", row.target.c_str());
            ImGui::EndGroup();
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s%s%s%s", row.name.empty() ? "" : row.name.c_str(),
                                  row.name.empty() ? "" : "\n",
                                  "stored target: ", row.target.c_str());
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
            draw_marks(ui, w, row);
            ImGui::TableNextColumn();
            // U+00D7: in every font the app loads (Latin-1), and narrower than "unlisten".
            ImGui::BeginDisabled(info.observed);
            if (ImGui::SmallButton("\u00d7")) {
                unlisten = true;
                unlisten_id = row.id;
            }
            ImGui::EndDisabled();
            ui.note_item("win/" + w.label + "/unlisten/" + std::to_string(row.id));
            if (info.observed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
                ImGui::SetTooltip(
                    "Listener %u is the tapped app's: only its page can unlisten it; EventLab "
                    "only watches",
                    row.id);
            } else if (ImGui::IsItemHovered() && live_page) {
                ImGui::SetTooltip(
                    "Asks the page to unlisten() listener %u, as its own code would: the page "
                    "drops it from its table and tells the backend; the row goes when it has "
                    "(a page that does not answer keeps it)",
                    row.id);
            } else if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("unlisten() listener %u", row.id);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (unlisten) {
        if (OpResult r = ui.workbench.session().unlisten(unlisten_id); !r.ok) ui.notice(r.error);
    }
    return unlisten;
}

void draw_feed(UiContext& ui, SimWindow& w) {
    // What this live page received: the live log, even while the views show a trace.
    const RecordLog& log = ui.workbench.live_log();
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
    ImGui::BeginChild("feed", ImVec2(0.0F, height), ImGuiChildFlags_Borders);
    if (total == 0) {
        ImGui::TextDisabled("Nothing yet: what reaches this page shows here.");
    }
    const Symbols& symbols = ui.workbench.session().recorder().symbols();
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
                ImGui::TextDisabled("%s", feed_listener_ids(*e).c_str());
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
                    ImGui::Text("%s %s to %s %s%s%s", e->delivered ? "delivered" : "skipped",
                                e->event.c_str(), e->skipped.size() > 1 ? "listeners" : "listener",
                                feed_listener_ids(*e, 12).c_str(),
                                e->listener_name.empty() ? "" : ": ", e->listener_name.c_str());
                    ImGui::TextColored(dim_color(), "%s", e->why.c_str());
                    if (e->stale) ImGui::TextColored(dim_color(), "%s", kStaleMark.data());
                    ImGui::PopTextWrapPos();
                    if (e->payload) {
                        ImGui::Separator();
                        if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
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
            // arithmetic holds; the empty item ends the entry there (ImGui grows a window only
            // by items, not by a cursor moved past them).
            ImGui::SetCursorPosY(top + item_height - ImGui::GetStyle().ItemSpacing.y);
            ImGui::Dummy({0.0F, 0.0F});
        }
    }
    ImGui::EndChild();
}

}  // namespace eventlab::ui
