#include "ui/status_bar.h"

#include <string>

#include "ui/widgets.h"

namespace eventlab::ui {

float status_bar_height() {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
}

void StatusBar::draw(UiContext& ui, const TracePanel& trace) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float height = status_bar_height();
    ImGui::SetNextWindowPos(
        {viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height});
    ImGui::SetNextWindowSize({viewport->WorkSize.x, height});
    ImGui::SetNextWindowViewport(viewport->ID);  // it belongs to the main OS window
    constexpr ImGuiWindowFlags kFlags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoDocking |
        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
    ImGui::Begin("##status", nullptr, kFlags);
    const BusConfig& config = ui.workbench.config();
    // One lock per frame (counters); the rest comes from the frame's snapshot.
    const BusCounters counters = ui.workbench.session().counters();
    ui.live.refresh(ui.workbench);  // a panel may have changed the bus since the frame began
    const double now = ImGui::GetTime();
    if (now - rate_time_ >= 1.0) {
        emits_per_second_ =
            rate_time_ > 0 ? static_cast<double>(counters.emits - rate_emits_) / (now - rate_time_)
                           : 0;
        rate_time_ = now;
        rate_emits_ = counters.emits;
    }
    const std::size_t windows = ui.live.window_count();
    const RecordLog& log = ui.workbench.log();
    ImGui::Text(
        "Tauri %s | order %s%s | %zu windows | %zu listeners | %llu records",
        std::string(to_string(config.mode)).c_str(), std::string(to_string(config.order)).c_str(),
        config.order == Order::Random ? (" seed " + std::to_string(config.seed)).c_str() : "",
        windows, ui.live.listener_count(), static_cast<unsigned long long>(log.end()));
    if (log.dropped() > 0) {
        ImGui::SameLine();
        ImGui::TextColored(dim_color(), "(%llu dropped, ring of %zu)",
                           static_cast<unsigned long long>(log.dropped()), log.capacity());
    }
    ImGui::SameLine();
    ImGui::Text("| %.0f events/s", emits_per_second_);
    if (const std::string tracing = trace.status(ui); !tracing.empty()) {
        ImGui::SameLine();
        ImGui::Text("| %s", tracing.c_str());
    }
    if (ui.bridge_status) {
        ImGui::SameLine();
        ImGui::Text("| %s", ui.bridge_status().c_str());
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

void draw_notices(UiContext& ui) {
    const double now = ImGui::GetTime();
    while (!ui.notices.empty() && ui.notices.front().until < now)
        ui.notices.pop_front();
    if (ui.notices.empty()) return;
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
    for (const Notice& n : ui.notices)
        ImGui::TextColored(error_color(), "%s", n.text.c_str());
    ImGui::PopTextWrapPos();
    ui.animating = true;  // keep drawing until the notice fades
    ImGui::End();
}

}  // namespace eventlab::ui
