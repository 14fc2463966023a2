// The Lifecycle panel drawn headless: a node per window (the Rust backend last), and the log's
// warning on a delivery to a leaked listener.
#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/log/log_panel.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

constexpr const char* kLeaky = R"json({
  "tauri": "stable",
  "windows": ["main", "settings"],
  "steps": [
    {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "test-event"}]},
    {"op": "unmount", "in": "main", "component": "Feed"},
    {"op": "listen", "in": "rust", "event": "refresh",
     "target": {"kind": "Window", "label": "settings"}, "name": "rust-refresh"},
    {"op": "close_window", "label": "settings"},
    {"op": "emit", "event": "test-event"}
  ]
})json";

struct Fixture {
    test::HeadlessImGui imgui{1600, 1000};
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> lifecycle = ui::make_panel("Listener lifecycle");
    ui::LogPanel log;
    std::function<void()> draw = [this] {
        lifecycle->draw(ui);
        log.draw(ui);
    };

    Fixture() {
        ScenarioParse parsed = parse_scenario(kLeaky, "<test>");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error());
        bench.start_stepping(std::move(*parsed), "leaky", BusConfig{});
        while (bench.run_next_step()) {
        }
        ui.probe = &probe;
        ui.layout.log = {{600.0F, 400.0F}, {1000.0F, 600.0F}};
        imgui.frames(3, draw);
    }
    bool drawn(const std::string& item) const { return probe.items.count(item) > 0; }
};

}  // namespace

TEST_CASE("lifecycle panel: a node per window and one for the Rust backend") {
    Fixture fx;
    // A demo (stepping) opens the panel in full, in front.
    CHECK(fx.drawn("lifecycle/window/main"));
    CHECK(fx.drawn("lifecycle/window/settings"));
    REQUIRE(fx.drawn("lifecycle/window/rust"));
    CHECK(fx.probe.items["lifecycle/window/main"].max.y <
          fx.probe.items["lifecycle/window/rust"].min.y);
}

TEST_CASE("lifecycle panel: the log marks the delivery to the leaked listener") {
    Fixture fx;
    // The deliver record of the only emit is the leaked Feed listener's.
    bool warned = false;
    for (const auto& [name, rect] : fx.probe.items) {
        if (name.rfind("log/warning/", 0) == 0) warned = true;
    }
    CHECK(warned);
}

}  // namespace eventlab
