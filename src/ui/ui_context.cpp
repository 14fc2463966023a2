#include "ui/ui_context.h"

namespace eventlab::ui {

void LiveSnapshot::refresh(Workbench& bench) {
    const Session& session = bench.session();
    // Read before copying: a change made while copying moves it again, so the next refresh
    // takes it.
    const std::uint64_t version = session.state_version();
    if (taken_ && version == version_ && session_ == bench.session_generation()) return;
    std::vector<ListenerInfo> all = session.listeners();
    listener_count_ = all.size();
    rust_.clear();
    for (ListenerInfo& l : all) {
        if (l.side == Side::Rust) rust_.push_back(std::move(l));
    }
    labels_.clear();
    const std::vector<WindowInfo> live = session.live_windows();
    window_count_ = live.size();
    // The simulated windows only: a simulated emit_to cannot reach a tapped app's window.
    for (const WindowInfo& w : live) {
        if (!w.observed) labels_.push_back(w.label);
    }
    taken_ = true;
    version_ = version;
    session_ = bench.session_generation();
    ++rebuilds_;
}

void UiContext::notice(std::string text, double seconds) {
    notices.push_back({std::move(text), ImGui::GetTime() + seconds});
    while (notices.size() > 5)
        notices.pop_front();
}

void UiContext::note_item(const std::string& name) const {
    if (probe == nullptr) return;
    probe->items[name] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

ImGuiID DockSlots::node(DockSlot slot) const {
    switch (slot) {
        case DockSlot::Windows:
            return windows;
        case DockSlot::Backend:
            return backend;
        case DockSlot::Route:
            return route;
        case DockSlot::Periodic:
            return periodic;
        case DockSlot::Log:
            return log;
    }
    return space;
}

void DockSlots::dock_next(ImGuiID slot, ImGuiCond cond) {
    if (slot != 0) ImGui::SetNextWindowDockID(slot, cond);
}

void UiContext::place(const Area& area, ImGuiCond cond) {
    ImGui::SetNextWindowPos(area.pos, cond);
    ImGui::SetNextWindowSize(area.size, cond);
}

}  // namespace eventlab::ui
