// Windows and built-in events (docs/tauri-rules.md, "Closing a window", "Creating a window"):
// close-requested gating, destroy order, cleanup per mode, and window-created announcements.
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

constexpr std::string_view kClose = "tauri://close-requested";
constexpr std::string_view kDestroyed = "tauri://destroyed";

std::vector<EventTarget> all_targets() {
    return {EventTarget::any(),
            EventTarget::app(),
            EventTarget::any_label("main"),
            EventTarget::window("main"),
            EventTarget::webview("main"),
            EventTarget::webview_window("main"),
            EventTarget::window("other")};
}

const WindowInfo* window_info(const std::vector<WindowInfo>& all, std::string_view label) {
    for (const auto& w : all) {
        if (w.label == label && w.alive) return &w;
    }
    return nullptr;
}

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE(
    "bus: tauri://close-requested reaches Window{L} - WebviewWindow{L} and Any - not AnyLabel") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        for (const auto& t : all_targets()) {
            f.rust(kClose, t, "rust " + describe(t));
            f.js("other", kClose, t, "js " + describe(t));  // Window{main} there holds the close
        }
        REQUIRE(f.bus.close_window("main").ok);
        f.bus.drain_all();
        CHECK(sorted(f.names()) ==
              sorted({"js Any", "js Window{main}", "js WebviewWindow{main}", "rust Any",
                      "rust Window{main}", "rust WebviewWindow{main}"}));
        for (const Call& c : f.calls()) {
            CHECK(c.payload == "null");
            CHECK(c.window == "main");
        }
    }
}

TEST_CASE("bus: tauri://destroyed reaches Window{L} - WebviewWindow{L} and Any - not AnyLabel") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        for (const auto& t : all_targets()) {
            f.rust(kDestroyed, t, "rust " + describe(t));
            f.js("other", kDestroyed, t, "js " + describe(t));
        }
        REQUIRE(f.bus.destroy_window("main").ok);
        f.bus.drain_all();
        // Also where the purge removes the Rust Window/WebviewWindow{main} handlers: Tauri 2.12
        // purges them only after tauri://destroyed has reached them (measured by the oracle).
        const std::vector<std::string> want = {
            "js Any",   "js Window{main}",   "js WebviewWindow{main}",
            "rust Any", "rust Window{main}", "rust WebviewWindow{main}"};
        CHECK(sorted(f.names()) == sorted(want));
        for (const Call& c : f.calls())
            CHECK(c.payload == "null");
    }
}

TEST_CASE("bus: the purge drops a destroyed window's Rust handlers after tauri://destroyed") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        for (const auto& t : all_targets())
            f.rust("refresh", t, "rust " + describe(t));
        REQUIRE(f.bus.destroy_window("main").ok);
        REQUIRE(f.emit("refresh").ok);
        std::vector<std::string> want = {"rust Any", "rust App", "rust AnyLabel{main}",
                                         "rust Window{other}"};
        if (!rules(mode).destroy_purges_listeners) {
            for (const char* kind : {"Window", "Webview", "WebviewWindow"})
                want.push_back(std::string("rust ") + kind + "{main}");
        }
        CHECK(sorted(f.names()) == sorted(want));
    }
}

TEST_CASE("bus: a JS Window{L} or WebviewWindow{L} close-requested listener holds the close") {
    for (Mode mode : kModes) {
        for (const auto& holder :
             {EventTarget::window("main"), EventTarget::webview_window("main")}) {
            INFO("mode " << to_string(mode) << ", holder " << describe(holder));
            BusFixture f(config(mode));
            f.window("main");
            f.js("main", kClose, holder, "holder");
            f.rust(kDestroyed, EventTarget::any(), "destroyed");
            REQUIRE(f.bus.close_window("main").ok);
            CHECK(f.bus.is_alive("main"));
            const auto windows = f.bus.windows();
            REQUIRE(window_info(windows, "main") != nullptr);
            CHECK(window_info(windows, "main")->close_pending);
            f.bus.drain_all();
            CHECK(f.names() == std::vector<std::string>{"holder"});
            CHECK(f.bus.is_alive("main"));
        }
    }
}

TEST_CASE("bus: a Rust listener or a JS Any/AnyLabel/Webview listener does not hold the close") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        f.rust(kClose, EventTarget::window("main"), "rust window");
        f.rust(kClose, EventTarget::webview_window("main"), "rust webview window");
        f.js("main", kClose, EventTarget::any(), "js any in main");
        f.js("other", kClose, EventTarget::any(), "js any in other");
        f.js("main", kClose, EventTarget::any_label("main"), "js anylabel");
        f.js("main", kClose, EventTarget::webview("main"), "js webview");
        f.rust(kDestroyed, EventTarget::any(), "destroyed");
        REQUIRE(f.bus.close_window("main").ok);
        CHECK_FALSE(f.bus.is_alive("main"));
        f.bus.drain_all();
        // The page that closed never ran its handlers; the other window saw the close request.
        CHECK(sorted(f.names()) == std::vector<std::string>{"destroyed", "js any in other",
                                                            "rust webview window", "rust window"});
    }
}

