// The log panel's view state, shared by its files (log_panel.cpp: sync and toolbar,
// log_table.cpp: the rows, log_detail_pane.cpp: the selected record). View state only: the
// records stay in the workbench's RecordLog; the index holds their positions.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>

#include "ui/ui_context.h"
#include "view/log/emit_tracker.h"
#include "view/log/log_index.h"
#include "view/log/log_rows.h"
#include "view/log/row_matcher.h"

namespace eventlab::ui {

// Records read per frame: a filter change over a million records takes eight frames, each well
// under a frame's time, instead of one frozen frame (a fixed count, not a time budget, so what a
// frame reads never depends on the machine's load; 125k leaves the worst frame room under 8 ms
// where 170k took 5-9 ms of CPU on a loaded 2-core machine). While the filter catches up, the other
// indices over the log (the trackers, the route's matrix, the lifecycle model) wait
// (UiContext::filter_scanning), then read smaller shares, so the records a frame reads stay about
// one filter's share (~125k, a few ms).
inline constexpr std::size_t kLogScanBudget = 125'000;
inline constexpr std::size_t kTrackerBudget = 40'000;

struct LogView {
    // The log being shown; a new generation is a new session (and a new log).
    bool attached = false;
    std::uint64_t generation = 0;

    // The filter as typed, and what the index was last built with.
    std::string filter_text;
    TypeMask types = kAllTypes;
    std::string applied_text;
    TypeMask applied_types = kAllTypes;
    bool applied = false;
    LogIndex index;
    EmitTracker tracker;    // "lost" emits and delivery counts
    Settling settling;      // for EmitTracker::fate this frame
    double progress = 1.0;  // of the index: below 1 while a filter change rescans

    // The part of the index the view shows: [first_row, end_row) of index.rows().
    std::uint64_t start = 0;  // Clear hides the positions before this one
    bool paused = false;
    std::uint64_t pause_end = 0;  // paused: the view ends at this position
    std::uint64_t new_while_paused = 0;
    std::size_t first_row = 0;
    std::size_t end_row = 0;

    // Autoscroll: true while the view sits at the bottom, so new rows scroll in.
    bool follow = true;
    bool jump_to_bottom = false;
    bool focus_filter = false;

    // The selected record and its detail (computed once per selection, not per frame).
    std::uint64_t selected = kNoPosition;
    std::uint64_t detail_for = kNoPosition;
    RecordDetail detail;
    std::string detail_title;

    // A row's tooltip waits until the mouse rests on it.
    std::uint64_t hover_position = kNoPosition;
    double hover_since = 0;

    RowStyle style;  // arrows as the font can draw them

    std::size_t row_count() const { return end_row - first_row; }
    void toggle_pause(const RecordLog& log) {
        paused = !paused;
        pause_end = log.end();
    }
    void clear(const RecordLog& log) {
        start = log.end();
        if (selected != kNoPosition && selected < start) selected = kNoPosition;
        jump_to_bottom = true;
    }
};

// The rows, with a clipper over the index: only the visible rows are read and described.
void draw_log_table(LogView& view, UiContext& ui, ImVec2 size);
// The selected record as pretty JSON and its payload, in the monospace font.
void draw_log_detail(LogView& view, UiContext& ui, ImVec2 size);

// Row tints and the "lost" warning, shared with the route view's wording.
ImVec4 lost_color();
ImU32 group_tint();  // rows of the selected emit
ImU32 lost_tint();   // an emit nothing listened to
// `fancy` when the current font has glyph `c`, else `plain` (DejaVu has →; ProggyClean not).
const char* glyph_or(ImWchar c, const char* fancy, const char* plain);

}  // namespace eventlab::ui
