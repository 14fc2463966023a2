// The Backend panel driven headless, as a person would: click the send button, register a Rust
// listener, unlisten it, type a bad event name. Only clicks and typing; no test seam.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "core/scenario/scenario.h"
#include "ui/panel_registry.h"
#include "ui_harness.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

// The seed guide's situation in small: settings listens globally and with {target: settings};
// main listens with getCurrentWindow().listen, target Window{main}.
constexpr const char* kScenario = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "settings", "event": "test-event", "name": "settings global"},
    {"op": "listen", "in": "settings", "event": "test-event", "target": "settings",
     "name": "settings targeted"},
    {"op": "listen", "in": "main", "event": "test-event",
     "target": {"kind": "Window", "label": "main"}, "name": "main window"}
  ]
})";

struct BackendFixture {
    test::HeadlessImGui imgui;
    Workbench bench;
    ui::ItemProbe probe;
    ui::UiContext ui{bench};
    std::unique_ptr<ui::Panel> panel = ui::make_panel("Backend (Rust)");
    std::function<void()> draw = [this] { panel->draw(ui); };

    BackendFixture() {
        ScenarioParse parse = parse_scenario(kScenario, "test");
        REQUIRE(parse.ok());
        bench.open(std::move(*parse), "test", BusConfig{});
        ui.probe = &probe;
        ui.layout.backend = {{0, 0}, {1000, 900}};
        imgui.frames(2, draw);
    }

    bool click(const std::string& item) { return imgui.click_item(probe, item, draw); }
    void pump() { bench.pump(std::numeric_limits<std::size_t>::max()); }
    std::uint64_t calls(const std::string& name) const { return bench.session().stats(name).calls; }
    std::vector<ListenerInfo> rust_listeners() const {
        std::vector<ListenerInfo> out;
        for (const ListenerInfo& l : bench.session().bus().listeners()) {
            if (l.side == Side::Rust) out.push_back(l);
        }
        return out;
    }
};

}  // namespace

TEST_CASE("backend panel: Send with app.emit reaches the JS listeners in settings") {
    BackendFixture f;
    REQUIRE(f.click("backend/emit"));
    f.pump();
    CHECK(f.calls("settings global") == 1);
    CHECK(f.calls("settings targeted") == 1);  // a plain emit has no filter
    CHECK(f.calls("main window") == 1);
    const auto payload = f.bench.session().stats("settings global").last_payload;
    REQUIRE(payload);
    CHECK(nlohmann::json::parse(*payload) == nlohmann::json({{"data", "hello from Rust"}}));
}

TEST_CASE("backend panel: emit_to main still reaches the global listener in settings") {
    BackendFixture f;
    REQUIRE(f.click("backend/api/emit_to"));
    REQUIRE(f.click("backend/emit_to"));  // the default target: the bare label "main"
    f.pump();
    CHECK(f.calls("settings global") == 1);    // target Any: every emit (#11379)
    CHECK(f.calls("settings targeted") == 0);  // AnyLabel{settings} is not main
    CHECK(f.calls("main window") == 1);        // "main" accepts Window{main}
}

TEST_CASE("backend panel: emit_filter reaches Any listeners and the accepted targets only") {
    BackendFixture f;
    REQUIRE(f.click("backend/api/emit_filter"));
    REQUIRE(f.click("backend/emit_filter"));  // accepts nothing yet
    f.pump();
    CHECK(f.calls("settings global") == 1);
    CHECK(f.calls("settings targeted") == 0);
    CHECK(f.calls("main window") == 0);

    REQUIRE(f.click("backend/accept/add"));  // a new row accepts Window{main}
    REQUIRE(f.click("backend/emit_filter"));
    f.pump();
    CHECK(f.calls("settings global") == 2);
    CHECK(f.calls("settings targeted") == 0);
    CHECK(f.calls("main window") == 1);
}

TEST_CASE("backend panel: Register adds a Rust app.listen - its Unlisten removes it") {
    BackendFixture f;
    REQUIRE(f.click("backend/tab/listen"));
    REQUIRE(f.click("backend/listen"));
    const auto added = f.rust_listeners();
    REQUIRE(added.size() == 1);
    CHECK(added[0].event == "test-event");
    CHECK(added[0].target == EventTarget::app());
    CHECK_FALSE(added[0].once);

    // The new listener gets a plain emit, and its row shows up with an Unlisten button.
    REQUIRE(f.click("backend/tab/emit"));
    REQUIRE(f.click("backend/emit"));
    CHECK(f.rust_listeners()[0].calls == 1);
    REQUIRE(f.click("backend/tab/listen"));
    REQUIRE(f.click("backend/unlisten/" + std::to_string(added[0].id)));
    CHECK(f.rust_listeners().empty());
}

