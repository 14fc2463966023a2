// Guided demos: the Demos menu lists the embedded demos by title; picking one plays it step by
// step in the Demo window (the sentence, the code, whether the expect held) with Back / Next /
// Auto-play, on the workbench's stepping seam. "Leave demo" hands the session over: it goes on
// live from where the demo stopped.
#include "ui/demo/demo_panel.h"

#include <imgui.h>

#include <optional>
#include <string>
#include <utility>

#include "ui/demo/demo_view.h"
#include "ui/widgets.h"

namespace eventlab::ui {
namespace {

constexpr float kButtonScale = 1.5F;  // buttons a speaker hits without looking

struct Entry {
    DemoSource source;
    std::optional<Demo> demo;  // parsed once, the first time the menu is drawn
    std::string error;
};

// The Route panel's area, the widest at the top: code lines fit there at a readable size, and
// the windows panel and the log (what the audience watches change) stay in view. The Lifecycle
// panel takes the Backend panel's place beside it. Tests draw panels without AppUi, which is
// what computes the layout.
Area demo_area(const UiContext& ui) {
    if (ui.layout.route.size.x > 0.0F && ui.layout.route.size.y > 0.0F) return ui.layout.route;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 size{viewport->WorkSize.x * 0.42F, viewport->WorkSize.y * 0.55F};
    return {{viewport->WorkPos.x + viewport->WorkSize.x - size.x, viewport->WorkPos.y}, size};
}

}  // namespace

struct DemoPanel::State {
    std::vector<Entry> entries;
    bool parsed = false;  // entries' demos parsed: deferred from start-up to the first menu
    std::optional<Demo> active;
    AutoPlay autoplay;
    bool place = false;                        // put the window in its area, in front, next frame
    std::size_t shown_step = ~std::size_t{0};  // the step the code view last scrolled for

