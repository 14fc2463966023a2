// The Demo window driven headless as a speaker drives it: pick "StrictMode without cleanup" from
// the Demos menu, press Next four times (the double delivery), Back, the arrow keys and Space,
// auto-play, the end of the demo, and Leave demo (the session goes on live).
#include <doctest/doctest.h>
#include <stdlib.h>  // setenv

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "ui/demo/demo_panel.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStrict = "03-strictmode-without-cleanup.json";

// The demos as the binary embeds them; the texts must outlive the panel's sources.
struct Demos {
    std::vector<std::string> texts;
    std::vector<DemoSource> sources;

    Demos() {
        std::vector<fs::path> paths;
        for (const auto& e : fs::directory_iterator(fs::path(EVENTLAB_ASSETS_DIR) / "demos")) {
            if (e.path().extension() == ".json") paths.push_back(e.path());
        }
        std::sort(paths.begin(), paths.end());
        texts.reserve(paths.size());
        for (const fs::path& p : paths) {
            std::ifstream in(p, std::ios::binary);
            texts.emplace_back(std::istreambuf_iterator<char>(in),
                               std::istreambuf_iterator<char>());
            sources.push_back({p.filename().string(), texts.back().c_str()});
        }
    }
};

struct DemoFixture {
    Demos demos;
    test::HeadlessImGui imgui{1600, 1000};
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    ui::DemoPanel panel;
    // A host window with a menu bar stands in for the app's main menu bar.
    std::function<void()> draw = [this] {
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize({300, 60});
        ImGui::Begin("host", nullptr, ImGuiWindowFlags_MenuBar);
        if (ImGui::BeginMenuBar()) {
            const bool open = ImGui::BeginMenu("Demos");
            ui.note_item("test/demos");
            if (open) {
                panel.draw_menu_items("Demos", ui);
                ImGui::EndMenu();
            }
            ImGui::EndMenuBar();
        }
        ImGui::End();
        panel.draw(ui);
    };

    DemoFixture() {
        panel.set_demos(demos.sources);
        ui.probe = &probe;
        imgui.frames(2, draw);
    }
    void click(const std::string& item) {
        INFO("item: " << item);
        REQUIRE(imgui.click_item(probe, item, draw));
    }
    bool drawn(const std::string& item) const { return probe.items.count(item) > 0; }
    void pick(const std::string& file) {
        click("test/demos");
        click("demos/menu/" + file);
    }
    std::size_t run() const { return panel.status(ui).steps_run; }
    std::uint64_t feed_calls() const { return bench.session().stats("Feed").calls; }
};

}  // namespace

TEST_CASE("demo panel: the Demos menu lists every demo by title") {
    DemoFixture fx;
    fx.click("test/demos");
    for (const DemoSource& d : fx.demos.sources) {
        CAPTURE(d.name);
        CHECK(fx.drawn("demos/menu/" + d.name));
    }
}

