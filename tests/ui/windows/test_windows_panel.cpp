// The simulated windows driven headless: the default forms, clicked as a person would, change
// the bus the way the frontend code they stand for would, and the Window section changes the
// window as the platform would, with the events Tauri emits for it in the log.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/window_state.h"
#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui/dock_layout.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

constexpr const char* kTwoWindows = R"json({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "test-event", "name": "main: listen(test-event)"},
    {"op": "listen", "in": "settings", "event": "test-event", "name": "settings: global"}
  ]
})json";

constexpr const char* kBlockingClose = R"json({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "settings", "event": "tauri://close-requested",
     "target": {"kind": "Window", "label": "settings"}, "name": "settings: onCloseRequested"}
  ]
})json";

// The Windows panel alone, or (`whole_app`) the whole inspector with its dock space, where the
// panels are docked as in the app.
struct PanelFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> panel = ui::make_panel("Windows");
    std::optional<ui::AppUi> app;
    std::function<void()> draw = [this] { app ? app->draw() : panel->draw(ui); };

    explicit PanelFixture(const char* scenario = kTwoWindows, bool whole_app = false) {
        ScenarioParse parsed = parse_scenario(scenario, "<test>");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error());
        bench.open(std::move(*parsed), "test", BusConfig{});
        if (whole_app) {
            app.emplace(bench, nullptr);
            app->context().probe = &probe;
        } else {
            ui.probe = &probe;
            ui.layout.windows = {{0.0F, 0.0F}, {560.0F, 1000.0F}};
        }
        imgui.frames(3, draw);
    }

    void click(const std::string& item) {
        INFO("item: " << item);
        REQUIRE(imgui.click_item(probe, item, draw));
    }
    bool drawn(const std::string& item) const { return probe.items.count(item) > 0; }

    std::vector<ListenerInfo> js_listeners(const std::string& label) const {
        std::vector<ListenerInfo> out;
        for (const ListenerInfo& l : bench.session().bus().listeners()) {
            if (l.side == Side::Js && l.webview == label) out.push_back(l);
        }
        return out;
    }
    // The simulated window's ImGui window (its ID: the ### part of its name).
    ImGuiWindow* panel_of(const std::string& label) const {
        for (const WindowInfo& w : bench.session().bus().live_windows()) {
            if (w.label == label)
                return ImGui::FindWindowByName(ui::sim_window_id(w.instance).c_str());
        }
        return nullptr;
    }
    NativeWindowState state(const std::string& label) {
        const auto s = bench.session().window_state(label);
        REQUIRE(s.has_value());
        return *s;
    }
    // How often the log shows `event` emitted (Tauri emits a window's events to its Window and
    // WebviewWindow targets).
    std::size_t emitted(std::string_view event) {
        std::size_t n = 0;
        const Symbols& symbols = bench.session().recorder().symbols();
        bench.log().scan(bench.log().first(), bench.log().end(),
                         [&](std::uint64_t, const Record& r) {
                             if (r.type == RecordType::Emit && symbols.view(r.event) == event) ++n;
                         });
        return n;
    }
};

}  // namespace

TEST_CASE("windows panel: one window per live simulated window - stacked without overlap") {
    PanelFixture fx;
    REQUIRE(fx.drawn("win/main/close"));
    REQUIRE(fx.drawn("win/settings/close"));
    // Each button sits in its own window: main's above settings'.
    CHECK(fx.probe.items["win/main/close"].max.y < 500.0F);
    CHECK(fx.probe.items["win/settings/close"].min.y > 500.0F);
}

TEST_CASE("windows panel: the default listen form listens to test-event in that window") {
    PanelFixture fx;
    const std::size_t before = fx.js_listeners("main").size();
    fx.click("win/main/listen");
    const auto after = fx.js_listeners("main");
    REQUIRE(after.size() == before + 1);
    CHECK(after.back().event == "test-event");
    CHECK(after.back().target == EventTarget::any());
    CHECK_FALSE(after.back().once);
    CHECK(after.back().name == "main: listen(test-event)");
    // The new row gets its unlisten button.
    fx.imgui.frames(2, fx.draw);
    CHECK(fx.drawn("win/main/unlisten/" + std::to_string(after.back().id)));

    fx.click("win/main/once");
    const auto with_once = fx.js_listeners("main");
    REQUIRE(with_once.size() == before + 2);
    CHECK(with_once.back().once);
}

