// The live event log: keeps its index up to date with the workbench's log (a bounded number of
// records per frame), handles the menu's requests and the matrix's filter requests, and draws
// the toolbar; the rows and the detail pane live in log_table.cpp and log_detail_pane.cpp.
#include "ui/log/log_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <limits>

#include "ui/log/log_state.h"
#include "ui/trace/trace_banner.h"
#include "ui/widgets.h"
#include "view/log/text_filter.h"

namespace eventlab::ui {

struct LogPanel::State : LogView {};

namespace {

constexpr std::array<RecordType, kRecordTypeCount> kTypeOrder = {
    RecordType::Emit,     RecordType::Deliver, RecordType::Skip,   RecordType::Listen,
    RecordType::Unlisten, RecordType::Window,  RecordType::Invoke, RecordType::Mount,
    RecordType::Unmount,  RecordType::Error,   RecordType::Expect};

constexpr const char* kFilterHelp =
    "Keeps rows with any of the comma-separated terms; -term drops rows with it. Case does not "
    "matter. A term is looked for in each cell on its own (event, from, to, listener, payload, "
    "reason), plus:\n"
    "  #12        emit 12 and its deliveries\n"
    "  id 3       listener 3\n"
    "  [test-event@js:main]   test-event's deliveries in main ([EVENT@rust]: the Rust ones; "
    "the route matrix sets this)\n"
    "Right-click a type to show only that type.";

// Follows the workbench: a new session means a new log, so every position is forgotten.
void attach(LogView& v, const Workbench& bench) {
    if (v.attached && v.generation == bench.generation()) return;
    v.attached = true;
    v.generation = bench.generation();
    v.applied = false;
    v.tracker.reset();
    v.start = 0;
    v.paused = false;
    v.selected = kNoPosition;
    v.detail_for = kNoPosition;
    v.follow = true;
}

void handle_requests(LogView& v, UiContext& ui) {
    const RecordLog& log = ui.workbench.log();
    if (ui.requests.clear_log) {
        v.clear(log);
        ui.requests.clear_log = false;
    }
    if (ui.requests.toggle_log_pause) {
        v.toggle_pause(log);
        ui.requests.toggle_log_pause = false;
    }
    if (ui.requests.focus_log_filter) {
        v.focus_filter = true;
        ui.requests.focus_log_filter = false;
    }
    if (!ui.log_filter_request.empty()) {
        v.filter_text = ui.log_filter_request;
        ui.log_filter_request.clear();
        v.jump_to_bottom = true;
    }
}

// Extends the index and the tracker by at most their budgets and works out the visible range.
void sync(LogView& v, UiContext& ui) {
    Workbench& bench = ui.workbench;
    const RecordLog& log = bench.log();
    if (!v.applied || v.filter_text != v.applied_text || v.types != v.applied_types) {
        v.index.reset(make_row_predicate(TextFilter(v.filter_text), v.types, bench.symbols()));
        v.applied = true;
        v.applied_text = v.filter_text;
        v.applied_types = v.types;
    }
    // Read before the tracker catches up: a record recorded meanwhile must not make the
    // tracker look behind (and every quiet emit flicker back to "waiting").
    const std::uint64_t end = log.end();
    if (!v.index.update(log, kLogScanBudget)) ui.filter_scanning_frame = ImGui::GetFrameCount();
    if (!ui.filter_scanning()) v.tracker.update(log, kTrackerBudget);

    const auto& rows = v.index.rows();
    const std::uint64_t from = std::max(v.start, log.first());
    v.first_row =
        static_cast<std::size_t>(std::lower_bound(rows.begin(), rows.end(), from) - rows.begin());
    v.end_row = v.paused
                    ? static_cast<std::size_t>(
                          std::lower_bound(rows.begin(), rows.end(), v.pause_end) - rows.begin())
                    : rows.size();
    v.end_row = std::max(v.end_row, v.first_row);

    const BusCounters counters = bench.session().counters();
    v.settling = Settling{};
    v.settling.end = end;  // the tracker still behind it: deliveries may be unread, not lost
    v.settling.now_us = bench.session().clock().now_us();
    v.settling.queues_empty = counters.queued_js == 0 && counters.pending_rust == 0;
    if (bench.viewing_trace()) {
        // A recorded trace is over: every emit in it has settled.
        v.settling.queues_empty = true;
        v.settling.now_us = std::numeric_limits<std::int64_t>::max() / 2;
    }
    v.progress = v.index.progress(log);
    v.new_while_paused = v.paused ? log.end() - std::min(v.pause_end, log.end()) : 0;
    if (v.progress < 1.0) ui.animating = true;  // keep scanning on the next frame
}

// One toggle per record type, in the type's color; right-click shows only that type.
void draw_type_toggles(LogView& v, UiContext& ui) {
    const float right = content_right();
    for (std::size_t i = 0; i < kTypeOrder.size(); ++i) {
        const RecordType type = kTypeOrder[i];
        const std::string name(to_string(type));
        const bool on = (v.types & type_bit(type)) != 0;
        const ImVec2 size = ImGui::CalcTextSize(name.c_str());
        if (i > 0) {
            ImGui::SameLine();
            const float x = ImGui::GetCursorPosX() + size.x + ImGui::GetStyle().FramePadding.x;
            if (x > right) ImGui::NewLine();
        }
        ImGui::PushStyleColor(ImGuiCol_Text, on ? record_color(type) : dim_color());
        if (ImGui::Selectable(name.c_str(), on, 0, size)) {
            v.types = static_cast<TypeMask>(v.types ^ type_bit(type));
        }
        ImGui::PopStyleColor();
        if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
            v.types = v.types == type_bit(type) ? kAllTypes : type_bit(type);
        }
        ui.note_item("log/type/" + name);
    }
}

void draw_toolbar(LogView& v, UiContext& ui) {
    const RecordLog& log = ui.workbench.log();
    if (v.focus_filter) {
        ImGui::SetKeyboardFocusHere();
        v.focus_filter = false;
    }
    ImGui::SetNextItemWidth(
        std::min(ImGui::GetFontSize() * 18, ImGui::GetContentRegionAvail().x * 0.4F));
    ImGui::InputTextWithHint("##filter", "filter (Ctrl+F): a,b -c", &v.filter_text);
    ui.note_item("log/filter");
    ImGui::SameLine();
    help_marker(kFilterHelp);
    ImGui::SameLine();
    if (ImGui::Button(v.paused ? "Resume" : "Pause")) v.toggle_pause(log);
    ui.note_item("log/pause");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Freeze the view (Ctrl+P); recording goes on");
    }
    ImGui::SameLine();
    if (ImGui::Button("Clear")) v.clear(log);
    ui.note_item("log/clear");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Hide the rows so far (Ctrl+L); the log keeps them");

