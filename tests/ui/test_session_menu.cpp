// Session ▸ Tauri behaviour, driven headless through the whole AppUi frame as a person would:
// picking another mode asks first, Cancel keeps the session, Reset replaces it with the
// workspace replayed under the new mode (changes made by hand are gone).
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui_harness.h"
#include "view/workbench.h"

namespace eventlab {
namespace {

constexpr const char* kWorkspace = EVENTLAB_ASSETS_DIR "/workspace/default.json";

void open_workspace(Workbench& bench, BusConfig config) {
    ScenarioParse parse = load_scenario(kWorkspace);
    REQUIRE_MESSAGE(parse.ok(), parse.error());
    bench.open(std::move(*parse), "default", config);
}

// What a listener is, without its call counts' timing: enough to tell a fresh session.
using ListenerKey =
    std::tuple<EventId, Side, std::string, std::string, std::string, std::string, std::uint64_t>;
std::vector<ListenerKey> listeners_of(const Workbench& bench) {
    std::vector<ListenerKey> out;
    for (const ListenerInfo& l : bench.session().bus().listeners())
        out.emplace_back(l.id, l.side, l.event, l.webview, describe(l.target), l.name, l.calls);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> open_windows(const Workbench& bench) {
    std::vector<std::string> out;
    for (const WindowInfo& w : bench.session().bus().windows()) {
        if (w.alive) out.push_back(w.label);
    }
    return out;
}

// The id ImGui gives an item `label` submitted in a window with `seed` on top of its id stack.
ImGuiID id_of(const char* label, ImGuiID seed) {
    return ImHashStr(label, 0, seed);
}

struct SessionMenuFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    std::optional<ui::AppUi> app;
    std::function<void()> draw = [this] { app->draw(); };

    SessionMenuFixture() {
        open_workspace(bench, BusConfig{});
        app.emplace(bench, nullptr);
        app->context().probe = &probe;
        imgui.frames(2, draw);
    }

    // Session ▸ `item`, as clicked in the main menu bar.
    void pick_from_session_menu(const char* item) {
        INFO("Session > " << item);
        REQUIRE(imgui.pick_from_menu("Session", item, draw));
        imgui.frames(2, draw);
    }

    void cancel_dialog() {
        // Cancel sits right of Reset on the same line.
        const auto reset = probe.items.find("reset/confirm");
        REQUIRE(reset != probe.items.end());
        const float y = reset->second.center().y;
        const ImGuiWindow* modal = ImGui::FindWindowByName("Reset session?");
        REQUIRE(modal != nullptr);
        REQUIRE(imgui.click_id(id_of("Cancel", modal->ID), {reset->second.max.x, y},
                               {modal->Pos.x + modal->Size.x, y}, draw));
        imgui.frames(2, draw);
    }
};

}  // namespace

TEST_CASE(
    "session menu: another mode asks first - Cancel keeps the session - Reset replays "
    "the workspace under it") {
    SessionMenuFixture f;
    REQUIRE(f.bench.config().mode == Mode::Stable);
    Workbench fresh;  // what a session opened on the workspace in `2.12` looks like
    open_workspace(fresh, [] {
        BusConfig c;
        c.mode = Mode::Next;
        return c;
    }());
    const auto fresh_listeners = listeners_of(fresh);
    const auto fresh_windows = open_windows(fresh);
    REQUIRE_FALSE(fresh_listeners.empty());

    // Changes made by hand: a window, a Rust listener, an emit that reaches the workspace's.
    Session& before = f.bench.session();
    REQUIRE(before.bus().create_window("extra").ok);
    ListenRequest hand;
    hand.side = Side::Rust;
    hand.event = "by-hand";
    hand.name = "by hand";
    REQUIRE(before.listen(hand).ok);
    REQUIRE(before.bus().emit("test-event", nullptr, Source::rust()).ok);
    f.bench.pump(1000);
    const auto edited = listeners_of(f.bench);
    REQUIRE(edited != fresh_listeners);
    const std::uint64_t generation = f.bench.generation();

    f.probe.items.clear();
    SUBCASE("Cancel") {
        f.pick_from_session_menu("2.12");
        REQUIRE(f.probe.items.count("reset/confirm") == 1);  // the dialog is up
        f.cancel_dialog();
        f.probe.items.clear();
        f.imgui.frames(2, f.draw);
        CHECK(f.probe.items.count("reset/confirm") == 0);  // and gone
        CHECK(f.bench.config().mode == Mode::Stable);
        CHECK(&f.bench.session() == &before);
        CHECK(f.bench.generation() == generation);
        CHECK(listeners_of(f.bench) == edited);
        CHECK(open_windows(f.bench) == std::vector<std::string>{"main", "settings", "extra"});
    }
    SUBCASE("Reset") {
        f.pick_from_session_menu("2.12");
        REQUIRE(f.imgui.click_item(f.probe, "reset/confirm", f.draw));
        f.imgui.frames(2, f.draw);
        CHECK(f.bench.config().mode == Mode::Next);
        CHECK(f.bench.config().order == Order::Registration);  // only the mode was picked
        CHECK(f.bench.generation() > generation);
        CHECK(open_windows(f.bench) == fresh_windows);
        CHECK(listeners_of(f.bench) == fresh_listeners);  // same ids from 0, no calls yet
        CHECK(f.bench.session().stats("by hand").calls == 0);
        CHECK(f.bench.session().bus().counters().emits == fresh.session().bus().counters().emits);
        CHECK(f.bench.session().bus().counters().errors == 0);
    }
}

}  // namespace eventlab