TEST_CASE("windows panel: emit from main reaches the listener in settings") {
    PanelFixture fx;
    fx.click("win/main/tab/emit");
    fx.click("win/main/emit");
    fx.bench.pump(1'000);
    const NameStats stats = fx.bench.session().stats("settings: global");
    CHECK(stats.calls == 1);
    REQUIRE(stats.last_payload.has_value());
    CHECK(nlohmann::json::parse(*stats.last_payload) == nlohmann::json{{"data", "test data"}});
}

TEST_CASE("windows panel: emitTo and invoke run from inside the window") {
    PanelFixture fx;
    fx.click("win/settings/tab/emitTo");
    fx.click("win/settings/emitTo");  // the default target is the bare label "main"
    fx.bench.pump(1'000);
    CHECK(fx.bench.session().stats("main: listen(test-event)").calls == 1);
    CHECK(fx.bench.session().stats("settings: global").calls == 1);  // a global listener gets it

    fx.click("win/settings/tab/invoke");
    fx.click("win/settings/invoke");  // send_test_event_from_backend {"data": "test data"}
    fx.bench.pump(1'000);
    CHECK(fx.bench.session().stats("main: listen(test-event)").calls == 2);
    CHECK(fx.bench.session().stats("settings: global").calls == 2);
}

TEST_CASE("windows panel: an unlisten button removes its listener") {
    PanelFixture fx;
    const auto listeners = fx.js_listeners("settings");
    REQUIRE(listeners.size() == 1);
    const EventId id = listeners.front().id;
    fx.click("win/settings/unlisten/" + std::to_string(id));
    CHECK(fx.js_listeners("settings").empty());
    CHECK(fx.js_listeners("main").size() == 1);  // only that one
}

TEST_CASE("windows panel: a held close shows destroy anyway - which destroys the window") {
    PanelFixture fx(kBlockingClose);
    CHECK_FALSE(fx.drawn("win/settings/destroy"));
    fx.click("win/settings/close");
    EventBus& bus = fx.bench.session().bus();
    REQUIRE(bus.is_alive("settings"));
    const auto windows = bus.windows();
    const auto settings = std::find_if(windows.begin(), windows.end(),
                                       [](const WindowInfo& w) { return w.label == "settings"; });
    REQUIRE(settings != windows.end());
    CHECK(settings->close_pending);
    REQUIRE(fx.drawn("win/settings/destroy"));

    fx.click("win/settings/destroy");
    CHECK_FALSE(bus.is_alive("settings"));
    CHECK(bus.is_alive("main"));

    // Closing main, which nothing holds, destroys it at once.
    fx.click("win/main/close");
    CHECK_FALSE(bus.is_alive("main"));
}

TEST_CASE("windows panel: mount and unmount without cleanup leave a leaked listener - marked") {
    PanelFixture fx;
    fx.click("win/main/tab/components");
    fx.click("win/main/cleanup");  // on by default: turn it off
    fx.click("win/main/mount");
    const std::size_t mounted = fx.js_listeners("main").size();
    CHECK(mounted == 2);  // the scenario's listener and the component's
    fx.click("win/main/unmount");

    const auto after = fx.js_listeners("main");
    REQUIRE(after.size() == 2);  // nothing was unlistened
    CHECK(after.back().leaked);
    CHECK(after.back().name == "EventListener");
    fx.imgui.frames(2, fx.draw);
    CHECK(fx.drawn("win/main/leaked/" + std::to_string(after.back().id)));
    CHECK_FALSE(fx.drawn("win/main/leaked/" + std::to_string(after.front().id)));

    // With cleanup on again, the next mount and unmount leave nothing behind.
    fx.click("win/main/cleanup");
    fx.click("win/main/mount");
    CHECK(fx.js_listeners("main").size() == 3);
    fx.click("win/main/unmount");
    CHECK(fx.js_listeners("main").size() == 2);
}

TEST_CASE("windows panel: a label reused after a close shows the old page's listener as stale") {
    PanelFixture fx;
    const EventId old_id = fx.js_listeners("settings").front().id;
    EventBus& bus = fx.bench.session().bus();
    fx.click("win/settings/close");
    REQUIRE_FALSE(bus.is_alive("settings"));
    fx.imgui.frames(2, fx.draw);
    REQUIRE(bus.create_window("settings").ok);
    fx.imgui.frames(3, fx.draw);
    CHECK(fx.drawn("win/settings/stale/" + std::to_string(old_id)));
    // Its unlisten button still works: the registration is real, only the page is gone.
    fx.click("win/settings/unlisten/" + std::to_string(old_id));
    CHECK(fx.js_listeners("settings").empty());
}

TEST_CASE("windows panel: a new session drops the old windows' state") {
    PanelFixture fx;
    fx.click("win/main/listen");
    fx.bench.reset(fx.bench.config());  // replays the scenario: one listener in main again
    fx.imgui.frames(3, fx.draw);
    CHECK(fx.js_listeners("main").size() == 1);
    fx.click("win/main/listen");
    CHECK(fx.js_listeners("main").size() == 2);
}

TEST_CASE("windows panel: Window section - maximize and back emit tauri://resize") {
    PanelFixture f;
    f.click("win/main/state");  // the section opens
    REQUIRE(f.probe.items.count("win/main/state/maximized") == 1);
    const NativeWindowState before = f.state("main");
    REQUIRE_FALSE(before.maximized);

    REQUIRE(f.emitted("tauri://resize") == 0);
    f.click("win/main/state/maximized");
    const NativeWindowState maximized = f.state("main");
    CHECK(maximized.maximized);
    CHECK(maximized.size == simulated_monitor().work_area_size);
    CHECK(f.emitted("tauri://resize") == 1);

    f.click("win/main/state/maximized");
    CHECK_FALSE(f.state("main").maximized);
    CHECK(f.state("main").size == before.size);  // where maximize found it
}

TEST_CASE("windows panel: Window section - focusing one window blurs the other") {
    PanelFixture f;
    f.click("win/settings/state");
    f.click("win/main/state");
    // The last window created has the focus; main takes it.
    REQUIRE(f.state("settings").focused);
    REQUIRE_FALSE(f.state("main").focused);
    const std::size_t blurs = f.emitted("tauri://blur");
    f.click("win/main/state/focused");
    CHECK(f.state("main").focused);
    CHECK_FALSE(f.state("settings").focused);
    CHECK(f.emitted("tauri://blur") == blurs + 1);
    CHECK(f.emitted("tauri://focus") >= 1);
}

TEST_CASE("windows panel: Window section - a new title renames the panel - which keeps its place") {
    PanelFixture f(kTwoWindows, true);
    f.click("win/main/state");
    ImGuiWindow* panel = f.panel_of("main");
    REQUIRE(panel != nullptr);
    CHECK(std::string(panel->Name).rfind("main###", 0) == 0);  // Tauri's default title: the label
    const ImGuiID id = panel->ID;
    const ImVec2 pos = panel->Pos;

    f.click("win/main/state/title");  // the caret lands after "Tauri App"
    ImGui::GetIO().AddInputCharactersUTF8(" 2");
    f.imgui.frames(2, f.draw);
    CHECK(f.state("main").title == "Tauri App");  // not yet: the field is still being edited
    f.imgui.press_key(ImGuiKey_Enter, false, f.draw);
    f.imgui.frames(2, f.draw);
    CHECK(f.state("main").title == "Tauri App 2");
    CHECK(f.emitted("tauri://resize") == 0);

    // Titled as the Tauri window, its label beside; the same ImGui window (ID, place), so a
    // layout kept in imgui.ini still finds it.
    ImGuiWindow* renamed = ImGui::FindWindowByID(id);
    REQUIRE(renamed != nullptr);
    CHECK(std::string(renamed->Name).rfind("Tauri App 2  \xC2\xB7  main###", 0) == 0);
    CHECK(renamed->Pos.x == pos.x);
    CHECK(renamed->Pos.y == pos.y);
}

}  // namespace eventlab

namespace eventlab {
namespace {

// A page connected through the bridge, as the bus sees it.
class RecordingPage final : public PageLink {
  public:
    std::string url() const override { return "http://localhost:5173/?eventlab-label=page"; }
    void queued() override {}
    void unregistered(EventId, std::string_view) override {}
    void destroyed() override { ++destroyed_count; }
    int destroyed_count = 0;
};

}  // namespace

TEST_CASE("ui windows: a bridged page is marked live page and closing its panel tells the page") {
    PanelFixture f;
    auto page = std::make_shared<RecordingPage>();
    REQUIRE(f.bench.session().bus().create_window("page", true, {}, page).ok);
    f.imgui.frames(3, f.draw);
    CHECK(f.drawn("win/page/live-page"));
    CHECK_FALSE(f.drawn("win/main/live-page"));
    f.click("win/page/close");
    CHECK(page->destroyed_count == 1);
    CHECK_FALSE(f.bench.session().bus().is_alive("page"));
}

}  // namespace eventlab
