// Every listener by window and component with its lifecycle state. The model
// (view/windows/lifecycle.h) does the work and is caught up once per frame; this file only draws
// it.
#include <imgui.h>

#include <algorithm>
#include <memory>
#include <string>

#include "ui/panel_registry.h"
#include "ui/widgets.h"
#include "ui/windows/lifecycle_view.h"

namespace eventlab::ui {

// Every listener by window and component, with its lifecycle state (live, leaked, stale,
// removed) and per-window counters.
class LifecyclePanel final : public Panel {
  public:
    LifecyclePanel();
    ~LifecyclePanel() override;
    void draw(UiContext& ui) override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

namespace {

constexpr const char* kWindowId = "###lifecycle";

// Tests draw panels without AppUi, which is what computes the layout.
bool has(const Area& area) {
    return area.size.x > 0.0F && area.size.y > 0.0F;
}

// While a guided demo runs the panel takes the Backend panel's place (the demo drives the
// session, its forms can wait) beside the Demo window.
Area demo_area(const UiContext& ui) {
    if (has(ui.layout.backend)) return ui.layout.backend;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    return {{viewport->WorkPos.x + viewport->WorkSize.x * 0.25F, viewport->WorkPos.y},
            {viewport->WorkSize.x * 0.33F, viewport->WorkSize.y * 0.55F}};
}

// Otherwise it rests as a title bar at the bottom of the periodic senders' area (their panel
// leaves room there, and the bar covers no log row); expanded, it widens to what a listener row
// needs and lifts itself on screen.
Area bar_area(const UiContext& ui) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const Area periodic = has(ui.layout.periodic)
                              ? ui.layout.periodic
                              : Area{{viewport->WorkPos.x + viewport->WorkSize.x * 0.25F,
                                      viewport->WorkPos.y + viewport->WorkSize.y * 0.55F},
                                     {viewport->WorkSize.x * 0.3F, viewport->WorkSize.y * 0.45F}};
    const float bar = ImGui::GetFrameHeight();
    return {{periodic.pos.x, periodic.pos.y + periodic.size.y - bar}, periodic.size};
}

std::string title(const LifecycleCounters& total) {
    std::string out = "Listener lifecycle";
    if (total.leaked > 0) out += "  \xC2\xB7  " + std::to_string(total.leaked) + " leaked";
    if (total.stale > 0) out += "  \xC2\xB7  " + std::to_string(total.stale) + " stale";
    return out + kWindowId;
}

std::string component_title(const LifecycleWindow& w, const LifecycleComponent& c) {
    if (c.instance == 0) return w.rust ? "Rust handlers" : "outside components";
    std::string out = "<" + c.name + "> #" + std::to_string(c.instance) + "  ";
    if (c.mounted) return out + (c.cleanup ? "mounted, with cleanup" : "mounted, no cleanup");
    return out + (c.cleanup ? "unmounted, cleaned up" : "unmounted WITHOUT cleanup");
}

ImVec4 component_color(const LifecycleComponent& c) {
    if (c.instance != 0 && !c.mounted && !c.cleanup) return leaked_state_color();
    if (c.instance != 0 && !c.mounted) return removed_color();
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

std::string state_words(const LifecycleListener& l) {
    switch (l.state) {
        case ListenerState::Live:
            return l.pending ? "live (queued listen)" : "live";
        case ListenerState::Leaked:
            return l.window_gone ? "leaked+stale" : "leaked";
        case ListenerState::Stale:
            return "stale";
        case ListenerState::Removed:
            return "removed";
    }
    return "live";
}

std::string note_words(const LifecycleListener& l) {
    if (l.state == ListenerState::Removed) return removal_words(l.reason);
    std::string out;
    if (l.late_calls > 0) {
        // What went wrong first: a narrow column still shows it.
        out = "ran " + std::to_string(l.late_calls) + "\xC3\x97 " +
              (l.state == ListenerState::Leaked ? "after its unmount" : "after its window closed") +
              " \xC2\xB7 ";
    }
    out += describe(l.target);
    if (l.once) out += ", once";
    return out;
}

void draw_counters(const LifecycleCounters& c) {
    ImGui::TextColored(live_color(), "live %zu", c.live);
    ImGui::SameLine();
    ImGui::TextColored(c.leaked > 0 ? leaked_state_color() : dim_color(), "leaked %zu", c.leaked);
    ImGui::SameLine();
    ImGui::TextColored(c.stale > 0 ? stale_state_color() : dim_color(), "stale %zu", c.stale);
    if (c.removed > 0) {
        ImGui::SameLine();
        ImGui::TextColored(removed_color(), "removed %zu", c.removed);
    }
}

// Handlers that ran although nobody should be listening any more: the point of the panel.
void draw_late_deliveries(const LifecycleCounters& c) {
    ImGui::PushTextWrapPos(0.0F);
    if (c.leaked_deliveries > 0) {
        ImGui::TextColored(leaked_state_color(),
                           "%llu %s to leaked listeners: handlers of unmounted components ran",
                           static_cast<unsigned long long>(c.leaked_deliveries),
                           c.leaked_deliveries == 1 ? "delivery" : "deliveries");
    }
    if (c.stale_deliveries > 0) {
        ImGui::TextColored(stale_state_color(), "%llu %s to stale listeners: their window is gone",
                           static_cast<unsigned long long>(c.stale_deliveries),
                           c.stale_deliveries == 1 ? "delivery" : "deliveries");
    }
    ImGui::PopTextWrapPos();
}

void draw_component(const LifecycleWindow& w, const LifecycleComponent& c) {
    ImGui::TextColored(component_color(c), "%s", component_title(w, c).c_str());
    if (c.listeners.empty()) {
        ImGui::Indent();
        ImGui::TextDisabled("no listeners");
        ImGui::Unindent();
        return;
    }
    constexpr ImGuiTableFlags kFlags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    const std::string id = "##" + w.label + "/" + std::to_string(c.instance);
    if (!ImGui::BeginTable(id.c_str(), 5, kFlags)) return;
    ImGui::TableSetupColumn("id", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00000").x);
    ImGui::TableSetupColumn("event / name", ImGuiTableColumnFlags_WidthStretch, 1.4F);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 1.0F);
    ImGui::TableSetupColumn("calls", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("calls0").x);
    ImGui::TableSetupColumn("why", ImGuiTableColumnFlags_WidthStretch, 2.0F);
    for (const LifecycleListener& l : c.listeners) {
        const bool removed = l.state == ListenerState::Removed;
        ImGui::TableNextRow();
        if (removed) ImGui::PushStyleColor(ImGuiCol_Text, removed_color());
        ImGui::TableNextColumn();
        ImGui::Text("%u", l.id);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l.event.c_str());
        if (!l.name.empty() && l.name != c.name) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", l.name.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextColored(state_color(l.state), "%s", state_words(l).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(l.calls));
        ImGui::TableNextColumn();
        const std::string note = note_words(l);
        if (l.late_calls > 0) {
            ImGui::TextColored(error_color(), "%s", note.c_str());
        } else {
            ImGui::TextUnformatted(note.c_str());
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", note.c_str());
        if (removed) ImGui::PopStyleColor();
    }
    ImGui::EndTable();
}

// The records the model reads per update: its share of a frame (see kLogScanBudget).
LifecycleOptions panel_options() {
    LifecycleOptions options;
    options.scan_budget = 40'000;
    return options;
}

}  // namespace

struct LifecyclePanel::State {
    LifecycleModel model{panel_options()};
    bool was_stepping = false;
    std::string demo_name;
    bool placed_by_demo = false;  // a demo put it over the Backend panel: put it back after
    bool was_collapsed = false;
    double updated_at = -1.0;  // ImGui time of the last model update
    std::uint64_t bus_version = ~std::uint64_t{0};
    std::uint64_t log_end = ~std::uint64_t{0};  // of the live log at the last update
    std::uint64_t generation = ~std::uint64_t{0};
};

LifecyclePanel::LifecyclePanel() : state_(std::make_unique<State>()) {}
LifecyclePanel::~LifecyclePanel() = default;

void LifecyclePanel::draw(UiContext& ui) {
    State& s = *state_;
    Workbench& bench = ui.workbench;
    // The live session, also while a trace is viewed: the trace has no components to group by.
    // A change of listeners or windows shows at once, and a log not read to its end is read on
    // every frame (a share of it each time); deliveries alone, which only move counts, ten times
    // a second, as fast as a person reads counts, and twice a second while the panel is the
    // collapsed bar that shows only the totals.
    const double now = ImGui::GetTime();
    const double interval = s.was_collapsed ? 0.5 : 0.1;
    const std::uint64_t version = bench.session().state_version();
    const std::uint64_t log_end = bench.live_log().end();
    const bool fresh =
        version == s.bus_version && log_end == s.log_end && bench.generation() == s.generation;
    // Listeners and windows that changed show at once; records wait for the log's filter.
    const bool reshaped =
        version != s.bus_version || bench.generation() != s.generation || bench.stepping();
    if (!fresh || !s.model.caught_up()) {
        if (reshaped ||
            (!ui.filter_scanning() && (!s.model.caught_up() || now - s.updated_at >= interval))) {
            s.model.update(bench.session(), bench.live_log(), bench.generation());
            s.bus_version = version;
            s.log_end = log_end;
            s.generation = bench.generation();
            s.updated_at = now;
        } else {
            ui.animating = true;  // come back for the deliveries once the interval has passed
        }
    }
    if (!s.model.caught_up()) ui.animating = true;

    const bool demo_started = bench.stepping() && (!s.was_stepping || s.demo_name != bench.name());
    const bool demo_ended = !bench.stepping() && s.was_stepping;
    s.was_stepping = bench.stepping();
    s.demo_name = bench.name();
    if (ui.dock.active()) {
        // A tab behind the periodic senders; a guided demo is about it: its tab in front.
        DockSlots::dock_next(ui.dock.periodic);
        if (demo_started) ImGui::SetNextWindowFocus();
    } else if (demo_started) {
        // A guided demo is about this panel: show it in full, in front.
        const Area area = demo_area(ui);
        ImGui::SetNextWindowPos(area.pos, ImGuiCond_Always);
        ImGui::SetNextWindowSize(area.size, ImGuiCond_Always);
        ImGui::SetNextWindowCollapsed(false, ImGuiCond_Always);
        ImGui::SetNextWindowFocus();
        s.placed_by_demo = true;
    } else {
        // Back to the bar after a demo, or there on first use; the title carries the counts.
        const ImGuiCond cond =
            demo_ended && s.placed_by_demo ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
        const Area area = bar_area(ui);
        ImGui::SetNextWindowPos(area.pos, cond);
        ImGui::SetNextWindowSize(area.size, cond);
        ImGui::SetNextWindowCollapsed(true, cond);
        if (demo_ended) s.placed_by_demo = false;
    }
    ImGui::SetNextWindowBgAlpha(1.0F);  // it covers a panel: none of it may show through
    const LifecycleCounters total = s.model.totals();
    // Docked, it stays behind the periodic senders' tab until asked for: with 200 windows its
    // listener tree is the costliest thing a frame could draw.
    const bool open = ImGui::Begin(title(total).c_str(), nullptr,
                                   ui.dock.active() ? ImGuiWindowFlags_NoFocusOnAppearing : 0);
    const bool collapsed = ImGui::IsWindowCollapsed();
    if (!collapsed && s.was_collapsed && !ui.dock.active()) {
        // Just expanded from the bar: wide enough for a listener row, the height it had.
        const float wide = demo_area(ui).size.x;
        if (ImGui::GetWindowWidth() < wide) ImGui::SetWindowSize({wide, ImGui::GetWindowHeight()});
    }
    s.was_collapsed = collapsed;
    if (open && !ui.dock.active()) {
        // Expanded from the bar at the bottom it would hang off the screen: lift it back up.
        const ImGuiViewport* viewport = ImGui::GetMainViewport();
        const float bottom = viewport->WorkPos.y + viewport->WorkSize.y;
        const ImVec2 pos = ImGui::GetWindowPos();
        const float height = ImGui::GetWindowHeight();
        if (pos.y + height > bottom) {
            ImGui::SetWindowPos({pos.x, std::max(viewport->WorkPos.y, bottom - height)});
        }
    }
    if (!open) {
        ImGui::End();
        return;
    }
    ImGui::TextDisabled("All:");
    ImGui::SameLine();
    draw_counters(total);
    ImGui::SameLine();
    help_marker(
        "Every listener of the session, by window and by the component that registered it.\n"
        "live: registered and expected.\n"
        "leaked: its component unmounted without cleanup (no `return () => unlisten()`): still "
        "registered, and its handler still runs.\n"
        "stale: its window was destroyed, but in 2.0 / stable it stays registered (Rust "
        "window.listen handlers keep firing, also for a new window with the same label).\n"
        "removed: once, unlisten, purge (next) or an unmount cleanup took it away; shown "
        "greyed for a while.");
    ImGui::Separator();
    if (s.model.windows().empty()) ImGui::TextDisabled("No windows and no listeners.");
    for (const LifecycleWindow& w : s.model.windows()) {
        ImGui::PushID(w.rust ? "##rust" : w.label.c_str());
        ImGui::PushID(w.observed ? 1 : 0);  // a tapped window may share a simulated one's label
        const std::string header =
            w.rust ? std::string("Rust backend")
                   : w.label + (w.observed ? "  (tapped)" : "") + (w.alive ? "" : "  (closed)");
        const bool expanded = ImGui::TreeNodeEx(
            "##window", ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth, "%s",
            header.c_str());
        ui.note_item("lifecycle/window/" + (w.rust       ? std::string("rust")
                                            : w.observed ? "tapped/" + w.label
                                                         : w.label));
        ImGui::SameLine();
        draw_counters(w.counters);
        if (expanded) {
            draw_late_deliveries(w.counters);
            if (w.components.empty()) ImGui::TextDisabled("no listeners");
            for (const LifecycleComponent& c : w.components)
                draw_component(w, c);
            ImGui::TreePop();
        }
        ImGui::PopID();
        ImGui::PopID();
    }
    ImGui::End();
}

namespace {

const PanelRegistration kLifecyclePanel{{
    .name = "Listener lifecycle",
    .order = 70,
    // A tab behind the periodic senders.
    .windows = {{.name = kWindowId, .slot = DockSlot::Periodic}},
    .focus_keys = "Ctrl+Shift+E",
    .focus_chord = ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_E,
    .make = &make_instance<LifecyclePanel>,
}};

}  // namespace

}  // namespace eventlab::ui