TEST_CASE("backend panel: with a bad event name the send button does nothing") {
    BackendFixture f;
    const std::uint64_t before = f.bench.session().bus().counters().emits;
    const float field_y = f.probe.items.at("backend/event").min.y;

    // Click into the name field (the caret lands after "test-event") and type a space.
    REQUIRE(f.click("backend/event"));
    ImGui::GetIO().AddInputCharactersUTF8(" x");
    f.imgui.frames(2, f.draw);
    // The mode's error now sits under the field (the last item the field drew).
    CHECK(f.probe.items.at("backend/event").min.y > field_y);

    REQUIRE(f.click("backend/emit"));
    f.pump();
    CHECK(f.bench.session().bus().counters().emits == before);
    CHECK(f.bench.session().bus().counters().errors == 0);  // not even a failed call
    CHECK(f.calls("settings global") == 0);
}

TEST_CASE("backend panel: the bus snapshot is rebuilt when the bus changes - not every frame") {
    BackendFixture f;
    REQUIRE(f.click("backend/tab/listen"));
    const std::uint64_t taken = f.ui.live.rebuilds();
    f.imgui.frames(20, f.draw);
    CHECK(f.ui.live.rebuilds() == taken);  // nothing changed: no copy of the listeners
    REQUIRE(f.bench.session().bus().emit("test-event", make_text("1"), Source::rust()).ok);
    f.imgui.frames(2, f.draw);
    CHECK(f.ui.live.rebuilds() == taken);  // an emit changes counters, not the listener set
    ListenRequest r;
    r.side = Side::Rust;
    r.event = "added";
    REQUIRE(f.bench.session().listen(r).ok);
    f.imgui.frames(2, f.draw);
    CHECK(f.ui.live.rebuilds() == taken + 1);
    REQUIRE(f.ui.live.rust_listeners().size() == 1);
    CHECK(f.ui.live.rust_listeners()[0].event == "added");
    f.bench.reset(f.bench.config());  // a new session starts its version over
    f.imgui.frames(2, f.draw);
    CHECK(f.ui.live.rebuilds() == taken + 2);
    CHECK(f.ui.live.rust_listeners().empty());
}

TEST_CASE("backend panel: of 1000 Rust listeners only the rows in view are drawn") {
    BackendFixture f;
    std::vector<EventId> ids;
    for (int i = 0; i < 1000; ++i) {
        ListenRequest r;
        r.side = Side::Rust;
        r.event = "many";
        r.name = "many";
        REQUIRE(f.bench.session().listen(r).ok);
    }
    for (const ListenerInfo& l : f.rust_listeners())
        ids.push_back(l.id);
    REQUIRE(f.click("backend/tab/listen"));
    f.imgui.frames(2, f.draw);
    CHECK(f.probe.items.count("backend/unlisten/" + std::to_string(ids.front())) == 1);
    CHECK(f.probe.items.count("backend/unlisten/" + std::to_string(ids.back())) == 0);
    // The rows shown still unlisten the listener they name.
    REQUIRE(f.click("backend/unlisten/" + std::to_string(ids.front())));
    CHECK(f.rust_listeners().size() == 999);
}

// The JavaScript tab (--backend): there only while a stand-in runs, listing what it answered.
TEST_CASE("backend panel: no JavaScript tab without a stand-in") {
    BackendFixture f;
    CHECK(f.probe.items.count("backend/tab/emit") == 1);
    CHECK(f.probe.items.count("backend/tab/stand-in") == 0);
}

TEST_CASE("backend panel: the JavaScript tab lists the commands the stand-in answered") {
    BackendFixture f;
    f.ui.stand_in = [] {
        ui::StandInView view;
        view.file = "backend.mjs";
        view.state = "running";
        view.answered = {{"greet", 2, 0}, {"download", 0, 1}};
        return view;
    };
    f.imgui.frames(2, f.draw);
    REQUIRE(f.probe.items.count("backend/tab/stand-in") == 1);
    CHECK(f.probe.items.count("backend/stand-in/greet") == 0);  // the Emit tab is the one open
    REQUIRE(f.click("backend/tab/stand-in"));
    f.imgui.frames(2, f.draw);
    CHECK(f.probe.items.count("backend/stand-in/greet") == 1);
    CHECK(f.probe.items.count("backend/stand-in/download") == 1);
}