TEST_CASE("bus: a close-requested listener in a dead webview still holds the close (not next)") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        f.js("other", kClose, EventTarget::window("main"), "dead holder");
        REQUIRE(f.bus.destroy_window("other").ok);
        REQUIRE(f.bus.close_window("main").ok);
        f.bus.drain_all();
        // In next the dead webview's listeners were purged with it.
        CHECK(f.bus.is_alive("main") == !rules(mode).destroy_purges_listeners);
        CHECK(f.count("dead holder") == 0);
    }
}

TEST_CASE("bus: 2.0/stable: a dead page's close-requested listener holds the close of a new page") {
    // The registry is keyed by label: the old page's Window{main} listener still counts for the
    // new window `main`, whose page has no callback for it (a skip), so nobody answers the close.
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const EventId old = f.js("main", kClose, EventTarget::window("main"), "old page");
        REQUIRE(f.bus.destroy_window("main").ok);
        f.window("main");
        REQUIRE(f.bus.close_window("main").ok);
        f.bus.drain_all();
        CHECK(f.count("old page") == 0);
        const auto skips = f.sink->of("skip");
        if (rules(mode).destroy_purges_listeners) {
            CHECK_FALSE(f.bus.is_alive("main"));
            CHECK(skips.empty());
        } else {
            CHECK(f.bus.is_alive("main"));
            REQUIRE(skips.size() == 1);
            CHECK(skips[0]["listener"] == old);
        }
    }
}

TEST_CASE("bus: a held close finishes when the handler calls destroy") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        f.js("main", kClose, EventTarget::window("main"), "onCloseRequested",
             [&](const Event& e) { CHECK(f.bus.destroy_window(e.window).ok); });
        f.js("other", kDestroyed, EventTarget::any(), "js destroyed");
        f.js("main", kDestroyed, EventTarget::any(), "js destroyed in main");
        f.rust(kDestroyed, EventTarget::any(), "rust destroyed");
        REQUIRE(f.bus.close_window("main").ok);
        CHECK(f.bus.is_alive("main"));
        CHECK(f.names().empty());
        f.bus.drain_all();
        CHECK_FALSE(f.bus.is_alive("main"));
        CHECK(f.names() ==
              std::vector<std::string>{"onCloseRequested", "rust destroyed", "js destroyed"});
    }
}

TEST_CASE("bus: a held close stays open after prevent_close") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.js("main", kClose, EventTarget::webview_window("main"), "onCloseRequested",
             [&](const Event& e) { CHECK(f.bus.prevent_close(e.window).ok); });
        f.rust(kDestroyed, EventTarget::any(), "destroyed");
        CHECK_FALSE(f.bus.prevent_close("main").ok);  // nothing held yet
        for (int i = 0; i < 2; ++i) {
            REQUIRE(f.bus.close_window("main").ok);
            f.bus.drain_all();
            CHECK(f.bus.is_alive("main"));
            const auto windows = f.bus.windows();
            REQUIRE(window_info(windows, "main") != nullptr);
            CHECK_FALSE(window_info(windows, "main")->close_pending);
        }
        CHECK(f.count("onCloseRequested") == 2);
        CHECK(f.count("destroyed") == 0);
    }
}

TEST_CASE("bus: destroy removes the window first - then tauri://destroyed - its own JS misses it") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.window("other");
        f.js("main", kDestroyed, EventTarget::any(), "js in main");
        f.js("main", kDestroyed, EventTarget::window("main"), "js window in main");
        f.js("other", kDestroyed, EventTarget::any(), "js in other");
        bool alive_in_handler = true;
        f.rust(kDestroyed, EventTarget::any(), "rust",
               [&](const Event&) { alive_in_handler = f.bus.is_alive("main"); });
        REQUIRE(f.bus.destroy_window("main").ok);
        f.bus.drain_all();
        CHECK_FALSE(alive_in_handler);
        CHECK(sorted(f.names()) == std::vector<std::string>{"js in other", "rust"});
        // The window record comes before the emit of tauri://destroyed.
        const auto all = f.sink->all();
        std::size_t window_at = all.size();
        std::size_t emit_at = all.size();
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i]["type"] == "window" && all[i]["action"] == "destroyed") window_at = i;
            if (all[i]["type"] == "emit" && all[i]["event"] == kDestroyed) emit_at = i;
        }
        REQUIRE(window_at < all.size());
        REQUIRE(emit_at < all.size());
        CHECK(window_at < emit_at);
    }
}

