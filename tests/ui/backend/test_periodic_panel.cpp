// The Periodic panel driven headless against a live session: senders are real threads here, so
// these tests wait real (short) time and check that stopping joins the thread.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <string>
#include <thread>

#include "core/scenario/scenario.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file
using namespace std::chrono_literals;

namespace {

constexpr const char* kPeriodicScenario = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "settings", "event": "test-event", "name": "settings global"}
  ]
})";

struct PeriodicFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> panel = ui::make_panel("Periodic senders");
    std::function<void()> draw = [this] { panel->draw(ui); };

    PeriodicFixture() {
        ScenarioParse parse = parse_scenario(kPeriodicScenario, "test");
        REQUIRE(parse.ok());
        bench.open(std::move(*parse), "test", BusConfig{});
        ui.probe = &probe;
        ui.layout.periodic = {{0, 0}, {700, 950}};
        imgui.frames(2, draw);
    }

    bool click(const std::string& item) { return imgui.click_item(probe, item, draw); }
    // Clicks a text field (it selects all its text) and types over it.
    void type_into(const std::string& item, const char* text) {
        REQUIRE(click(item));
        ImGui::GetIO().AddInputCharactersUTF8(text);
        imgui.frames(2, draw);
    }
    std::vector<PeriodicInfo> running() const { return bench.session().periodic(); }
};

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("periodic panel: the seed-ticker preset starts off - at 10 s to all windows") {
    PeriodicFixture f;
    CHECK(f.running().empty());
    CHECK(f.probe.items.count("periodic/seed-ticker/toggle") == 1);
    CHECK(f.probe.items.count("periodic/add") == 1);
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    const auto running = f.running();
    REQUIRE(running.size() == 1);
    CHECK(running[0].threaded);
    CHECK(running[0].spec.interval_us == 10'000'000);
    CHECK(running[0].spec.event == "test-event");
    CHECK_FALSE(running[0].spec.target.has_value());
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    CHECK(f.running().empty());
}

TEST_CASE("periodic panel: a 10 ms sender ticks on its thread and stops dead when turned off") {
    PeriodicFixture f;
    f.type_into("periodic/seed-ticker/interval", "10 ms");
    CHECK(f.running().empty());  // editing does not start it

    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    REQUIRE(f.running().size() == 1);
    CHECK(f.running()[0].spec.interval_us == 10'000);
    // A loaded machine may not schedule the thread for a while: wait for ticks, up to a deadline.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (f.running()[0].ticks < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    CHECK(f.running()[0].ticks >= 2);

    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    CHECK(f.running().empty());  // periodic_stop joined the thread before returning
    const std::uint64_t emits = f.bench.session().bus().counters().emits;
    std::this_thread::sleep_for(40ms);
    CHECK(f.bench.session().bus().counters().emits == emits);

    // What it sent reached the frontend, numbered from 1.
    f.bench.pump(std::numeric_limits<std::size_t>::max());
    const NameStats stats = f.bench.session().stats("settings global");
    CHECK(stats.calls == emits);
    REQUIRE(stats.last_payload);
    CHECK(*stats.last_payload == R"({"data":"tick )" + std::to_string(emits) + "\"}");
}

// The GUI sleeps until an event arrives; a sender's thread wakes it (Platform::wake in the app)
// after each tick, while the frame loop reads the same session.
TEST_CASE("periodic panel: a live sender wakes the idle frame loop from its thread") {
    PeriodicFixture f;
    std::atomic<int> wakes{0};
    f.bench.set_wake([&wakes] { wakes.fetch_add(1, std::memory_order_relaxed); });
    f.type_into("periodic/seed-ticker/interval", "1 ms");
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (wakes.load() < 3 && std::chrono::steady_clock::now() < deadline)
        f.imgui.frames(1, f.draw);  // frames go on while the thread emits
    CHECK(wakes.load() >= 3);
    // A reset replaces the session under the running sender: its thread is joined first, and
    // the new session wakes the same loop.
    f.bench.reset(f.bench.config());
    f.imgui.frames(2, f.draw);
    CHECK(f.running().empty());
    const int before = wakes.load();
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    const auto again = std::chrono::steady_clock::now() + 5s;
    while (wakes.load() < before + 2 && std::chrono::steady_clock::now() < again)
        f.imgui.frames(1, f.draw);
    CHECK(wakes.load() >= before + 2);
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    CHECK(f.running().empty());
}

TEST_CASE("periodic panel: several senders run at once - remove stops its thread") {
    PeriodicFixture f;
    REQUIRE(f.click("periodic/add"));
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    REQUIRE(f.click("periodic/sender-2/toggle"));
    auto running = f.running();
    REQUIRE(running.size() == 2);
    CHECK(running[1].spec.id == "sender-2");
    CHECK(running[1].spec.interval_us == 1'000'000);

    REQUIRE(f.click("periodic/sender-2/remove"));
    running = f.running();
    REQUIRE(running.size() == 1);
    CHECK(running[0].spec.id == "seed-ticker");
}

TEST_CASE("periodic panel: after a session reset the senders show off and start again") {
    PeriodicFixture f;
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    REQUIRE(f.running().size() == 1);
    f.bench.reset(f.bench.config());  // joins the old session's threads
    f.imgui.frames(2, f.draw);
    CHECK(f.running().empty());
    // Shown off: the next click starts it (a row that still thought it ran would stop it).
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    CHECK(f.running().size() == 1);
}

TEST_CASE("periodic panel: an out-of-range interval is clamped to 1 ms .. 1 h") {
    PeriodicFixture f;
    f.type_into("periodic/seed-ticker/interval", "2 h");
    REQUIRE(f.click("periodic/seed-ticker/toggle"));
    REQUIRE(f.running().size() == 1);
    CHECK(f.running()[0].spec.interval_us == kMaxIntervalUs);
}

TEST_SUITE_END();
