// Hostile input in the GUI, driven headless: a 100 MB payload selected in the log draws a
// bounded amount, a payload nested 100000 deep is refused by the payload field, an interval of
// 0 or below does not start a sender, and the new-window form refuses labels Tauri refuses.
#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui/log/log_panel.h"
#include "ui/panel_registry.h"
#include "ui/widgets.h"
#include "ui_harness.h"
#include "view/panels/periodic_form.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

constexpr const char* kScenario = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "big", "name": "main"},
    {"op": "listen", "in": "rust", "event": "big", "name": "rust"}
  ]
})";

void open_scenario(Workbench& bench) {
    ScenarioParse parse = parse_scenario(kScenario, "test");
    REQUIRE(parse.ok());
    bench.open(std::move(*parse), "test", BusConfig{});
}

std::uint64_t newest_seq(const Workbench& bench, RecordType type) {
    std::uint64_t seq = 0;
    bench.log().scan(bench.log().first(), bench.log().end(), [&](std::uint64_t, const Record& r) {
        if (r.type == type) seq = r.seq;
    });
    return seq;
}

int drawn_vertices() {
    return ImGui::GetDrawData()->TotalVtxCount;
}

}  // namespace

TEST_CASE("hostile ui: a 100 MB payload selected in the log draws a bounded preview") {
    test::HeadlessImGui imgui;
    Workbench bench;
    open_scenario(bench);
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    ui.probe = &probe;
    ui.layout.log = {{0, 0}, {1500, 900}};
    ui::LogPanel panel;
    const auto draw = [&] {
        ui.animating = false;
        panel.draw(ui);
    };

    std::string huge = "\"";
    huge.append(std::size_t{100} * 1024 * 1024, 'x');
    huge += '"';
    REQUIRE(bench.session().bus().emit("big", make_text(std::move(huge)), Source::rust()).ok);
    bench.pump(std::numeric_limits<std::size_t>::max());
    imgui.frames(2, draw);
    const int rows_only = drawn_vertices();
    const std::uint64_t seq = newest_seq(bench, RecordType::Emit);
    REQUIRE(imgui.click_item(probe, "log/row/" + std::to_string(seq), draw));
    REQUIRE(probe.items.count("log/detail/close") == 1);
    imgui.frame(draw);
    // A glyph is 4 vertices: the detail pane adds what fits on screen, not 64 KiB of text.
    const int with_detail = drawn_vertices();
    MESSAGE("vertices: " << rows_only << " for the rows, " << with_detail << " with the detail");
    CHECK(with_detail - rows_only < 4 * 6000);

    // The bus goes on: a small emit is delivered and shows up as a row.
    REQUIRE(bench.session().bus().emit("big", make_text("1"), Source::rust()).ok);
    bench.pump(std::numeric_limits<std::size_t>::max());
    imgui.frames(2, draw);
    CHECK(newest_seq(bench, RecordType::Emit) > seq);
    CHECK(bench.session().stats("main").calls == 2);
    CHECK(bench.session().stats("rust").calls == 2);
}

TEST_CASE("hostile ui: a payload nested 100000 deep or not UTF-8 is refused by the payload field") {
    ui::JsonField field;
    field.set(std::string(100000, '[') + std::string(100000, ']'));
    CHECK_FALSE(field.valid());
    CHECK(field.error == "payload:1:513: nesting deeper than 512 levels");
    field.set(R"({"data": [[1]]})");
    CHECK(field.valid());
    // Bytes that are not UTF-8 are refused the same way, and the reason quotes them as U+FFFD.
    field.set("\"x\xff\"");
    CHECK_FALSE(field.valid());
    CHECK(field.error.find("ill-formed UTF-8 byte") != std::string::npos);
    CHECK(field.error.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("hostile ui: a periodic interval of 0 or below does not start the sender") {
    for (const char* interval : {"0", "-5 s", "0 ms"}) {
        INFO("interval " << interval);
        test::HeadlessImGui imgui;
        Workbench bench;
        open_scenario(bench);
        ui::ItemProbe probe;
        ui::UiContext ui{bench};
        ui.probe = &probe;
        ui.layout.periodic = {{0, 0}, {700, 950}};
        const std::unique_ptr<ui::Panel> panel = ui::make_panel("Periodic senders");
        const auto draw = [&] { panel->draw(ui); };
        imgui.frames(2, draw);
        REQUIRE(imgui.click_item(probe, "periodic/seed-ticker/interval", draw));
        ImGui::GetIO().AddInputCharactersUTF8(interval);
        imgui.frames(2, draw);
        REQUIRE(imgui.click_item(probe, "periodic/seed-ticker/toggle", draw));
        CHECK(bench.session().periodic().empty());
        CHECK(parse_interval(interval).message ==
              "the interval must be more than 0 (from 1 ms to 1 h): write 250 ms, 10 s, 5 min "
              "or 1 h");
    }
}

namespace {

// Opens Session > New window with Ctrl+N, types `label` and clicks Create.
std::vector<std::string> create_through_dialog(const char* label) {
    test::HeadlessImGui imgui;
    Workbench bench;
    open_scenario(bench);
    ui::AppUi app(bench, nullptr);
    ui::ItemProbe probe;
    app.context().probe = &probe;
    const auto draw = [&] { app.draw(); };
    imgui.frames(2, draw);
    imgui.press_key(ImGuiKey_N, true, draw);
    imgui.frames(2, draw);  // the label field takes the keyboard focus
    ImGui::GetIO().AddInputCharactersUTF8(label);
    imgui.frames(2, draw);
    REQUIRE(imgui.click_item(probe, "new-window/create", draw));
    std::vector<std::string> open;
    for (const WindowInfo& w : bench.session().bus().windows()) {
        if (w.alive) open.push_back(w.label);
    }
    CHECK(bench.session().bus().counters().errors == 0);  // refused by the form, not the bus
    return open;
}

}  // namespace

TEST_CASE("hostile ui: the new-window form refuses labels Tauri refuses") {
    for (const char* bad : {"my window", "a.b", "emoji\xF0\x9F\x98\x80"}) {
        INFO("label " << bad);
        CHECK(create_through_dialog(bad) == std::vector<std::string>{"main", "settings"});
    }
    CHECK(create_through_dialog("panel-2/x:y_z") ==
          std::vector<std::string>{"main", "settings", "panel-2/x:y_z"});
}