TEST_CASE("demo panel: StrictMode without cleanup - four Nexts show the double delivery") {
    DemoFixture fx;
    fx.pick(kStrict);
    const auto status = fx.panel.status(fx.ui);
    REQUIRE(status.active);
    CHECK(status.title == "StrictMode without cleanup");
    CHECK(status.step_count == 11);
    CHECK(fx.run() == 0);
    CHECK(fx.bench.stepping());
    CHECK(fx.bench.config().mode == Mode::Stable);
    REQUIRE(fx.drawn("demo/next"));

    for (int i = 0; i < 4; ++i)
        fx.click("demo/next");
    CHECK(fx.run() == 4);
    CHECK(fx.feed_calls() == 2);  // one emit, handled twice
    for (const ExpectOutcome& o : fx.bench.outcomes())
        CHECK_MESSAGE(o.ok, o.message);

    // Back replays the steps before on a fresh session: back past the emit, it never happened.
    fx.click("demo/back");
    CHECK(fx.run() == 3);
    CHECK(fx.feed_calls() == 2);
    fx.click("demo/back");
    CHECK(fx.run() == 2);
    CHECK(fx.feed_calls() == 0);
    CHECK(fx.bench.stepping());

    // The keys a speaker uses with a clicker.
    fx.imgui.press_key(ImGuiKey_RightArrow, false, fx.draw);
    CHECK(fx.run() == 3);
    fx.imgui.press_key(ImGuiKey_Space, false, fx.draw);
    CHECK(fx.run() == 4);
    CHECK(fx.feed_calls() == 2);
    fx.imgui.press_key(ImGuiKey_LeftArrow, false, fx.draw);
    CHECK(fx.run() == 3);
    fx.imgui.press_key(ImGuiKey_RightArrow, true,
                       fx.draw);  // Ctrl+Right is someone else's shortcut
    CHECK(fx.run() == 3);

    // Then the fix, to the end: the fixed listener is called once.
    while (fx.run() < 11)
        fx.click("demo/next");
    CHECK(fx.bench.session().stats("fixed").calls == 1);
    fx.imgui.frames(2, fx.draw);
    CHECK(fx.drawn("demo/restart"));
    for (const ExpectOutcome& o : fx.bench.outcomes())
        CHECK_MESSAGE(o.ok, o.message);
}

TEST_CASE("demo panel: auto-play runs a step every 1.5 s and stops at the end") {
    DemoFixture fx;
    fx.pick("04-strictmode-with-cleanup.json");
    fx.click("demo/play");
    CHECK(fx.panel.status(fx.ui).playing);
    CHECK(fx.ui.animating);  // the app keeps drawing while the timer runs
    const std::size_t before = fx.run();
    fx.imgui.frames(100, fx.draw);  // 100 frames of 1/60 s: a little over 1.5 s
    CHECK(fx.run() == before + 1);
    fx.imgui.frames(60 * 12, fx.draw);
    CHECK(fx.run() == fx.panel.status(fx.ui).step_count);
    CHECK_FALSE(fx.panel.status(fx.ui).playing);
}

TEST_CASE("demo panel: leave demo hands the session over live - a reset ends the demo") {
    DemoFixture fx;
    fx.pick(kStrict);
    fx.click("demo/next");
    fx.click("demo/leave");
    CHECK_FALSE(fx.panel.status(fx.ui).active);
    CHECK_FALSE(fx.bench.stepping());
    CHECK(fx.bench.session().live());
    CHECK(fx.bench.session().bus().listener_count() == 2);  // the demo's state stays

    fx.pick(kStrict);
    REQUIRE(fx.panel.status(fx.ui).active);
    fx.bench.reset(fx.bench.config());  // the Session menu's reset
    fx.imgui.frames(2, fx.draw);
    CHECK_FALSE(fx.panel.status(fx.ui).active);
}

TEST_CASE("demo panel: the environment does not start a demo - nor can it end the process") {
    // A demo starts only from the menu: no variable read per frame keeps a person in a demo or
    // throws out of the frame loop on a step that is not a number.
    for (const char* value :
         {"03-strictmode-without-cleanup.json:x", "03-strictmode-without-cleanup.json:1"}) {
        CAPTURE(value);
        ::setenv("EVENTLAB_DEMO_SHOT", value, 1);
        DemoFixture fx;
        CHECK_NOTHROW(fx.imgui.frames(2, fx.draw));
        ::unsetenv("EVENTLAB_DEMO_SHOT");
        CHECK_FALSE(fx.panel.status(fx.ui).active);
        CHECK_FALSE(fx.bench.stepping());
    }
}

TEST_CASE("demo panel: a broken demo is listed but cannot start") {
    DemoFixture fx;
    fx.panel.set_demos({{"broken.json", "{ nope"}, {"ok.json", R"({"steps": []})"}});
    fx.probe.items.clear();
    fx.imgui.frames(2, fx.draw);
    fx.click("test/demos");
    CHECK_FALSE(fx.drawn("demos/menu/broken.json"));
    CHECK(fx.drawn("demos/menu/ok.json"));
}

}  // namespace eventlab
