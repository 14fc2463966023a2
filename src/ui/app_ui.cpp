#include "ui/app_ui.h"

#include <imgui_stdlib.h>

#include <algorithm>

#include "core/bus/mode_rules.h"
#include "core/bus/names.h"
#include "ui/keys.h"
#include "ui/widgets.h"
#include "view/fonts/wide_glyphs.h"

namespace eventlab::ui {
namespace {

struct Shortcut {
    const char* keys;
    const char* what;
};

constexpr Shortcut kShortcuts[] = {
    {"Ctrl+N", "open a new simulated window"},
    {"Ctrl+R", "reset the session (replays the workspace)"},
    {"Ctrl+F", "filter the event log"},
    {"Ctrl+P", "pause or resume the log view (recording goes on)"},
    {"Ctrl+L", "clear the log view"},
    {"Ctrl+PgDn / Ctrl+PgUp", "next / previous simulated window (opens its tile in the grid)"},
    {", / .", "previous / next emit of the viewed trace"},
    {"Left / Right", "previous / next emit (Timeline window focused)"},
    {"Right / Space", "demo: next step (while a demo runs and no text field is active)"},
    {"Left", "demo: back one step"},
    {"F1", "show these shortcuts"},
    {"Ctrl+Q", "quit"},
};

float status_bar_height() {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
}

}  // namespace

AppUi::AppUi(Workbench& bench, ImFont* mono) : ui_(bench) {
    ui_.mono = mono;
    pending_config_ = bench.config();
}

AppUi::~AppUi() = default;

void AppUi::set_demos(std::vector<DemoSource> demos) {
    demo_.set_demos(std::move(demos));
}

void AppUi::compute_layout() {
    // The viewport's work area only leaves room for the menu bar from the next frame on, and
    // panels take their first frame's place: measure from the bar drawn this frame instead.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 origin(viewport->Pos.x, viewport->Pos.y + menu_bar_height_);
    const float width = viewport->Size.x;
    const float height = viewport->Size.y - menu_bar_height_ - status_bar_height();
    const float left = std::max(340.0F, width * 0.25F);
    const float top = height * 0.55F;
    const float rest = width - left;
    const float split = left + rest * 0.44F;
    const float bottom_split = left + rest * 0.30F;
    Layout& l = ui_.layout;
    l.windows = {origin, {left, height}};
    l.backend = {{origin.x + left, origin.y}, {split - left, top}};
    l.route = {{origin.x + split, origin.y}, {width - split, top}};
    l.periodic = {{origin.x + left, origin.y + top}, {bottom_split - left, height - top}};
    l.log = {{origin.x + bottom_split, origin.y + top}, {width - bottom_split, height - top}};
}

void AppUi::draw() {
    ui_.animating = false;
    ui_.live.refresh(ui_.bench);  // one snapshot of the bus for every panel of this frame
    handle_shortcuts();
    draw_menu_bar();
    compute_layout();
    windows_.draw(ui_);
    backend_.draw(ui_);
    route_.draw(ui_);
    periodic_.draw(ui_);
    log_.draw(ui_);
    lifecycle_.draw(ui_);
    trace_.draw(ui_);
    demo_.draw(ui_);
    draw_new_window_dialog();
    draw_reset_dialog();
    draw_help_window();
    draw_status_bar();
    draw_notices();
    look_for_cjk();
}

void AppUi::look_for_cjk() {
    if (wants_cjk_) return;
    for (const ImWchar c : ImGui::GetIO().InputQueueCharacters) {
        if (is_cjk_code_point(c)) wants_cjk_ = true;
    }
    // New records a bounded number per frame, like every other index over the log, and none
    // while the log's filter catches up.
    if (ui_.filter_scanning()) {
        ui_.animating = true;
        return;
    }
    constexpr std::uint64_t kBudget = 30'000;
    const RecordLog& log = ui_.bench.log();
    if (cjk_scan_generation_ != ui_.bench.generation()) {
        cjk_scan_generation_ = ui_.bench.generation();
        cjk_scan_next_ = 0;
    }
    const std::uint64_t from = std::max(cjk_scan_next_, log.first());
    const std::uint64_t to = std::min(log.end(), from + kBudget);
    log.scan(from, to, [this](std::uint64_t, const Record& r) {
        if ((r.payload && needs_cjk_glyphs(*r.payload)) || (r.text && needs_cjk_glyphs(*r.text))) {
            wants_cjk_ = true;
        }
    });
    cjk_scan_next_ = to;
    if (!wants_cjk_ && to < log.end()) ui_.animating = true;  // read the rest next frame
}

void AppUi::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    const auto ctrl = [&io](char letter) {
        return io.KeyCtrl && ImGui::IsKeyPressed(key::letter(letter), false);
    };
    if (ctrl('N')) open_new_window_ = true;
    if (ctrl('R')) ask_reset(ui_.bench.config());
    if (ctrl('F')) ui_.requests.focus_log_filter = true;
    if (ctrl('P')) ui_.requests.toggle_log_pause = true;
    if (ctrl('L')) ui_.requests.clear_log = true;
    if (ctrl('Q')) quit_ = true;
    // Ctrl+Tab is ImGui's own window switcher; Ctrl+PgDn/PgUp step through tabs in browsers.
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) {
        ui_.requests.focus_window_step = 1;
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) {
        ui_.requests.focus_window_step = -1;
    }
    if (ImGui::IsKeyPressed(key::kF1, false)) show_help_ = !show_help_;
}