TEST_CASE("bus: next purges the dead webview's JS and Rust Window/Webview/WebviewWindow{L}") {
    BusFixture f(config(Mode::Next));
    f.window("main");
    f.window("other");
    std::vector<EventId> kept;
    std::vector<EventId> purged;
    for (const auto& t : all_targets()) {
        const EventId r = f.rust("e", t, "rust " + describe(t));
        const bool labelled_main = is_window_kind(t.kind) && t.label == "main";
        (labelled_main ? purged : kept).push_back(r);
        purged.push_back(f.js("main", "e", t, "js main " + describe(t)));
    }
    kept.push_back(f.js("other", "e", EventTarget::window("main"), "js other Window{main}"));
    REQUIRE(f.bus.destroy_window("main").ok);
    std::vector<EventId> ids;
    for (const auto& l : f.bus.listeners())
        ids.push_back(l.id);
    std::sort(kept.begin(), kept.end());
    CHECK(ids == kept);
    std::vector<EventId> unlistened;
    for (const auto& u : f.sink->of("unlisten")) {
        CHECK(u["reason"] == "purge");
        unlistened.push_back(u["listener"].get<EventId>());
    }
    std::sort(unlistened.begin(), unlistened.end());
    std::sort(purged.begin(), purged.end());
    CHECK(unlistened == purged);
    // A new window with the same label starts clean: no skips, the purged never run.
    f.window("main");
    REQUIRE(f.bus.emit_to(EventTarget::window("main"), "e", nullptr, Source::rust()).ok);
    f.bus.drain_all();
    CHECK(sorted(f.names()) ==
          std::vector<std::string>{"js other Window{main}", "rust Any", "rust AnyLabel{main}"});
    CHECK(f.sink->of("skip").empty());
}

TEST_CASE(
    "bus: 2.0/stable keep Rust Window{L} handlers after destroy: they fire - reported stale") {
    for (Mode mode : {Mode::Tauri20, Mode::Stable}) {
        for (const auto& target : {EventTarget::window("main"), EventTarget::webview("main"),
                                   EventTarget::webview_window("main")}) {
            INFO("mode " << to_string(mode) << ", handler " << describe(target));
            BusFixture f(config(mode));
            f.window("main");
            const EventId id = f.rust("e", target, "rust handler");
            REQUIRE(f.bus.destroy_window("main").ok);
            CHECK(f.sink->of("unlisten").empty());
            const auto all = f.bus.listeners();
            REQUIRE(f.find(all, id) != nullptr);
            CHECK(f.find(all, id)->stale);
            REQUIRE(f.bus.emit_to(target, "e", nullptr, Source::rust()).ok);
            f.window("main");  // a new window reuses the label
            REQUIRE(f.bus.emit_to(target, "e", nullptr, Source::rust()).ok);
            REQUIRE(f.emit("e").ok);
            CHECK(f.count("rust handler") == 3);
            const auto delivers = f.sink->of("deliver");
            REQUIRE(delivers.size() == 3);
            for (const auto& d : delivers)
                CHECK(d["stale"] == true);
        }
    }
}

TEST_CASE("bus: 2.0/stable keep a dead webview's JS listeners - a reused label skips their ids") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        const EventId old = f.js("main", "e", EventTarget::any(), "old page");
        REQUIRE(f.bus.destroy_window("main").ok);
        const auto all = f.bus.listeners();
        if (rules(mode).destroy_purges_listeners) {
            CHECK(f.find(all, old) == nullptr);
        } else {
            REQUIRE(f.find(all, old) != nullptr);
            CHECK(f.find(all, old)->stale);
        }
        CHECK(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.sink->of("skip").empty());  // no live webview: nothing queued at all

        f.window("main");
        f.js("main", "e", EventTarget::any(), "new page");
        CHECK(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.names() == std::vector<std::string>{"new page"});
        const auto skips = f.sink->of("skip");
        if (rules(mode).destroy_purges_listeners) {
            CHECK(skips.empty());
        } else {
            REQUIRE(skips.size() == 1);
            CHECK(skips[0]["listener"] == old);
            CHECK(skips[0]["in"] == "main");
        }
    }
}