    ImGui::SameLine();
    if (v.progress < 1.0) {
        const std::string label =
            "scanning " + std::to_string(static_cast<int>(v.progress * 100)) + "%";
        ImGui::ProgressBar(static_cast<float>(v.progress), ImVec2(ImGui::GetFontSize() * 8, 0),
                           label.c_str());
        ui.note_item("log/progress");
        ImGui::SameLine();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu rows", v.row_count());
    if (v.paused) {
        ImGui::SameLine();
        ImGui::TextColored(lost_color(), "paused %s %llu new records",
                           glyph_or(0x2014, "\u2014", "-"),
                           static_cast<unsigned long long>(v.new_while_paused));
    }
    if (v.start > log.first()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("show cleared")) v.start = 0;
        ui.note_item("log/unclear");
    }
    if (!v.follow && v.row_count() > 0) {
        ImGui::SameLine();
        if (ImGui::SmallButton(glyph_or(0x2193, "newest \u2193", "newest")))
            v.jump_to_bottom = true;
        ui.note_item("log/newest");
    }
    draw_type_toggles(v, ui);
}

// What the Log window shows under its title.
void draw_contents(LogView& v, UiContext& ui) {
    v.style.arrow = glyph_or(0x2192, " \u2192 ", " -> ");
    draw_trace_banner(ui, "log");
    draw_toolbar(v, ui);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (v.selected != kNoPosition) {
        const float detail = std::max(ImGui::GetFrameHeightWithSpacing() * 5, avail.y * 0.42F);
        draw_log_table(v, ui, ImVec2(avail.x, avail.y - detail - ImGui::GetStyle().ItemSpacing.y));
        draw_log_detail(v, ui, ImVec2(avail.x, detail));
    } else {
        draw_log_table(v, ui, avail);
    }
}

}  // namespace

LogPanel::LogPanel() : state_(std::make_unique<State>()) {}
LogPanel::~LogPanel() = default;

LogPanel::Status LogPanel::status() const {
    Status s;
    s.rows = state_->row_count();
    s.progress = state_->progress;
    s.paused = state_->paused;
    s.new_while_paused = state_->new_while_paused;
    s.following = state_->follow;
    return s;
}

void LogPanel::draw(UiContext& ui) {
    State& v = *state_;
    attach(v, ui.workbench);
    handle_requests(v, ui);
    sync(v, ui);

    UiContext::place(ui.layout.log);
    const bool open = ImGui::Begin("Log");
    if (open) draw_contents(v, ui);
    ImGui::End();
    ui.log_paused = v.paused;  // the plots stand still with the log's view
    ui.selected_record = v.selected;
}

namespace {

void toggle_pause(UiContext& ui) {
    ui.requests.toggle_log_pause = true;
}
void focus_filter(UiContext& ui) {
    ui.requests.focus_log_filter = true;
}
void clear_view(UiContext& ui) {
    ui.requests.clear_log = true;
}

const PanelRegistration kLogPanel{{
    .name = "Log",
    .order = 50,
    .windows = {{.name = "Log", .slot = DockSlot::Log, .in_front = true}},
    .focus_keys = "Ctrl+Shift+L",
    .focus_chord = ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_L,
    .menu = "Log",
    .shortcuts = {{.keys = "Ctrl+F",
                   .what = "filter the event log",
                   .chord = ImGuiMod_Ctrl | ImGuiKey_F,
                   .run = &focus_filter,
                   .label = "Filter"},
                  {.keys = "Ctrl+P",
                   .what = "pause or resume the log view (recording goes on)",
                   .chord = ImGuiMod_Ctrl | ImGuiKey_P,
                   .run = &toggle_pause,
                   .label = "Pause / resume view"},
                  {.keys = "Ctrl+L",
                   .what = "clear the log view",
                   .chord = ImGuiMod_Ctrl | ImGuiKey_L,
                   .run = &clear_view,
                   .label = "Clear view"}},
    .make = &make_instance<LogPanel>,
}};

}  // namespace

}  // namespace eventlab::ui