    void parse();
    void start(UiContext& ui, const Demo& demo);
    void next(UiContext& ui);
    void back(UiContext& ui);
    void leave(UiContext& ui);
    void draw_window(UiContext& ui);
    void draw_controls(UiContext& ui, const DemoFrame& frame, const std::string& next_text);
};

void DemoPanel::State::parse() {
    if (std::exchange(parsed, true)) return;
    for (Entry& entry : entries) {
        DemoLoad load = load_demo(entry.source);
        if (load) entry.demo = std::move(*load);
        entry.error = load.error();
    }
}

void DemoPanel::State::start(UiContext& ui, const Demo& demo) {
    Workbench& bench = ui.workbench;
    // The views must show the demo's live log, not a trace opened before.
    if (bench.viewing_trace()) bench.close_trace();
    bench.start_stepping(demo.scenario, demo.title, demo.config());
    ui.selected_emit = 0;
    active = demo;
    autoplay.stop();
    place = true;
}

void DemoPanel::State::next(UiContext& ui) {
    if (ui.workbench.run_next_step())
        ui.selected_emit = 0;  // the route view follows the newest emit
}

void DemoPanel::State::back(UiContext& ui) {
    autoplay.stop();
    const std::size_t run = ui.workbench.steps_run();
    if (run == 0) return;
    ui.workbench.rewind(run - 1);
    ui.selected_emit = 0;  // a fresh session numbers its emits from 1 again
}

void DemoPanel::State::leave(UiContext& ui) {
    if (ui.workbench.stepping()) ui.workbench.hand_over();
    active.reset();
    autoplay.stop();
}

DemoPanel::DemoPanel() : state_(std::make_unique<State>()) {}
DemoPanel::~DemoPanel() = default;

void DemoPanel::set_demos(std::vector<DemoSource> demos) {
    State& s = *state_;
    s.entries.clear();
    s.parsed = false;
    for (DemoSource& source : demos)
        s.entries.push_back(Entry{std::move(source), std::nullopt, {}});
}

DemoPanel::Status DemoPanel::status(const UiContext& ui) const {
    Status out;
    const State& s = *state_;
    out.active = s.active.has_value();
    if (!out.active) return out;
    out.title = s.active->title;
    out.steps_run = ui.workbench.steps_run();
    out.step_count = ui.workbench.step_count();
    out.playing = s.autoplay.playing();
    return out;
}

void DemoPanel::draw_menu_items(std::string_view menu, UiContext& ui) {
    if (menu != "Demos") return;
    State& s = *state_;
    s.parse();
    if (s.entries.empty()) {
        ImGui::TextDisabled("No demos are built in.");
        return;
    }
    ImGui::TextDisabled("Listener cleanup, step by step (Right: next, Left: back)");
    for (const Entry& e : s.entries) {
        if (!e.demo) {
            // A broken demo file is a build-time mistake; show it rather than hide it.
            ImGui::BeginDisabled();
            ImGui::MenuItem(e.source.name.c_str());
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
                ImGui::SetTooltip("%s", e.error.c_str());
            }
            continue;
        }
        const bool current = s.active && s.active->name == e.demo->name;
        if (ImGui::MenuItem(e.demo->title.c_str(), nullptr, current)) s.start(ui, *e.demo);
        ui.note_item("demos/menu/" + e.source.name);
        if (ImGui::IsItemHovered() && !e.demo->scenario.description.empty()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextUnformatted(e.demo->scenario.description.c_str());
            ImGui::TextDisabled("%zu steps, Tauri %s", e.demo->scenario.steps.size(),
                                std::string(to_string(e.demo->config().mode)).c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    if (s.active) {
        ImGui::Separator();
        if (ImGui::MenuItem("Leave demo (the session goes on live)")) s.leave(ui);
    }
}

void DemoPanel::draw(UiContext& ui) {
    State& s = *state_;
    if (!s.active) return;
    // A reset (Session menu) or anything else that ended the stepping ends the demo too.
    if (!ui.workbench.stepping()) {
        s.active.reset();
        s.autoplay.stop();
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    // Keys only when nothing else wants them: a text field, a shortcut, a viewed trace's
    // timeline (it has Left/Right of its own).
    if (!io.WantTextInput && !io.KeyCtrl && !io.KeyAlt && !ui.workbench.viewing_trace()) {
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow, false) ||
            ImGui::IsKeyPressed(ImGuiKey_Space, false)) {
            s.next(ui);
        }
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow, false)) s.back(ui);
    }
    if (s.autoplay.playing()) {
        ui.animating = true;  // keep frames coming while the timer runs
        if (s.autoplay.due(ImGui::GetTime())) s.next(ui);
        if (ui.workbench.steps_run() >= ui.workbench.step_count()) s.autoplay.stop();
    }
    s.draw_window(ui);
}