TEST_CASE("bus: create_window emits tauri://webview-created then tauri://window-created globally") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        for (const std::string_view ev : {"tauri://webview-created", "tauri://window-created"}) {
            f.rust(ev, EventTarget::app(), "rust " + std::string(ev));
            f.js("main", ev, EventTarget::any(), "js " + std::string(ev));
            f.js("main", ev, EventTarget::any_label("main"), "js main " + std::string(ev));
        }
        REQUIRE(f.bus.create_window("settings").ok);
        f.bus.drain_all();
        CHECK(f.names() == std::vector<std::string>{
                               "rust tauri://webview-created", "rust tauri://window-created",
                               "js tauri://webview-created", "js main tauri://webview-created",
                               "js tauri://window-created", "js main tauri://window-created"});
        for (const Call& c : f.calls())
            CHECK(nlohmann::json::parse(c.payload) == nlohmann::json{{"label", "settings"}});
        const auto emits = f.sink->of("emit");
        REQUIRE(emits.size() == 2);
        CHECK(emits[0]["event"] == "tauri://webview-created");
        CHECK(emits[1]["event"] == "tauri://window-created");
        for (const auto& e : emits) {
            CHECK(e["api"] == "emit");
            CHECK(e["target"] == nullptr);
        }
    }
}

TEST_CASE("bus: create_window(announce=false) emits nothing") {
    BusFixture f;
    f.rust("tauri://window-created", EventTarget::any(), "created");
    REQUIRE(f.bus.create_window("main", false).ok);
    CHECK(f.names().empty());
    CHECK(f.sink->of("emit").empty());
    CHECK(f.bus.counters().emits == 0);
    CHECK(f.bus.is_alive("main"));
}

TEST_CASE("bus: a live label cannot be created twice - Tauri's error - a closed label is reused") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        BusFixture f(config(mode));
        f.window("main");
        f.rust("tauri://window-created", EventTarget::any(), "created");
        f.js("main", "e", EventTarget::any(), "page");
        const std::uint32_t instance = window_info(f.bus.windows(), "main")->instance;

        const OpResult twice = f.bus.create_window("main");
        CHECK_FALSE(twice.ok);
        CHECK_FALSE(twice.panic);  // tauri::Error::WindowLabelAlreadyExists is an Err
        CHECK(twice.error == "a window with label `main` already exists");
        const auto errors = f.sink->of("error");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0]["message"] == twice.error);
        CHECK(errors[0]["op"] == "create_window");
        CHECK(errors[0]["panic"] == false);
        // Nothing happened to the live window: no record, no announcement, same page.
        CHECK(f.sink->of("window").size() == 1);  // the first create only
        CHECK(f.sink->of("emit").empty());
        CHECK(f.names().empty());
        std::size_t mains = 0;
        for (const WindowInfo& w : f.bus.windows())
            mains += w.label == "main" && w.alive ? 1 : 0;
        CHECK(mains == 1);
        CHECK(window_info(f.bus.windows(), "main")->instance == instance);
        CHECK(f.emit("e").ok);
        f.bus.drain_all();
        CHECK(f.take_names() == std::vector<std::string>{"page"});

        REQUIRE(f.bus.close_window("main").ok);
        REQUIRE_FALSE(f.bus.is_alive("main"));
        const OpResult reused = f.bus.create_window("main");
        CHECK_MESSAGE(reused.ok, reused.error);
        CHECK(f.bus.is_alive("main"));
        CHECK(window_info(f.bus.windows(), "main")->instance != instance);
        CHECK(f.take_names() == std::vector<std::string>{"created"});
        CHECK(f.sink->of("error").size() == 1);  // still only the refused create
        const auto windows = f.sink->of("window");
        REQUIRE_FALSE(windows.empty());
        CHECK(windows.back()["action"] == "created");
        CHECK(windows.back()["label"] == "main");
    }
}

TEST_CASE("bus: asking is_alive about 1000 labels nobody created does not grow the symbol table") {
    BusFixture f(config(Mode::Stable));
    f.window("main");
    const std::size_t before = f.bus.symbols().size();
    std::string typed;
    for (int i = 0; i < 1000; ++i) {
        typed += static_cast<char>('a' + i % 26);  // every prefix a user types in the dialog
        CHECK_FALSE(f.bus.is_alive(typed));
    }
    CHECK(f.bus.is_alive("main"));
    CHECK(f.bus.symbols().size() == before);
}

TEST_CASE("bus: live_windows lists the open windows in creation order - closed ones left out") {
    BusFixture f(config(Mode::Stable));
    for (const char* label : {"main", "settings", "about"})
        f.window(label);
    REQUIRE(f.bus.destroy_window("settings").ok);
    REQUIRE(f.bus.create_window("settings", false).ok);  // a reused label: a new, later window
    REQUIRE(f.bus.destroy_window("about").ok);
    const std::vector<WindowInfo> live = f.bus.live_windows();
    std::vector<std::string> labels;
    for (const WindowInfo& w : live) {
        CHECK(w.alive);
        labels.push_back(w.label);
    }
    CHECK(labels == std::vector<std::string>{"main", "settings"});
    CHECK(live[1].instance == window_info(f.bus.windows(), "settings")->instance);
    CHECK(f.bus.windows().size() == 4);  // every instance ever created, for the views that ask
}

TEST_SUITE_END();
