// The inspector's Workbench: the session it hands the panels serves the scenario's declared
// commands whichever way it was made, and going away with senders running leaves a complete
// recording.
#include <chrono>
#include <memory>
#include <thread>

#include "bus_fixture.h"
#include "core/bus/mode_rules.h"
#include "hang_guard.h"
#include "test_files.h"
#include "view/workbench.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

Scenario parsed(std::string_view text) {
    const ScenarioParse parse = parse_scenario(text, "test.json");
    REQUIRE_MESSAGE(parse.ok(), parse.error());
    return *parse;
}

constexpr std::string_view kWithCommands = R"({
  "windows": ["main"],
  "commands": [
    {"name": "save_settings", "args": ["theme"], "returns": {"saved": true}},
    {"name": "delete_account", "args": ["user_id"], "reject": "permission denied"}
  ],
  "steps": []
})";

}  // namespace

TEST_CASE(
    "workbench: the scenario's declared commands are served after open and reset and in stepping") {
    Workbench bench;
    bench.open(parsed(kWithCommands), "test.json", BusConfig{});
    const InvokeResult r = bench.session().invoke("main", "save_settings", json{{"theme", "t"}});
    CHECK_MESSAGE(r.ok, r.error);
    CHECK(r.value == json{{"saved", true}});
    bench.reset(BusConfig{Mode::Next});  // a fresh session replaying the workspace
    CHECK(bench.session().invoke("main", "delete_account", json{{"userId", "u"}}).error ==
          "permission denied");
    bench.start_stepping(parsed(kWithCommands), "demo.json", BusConfig{});
    CHECK(bench.steps_run() == 0);
    CHECK(bench.session().invoke("main", "delete_account", json{{"userId", "u"}}).error ==
          "permission denied");
}

// Threads run in this test: the suite `threads` is the CTest label the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("workbench: closed with senders running it leaves a complete recording") {
    const TempDir dir;
    const std::string path = (dir / "shutdown.jsonl").string();
    auto bench = std::make_unique<Workbench>();
    bench->open(parsed(R"({
      "windows": ["main"],
      "steps": [
        {"op": "listen", "in": "main", "event": "tick", "name": "js"},
        {"op": "listen", "in": "rust", "event": "tick", "name": "rust"},
        {"op": "periodic_start", "id": "fast", "event": "tick", "interval_ms": 1, "payload": "{n}"},
        {"op": "periodic_start", "id": "slow", "event": "tick", "interval_ms": 3, "payload": "{n}"}
      ]
    })"),
                "shutdown", BusConfig{});
    auto opened = TraceFileSink::open(path, {}, bench->session().clock().now_us());
    REQUIRE_MESSAGE(opened.ok(), opened.error());
    const std::shared_ptr<TraceFileSink> sink = *opened;
    bench->session().recorder().add_sink(sink);

    const auto give_up = std::chrono::steady_clock::now() + kHangGuard;
    while (sink->records_written() < 200 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(1ms);
    REQUIRE(sink->records_written() >= 200);
    for (const PeriodicInfo& p : bench->session().periodic())
        CHECK(p.threaded);

    bench.reset();  // joins the senders while the recording is still attached
    sink->close();
    const TraceLoad load = load_trace(path);
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(load.warnings().empty());
    CHECK(load->records.size() == sink->records_written());
    for (std::size_t i = 0; i < load->records.size(); ++i)
        REQUIRE(load->records[i].seq == i + 1);
}

TEST_SUITE_END();

TEST_CASE("workbench: every session simulates the project - with the permissions of its mode") {
    const std::string path =
        std::string(EVENTLAB_ASSETS_DIR) + "/../tests/data/projects/vanilla-ts";
    std::vector<std::shared_ptr<const acl::Project>> projects;
    for (const Mode mode : kAllModes) {
        auto loaded = load_project_for(path, mode);
        REQUIRE_MESSAGE(loaded.ok(), loaded.error());
        projects.push_back(*loaded);
    }
    Workbench bench;
    bench.set_project(projects);
    bench.open(parsed(kWithCommands), "test.json", BusConfig{});
    for (const Mode mode : kAllModes) {
        CAPTURE(rules(mode).name);
        bench.reset(BusConfig{mode});
        Session& session = bench.session();
        REQUIRE(session.project() != nullptr);
        CHECK(session.project()->rules->tauri == rules(mode).acl_tauri);
        // The configured `main` is the scenario's `main` too: one window, the project's state.
        CHECK(session.bus().windows().size() == 1);
        CHECK(session.invoke("main", "plugin:window|title", json::object()).value == "tauri-app");
        CHECK_FALSE(session.invoke("main", "plugin:window|set_title", {{"value", "x"}}).ok);
        CHECK(session.invoke("main", "save_settings", {{"theme", "dark"}}).ok);
    }
}