void DemoPanel::State::draw_window(UiContext& ui) {
    Workbench& bench = ui.workbench;
    if (place && ui.dock.active()) {
        DockSlots::dock_next(ui.dock.route);  // a tab over the Route view, in front
        ImGui::SetNextWindowFocus();
        place = false;
    } else if (place) {
        const Area area = demo_area(ui);
        ImGui::SetNextWindowPos(area.pos, ImGuiCond_Always);
        ImGui::SetNextWindowSize(area.size, ImGuiCond_Always);
        ImGui::SetNextWindowCollapsed(false, ImGuiCond_Always);
        ImGui::SetNextWindowFocus();
        place = false;
    }
    bool open = true;
    ImGui::SetNextWindowBgAlpha(1.0F);  // it covers a panel: none of it may show through
    const std::string title = "Demo: " + active->title + "###demo";
    if (!ImGui::Begin(title.c_str(), &open)) {
        ImGui::End();
        if (!open) leave(ui);
        return;
    }
    const DemoFrame frame = demo_frame(bench.scenario(), bench.steps_run(), bench.outcomes());

    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.2F);
    ImGui::TextColored(ImVec4(0.98F, 0.80F, 0.35F, 1.0F), "%s", frame.counter.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("Tauri %s", std::string(to_string(bench.config().mode)).c_str());
    if (frame.passed + frame.failed > 0) {
        ImGui::SameLine();
        if (frame.failed > 0) {
            ImGui::TextColored(error_color(), "| %zu expects held, %zu FAILED", frame.passed,
                               frame.failed);
        } else {
            ImGui::TextDisabled("| %zu expects held", frame.passed);
        }
    }
    const float progress =
        frame.total == 0 ? 1.0F : static_cast<float>(frame.step) / static_cast<float>(frame.total);
    ImGui::ProgressBar(progress, {-1.0F, 4.0F}, "");
    ImGui::Spacing();
    draw_demo_sentence(frame);
    draw_demo_outcome(frame);
    ImGui::Spacing();

    // The controls stay at the bottom; the code takes what is left between.
    std::string next_text;
    if (!frame.next.empty()) {
        next_text = "Next: " + frame.next;
    } else if (frame.finished) {
        next_text = "The end. Leave the demo to go on live from here, or start again.";
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float next_height = next_text.empty()
                                  ? 0.0F
                                  : ImGui::CalcTextSize(next_text.c_str(), nullptr, false,
                                                        ImGui::GetContentRegionAvail().x)
                                            .y +
                                        style.ItemSpacing.y;
    const float footer = next_height + ImGui::GetFrameHeight() * kButtonScale + style.ItemSpacing.y;
    if (frame.code != nullptr) {
        const float label = ImGui::GetTextLineHeightWithSpacing();
        const float height =
            std::max(ImGui::GetContentRegionAvail().y - footer - label - style.ItemSpacing.y,
                     ImGui::GetTextLineHeightWithSpacing() * 4);
        draw_demo_code(ui, *frame.code, frame.own_code, height, shown_step != frame.step);
    }
    shown_step = frame.step;
    const float spare = ImGui::GetContentRegionAvail().y - footer;
    if (spare > 0.0F) ImGui::Dummy({0.0F, spare - style.ItemSpacing.y});
    draw_controls(ui, frame, next_text);
    ImGui::End();
    if (!open) leave(ui);
}

void DemoPanel::State::draw_controls(UiContext& ui, const DemoFrame& frame,
                                     const std::string& next_text) {
    if (!next_text.empty()) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextDisabled("%s", next_text.c_str());
        ImGui::PopTextWrapPos();
    }

    const float height = ImGui::GetFrameHeight() * kButtonScale;
    const float wide = ImGui::CalcTextSize("Auto-play").x + ImGui::GetStyle().FramePadding.x * 4;
    ImGui::BeginDisabled(frame.step == 0);
    if (ImGui::Button("Back", {wide, height})) back(ui);
    ui.note_item("demo/back");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (frame.finished) {
        if (ImGui::Button("Restart", {wide, height})) {
            autoplay.stop();
            ui.workbench.rewind(0);
            ui.selected_emit = 0;
        }
        ui.note_item("demo/restart");
    } else {
        if (ImGui::Button("Next", {wide, height})) next(ui);
        ui.note_item("demo/next");
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(frame.finished);
    if (ImGui::Button(autoplay.playing() ? "Pause" : "Auto-play", {wide, height})) {
        if (autoplay.playing()) {
            autoplay.stop();
        } else {
            autoplay.start(ImGui::GetTime());
        }
    }
    ui.note_item("demo/play");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("One step every %.1f s", AutoPlay::kInterval);
    ImGui::EndDisabled();
    ImGui::SameLine();
    const float leave_width =
        ImGui::CalcTextSize("Leave demo").x + ImGui::GetStyle().FramePadding.x * 4;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), content_right() - leave_width));
    if (ImGui::Button("Leave demo", {leave_width, height})) leave(ui);
    ui.note_item("demo/leave");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Stop the demo; the session goes on live from this step.");
    }
}

namespace {

// Its window opens with a demo (Demos menu), as a tab over the Route view, in front.
const PanelRegistration kDemoPanel{{
    .name = "Demo",
    .order = 90,
    .windows = {{.name = "###demo", .slot = DockSlot::Route}},
    .in_view_menu = false,
    .shortcuts = {{.keys = "Right / Space",
                   .what = "demo: next step (while a demo runs and no text field is active)"},
                  {.keys = "Left", .what = "demo: back one step"}},
    .menu_items = {"Demos"},
    .make = &make_instance<DemoPanel>,
}};

}  // namespace

}  // namespace eventlab::ui