void AppUi::ask_reset(BusConfig config) {
    pending_config_ = config;
    seed_input_ = static_cast<int>(config.seed);
    open_reset_ = true;
}

std::string AppUi::record_to(const std::string& path) {
    return trace_.record_to(ui_, path);
}

std::optional<StoppedRecording> AppUi::shutdown() {
    return trace_.shutdown(ui_);
}

void AppUi::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    menu_bar_height_ = ImGui::GetWindowHeight();
    if (ImGui::BeginMenu("File")) {
        trace_.draw_file_menu(ui_);
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_ = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Session")) {
        if (ImGui::MenuItem("New window...", "Ctrl+N")) open_new_window_ = true;
        if (ImGui::MenuItem("Next window", "Ctrl+PgDn")) ui_.requests.focus_window_step = 1;
        if (ImGui::MenuItem("Previous window", "Ctrl+PgUp")) ui_.requests.focus_window_step = -1;
        ImGui::Separator();
        const BusConfig current = ui_.bench.config();
        ImGui::TextDisabled("Tauri behaviour");
        for (Mode mode : kAllModes) {
            const std::string item = std::string(to_string(mode));
            if (ImGui::MenuItem(item.c_str(), nullptr, current.mode == mode) &&
                current.mode != mode) {
                BusConfig next = current;
                next.mode = mode;
                ask_reset(next);
            }
        }
        ImGui::TextDisabled("Handler order");
        for (Order order : {Order::Registration, Order::Random}) {
            const std::string item = std::string(to_string(order));
            if (ImGui::MenuItem(item.c_str(), nullptr, current.order == order)) {
                BusConfig next = current;
                next.order = order;
                ask_reset(next);
            }
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Reset session", "Ctrl+R")) ask_reset(current);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Log")) {
        if (ImGui::MenuItem("Filter", "Ctrl+F")) ui_.requests.focus_log_filter = true;
        if (ImGui::MenuItem("Pause / resume view", "Ctrl+P")) ui_.requests.toggle_log_pause = true;
        if (ImGui::MenuItem("Clear view", "Ctrl+L")) ui_.requests.clear_log = true;

        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Demos")) {
        demo_.draw_demos_menu(ui_);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Shortcuts", "F1")) show_help_ = true;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void AppUi::draw_new_window_dialog() {
    if (open_new_window_) {
        ImGui::OpenPopup("New window");
        open_new_window_ = false;
    }
    if (!ImGui::BeginPopupModal("New window", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    EventBus& bus = ui_.bench.session().bus();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered =
        ImGui::InputText("label", &new_window_label_, ImGuiInputTextFlags_EnterReturnsTrue);
    std::string problem;
    if (!is_valid_label(new_window_label_)) {
        problem = label_error(new_window_label_);
    } else if (bus.is_alive(new_window_label_)) {
        problem = "a window with label `" + new_window_label_ + "` already exists";
    }
    if (!problem.empty()) ImGui::TextColored(error_color(), "%s", problem.c_str());
    ImGui::TextDisabled("Opening it emits tauri://webview-created and tauri://window-created.");
    ImGui::BeginDisabled(!problem.empty());
    const bool create = ImGui::Button("Create") || (entered && problem.empty());
    ui_.note_item("new-window/create");
    ImGui::EndDisabled();
    if (create && problem.empty()) {
        if (OpResult r = bus.create_window(new_window_label_); !r.ok) ui_.notice(r.error);
        new_window_label_.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void AppUi::draw_reset_dialog() {
    if (open_reset_) {
        ImGui::OpenPopup("Reset session?");
        open_reset_ = false;
    }
    if (!ImGui::BeginPopupModal("Reset session?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        return;
    }
    ImGui::Text("Tauri %s, order %s", std::string(to_string(pending_config_.mode)).c_str(),
                std::string(to_string(pending_config_.order)).c_str());
    if (pending_config_.order == Order::Random) {
        if (ImGui::InputInt("seed", &seed_input_)) seed_input_ = std::max(seed_input_, 0);
        pending_config_.seed = static_cast<std::uint64_t>(seed_input_);
    }
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::TextUnformatted(
        ("This replaces the session: windows, listeners, senders and the log start again from "
         "\"" +
         ui_.bench.name() + "\", run under these rules. Changes made by hand are lost.")
            .c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Reset")) {
        trace_.stop_recording(ui_);
        ui_.bench.reset(pending_config_);
        ui_.selected_emit = 0;
        ImGui::CloseCurrentPopup();
    }
    ui_.note_item("reset/confirm");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void AppUi::draw_help_window() {
    if (!show_help_) return;
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                            ImVec2(0.5F, 0.5F));
    if (ImGui::Begin("Shortcuts", &show_help_, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::BeginTable("shortcuts", 2)) {
            for (const Shortcut& s : kShortcuts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.what);
            }
            ImGui::EndTable();
        }
        ImGui::Separator();
        ImGui::TextDisabled(
            "Emit from the Backend panel or inside a window; the Route view shows\n"
            "who got the newest (or the selected) emit, and why.");
    }
    ImGui::End();
}

void AppUi::draw_status_bar() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float height = status_bar_height();
    ImGui::SetNextWindowPos(
        {viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height});
    ImGui::SetNextWindowSize({viewport->WorkSize.x, height});
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoFocusOnAppearing;
    ImGui::Begin("##status", nullptr, kFlags);
    const BusConfig& config = ui_.bench.config();
    // One lock per frame (counters); the rest comes from the frame's snapshot.
    const BusCounters counters = ui_.bench.session().bus().counters();
    ui_.live.refresh(ui_.bench);  // a panel may have changed the bus since the frame began
    const double now = ImGui::GetTime();
    if (now - rate_time_ >= 1.0) {
        emits_per_second_ =
            rate_time_ > 0 ? static_cast<double>(counters.emits - rate_emits_) / (now - rate_time_)
                           : 0;
        rate_time_ = now;
        rate_emits_ = counters.emits;
    }
    const std::size_t windows = ui_.live.labels().size();
    const RecordLog& log = ui_.bench.log();
    ImGui::Text(
        "Tauri %s | order %s%s | %zu windows | %zu listeners | %llu records",
        std::string(to_string(config.mode)).c_str(), std::string(to_string(config.order)).c_str(),
        config.order == Order::Random ? (" seed " + std::to_string(config.seed)).c_str() : "",
        windows, ui_.live.listener_count(), static_cast<unsigned long long>(log.end()));
    if (log.dropped() > 0) {
        ImGui::SameLine();
        ImGui::TextColored(dim_color(), "(%llu dropped, ring of %zu)",
                           static_cast<unsigned long long>(log.dropped()), log.capacity());
    }
    ImGui::SameLine();
    ImGui::Text("| %.0f events/s", emits_per_second_);
    if (const std::string tracing = trace_.status(ui_); !tracing.empty()) {
        ImGui::SameLine();
        ImGui::Text("| %s", tracing.c_str());
    }
    if (ui_.bridge_status) {
        ImGui::SameLine();
        ImGui::Text("| %s", ui_.bridge_status().c_str());
    }
    if (counters.pending_rust > 0) {
        ImGui::SameLine();
        ImGui::TextColored(error_color(), "| %zu queued for the Rust handlers lock",
                           counters.pending_rust);
    }
    if (counters.poisoned) {
        ImGui::SameLine();
        ImGui::TextColored(error_color(), "| Rust handlers lock POISONED");
    }
    ImGui::End();
}

void AppUi::draw_notices() {
    const double now = ImGui::GetTime();
    while (!ui_.notices.empty() && ui_.notices.front().until < now)
        ui_.notices.pop_front();
    if (ui_.notices.empty()) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({viewport->WorkPos.x + viewport->WorkSize.x - 16,
                             viewport->WorkPos.y + viewport->WorkSize.y - status_bar_height() - 16},
                            ImGuiCond_Always, {1.0F, 1.0F});
    ImGui::SetNextWindowBgAlpha(0.92F);
    constexpr ImGuiWindowFlags kFlags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
        ImGuiWindowFlags_NoNav;
    ImGui::Begin("##notices", nullptr, kFlags);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    for (const Notice& n : ui_.notices)
        ImGui::TextColored(error_color(), "%s", n.text.c_str());
    ImGui::PopTextWrapPos();
    ui_.animating = true;  // keep drawing until the notice fades
    ImGui::End();
}

}  // namespace eventlab::ui
