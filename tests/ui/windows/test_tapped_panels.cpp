// A tapped app's window drawn headless in the Windows and Lifecycle panels: a panel of its own,
// badged "tapped", its listener listed, and no control that would pretend to act on the app
// (Close and the listener's × are disabled; there are no listen, emit or invoke forms).
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

using nlohmann::json;

struct TappedPanels {
    test::HeadlessImGui imgui{1600, 1000};
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> windows = ui::make_panel("Windows");
    std::unique_ptr<ui::Panel> lifecycle = ui::make_panel("Listener lifecycle");
    std::function<void()> draw = [this] {
        windows->draw(ui);
        lifecycle->draw(ui);
    };

    TappedPanels() {
        // Stepped, as a demo is: the lifecycle panel is then open in full (else a bar).
        ScenarioParse parsed = parse_scenario(
            R"({"windows": ["settings"], "steps": [{"op": "advance", "ms": 0}]})", "<test>");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error());
        bench.start_stepping(std::move(*parsed), "test", BusConfig{});
        ui.probe = &probe;
        ui.layout.windows = {{0.0F, 0.0F}, {560.0F, 1000.0F}};
        for (const json& r :
             {json{{"type", "window"}, {"action", "created"}, {"label", "main"}},
              json{{"type", "listen"}, {"in", "main"}, {"listener", 7U}, {"event", "notify"}}}) {
            const std::string error = bench.session().observe(r);
            REQUIRE_MESSAGE(error.empty(), error);
        }
        imgui.frames(4, draw);
    }
    bool drawn(const std::string& item) const { return probe.items.count(item) > 0; }
    std::size_t observed_listeners() const {
        const auto all = bench.session().listeners();
        return static_cast<std::size_t>(std::count_if(
            all.begin(), all.end(), [](const ListenerInfo& l) { return l.observed; }));
    }
};

}  // namespace

TEST_CASE("tapped panels: the app's window has a panel badged tapped - with its listener") {
    TappedPanels fx;
    CHECK(fx.drawn("win/main/tapped"));
    CHECK(fx.drawn("win/main/unlisten/7"));
    CHECK(fx.drawn("lifecycle/window/tapped/main"));
    // The simulated window is drawn as before, with its controls.
    CHECK(fx.drawn("win/settings/close"));
    CHECK(fx.drawn("win/settings/listen"));
}

TEST_CASE("tapped panels: nothing in the tapped window's panel acts on the app") {
    TappedPanels fx;
    CHECK_FALSE(fx.drawn("win/main/close"));
    CHECK(fx.drawn("win/main/close-disabled"));
    CHECK_FALSE(fx.drawn("win/main/listen"));
    CHECK_FALSE(fx.drawn("win/main/emit"));
    // The × is there, disabled: clicking it unlistens nothing.
    fx.imgui.click_item(fx.probe, "win/main/unlisten/7", fx.draw);
    fx.imgui.click_item(fx.probe, "win/main/close-disabled", fx.draw);
    CHECK(fx.observed_listeners() == 1);
    CHECK(fx.bench.session().live_windows().size() == 2);
}

}  // namespace eventlab
