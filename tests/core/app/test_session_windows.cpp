// Windows through scenarios (docs/formats.md): the scenario's `windows` open before step 0 without
// announcements; a create_window step announces webview-created, then window-created.
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

TEST_CASE("session: scenario windows open silently - a create_window step announces the window") {
    for (const std::string mode : {"2.0", "stable", "next"}) {
        INFO("mode " << mode);
        const ScenarioRun run = run_scenario_text(R"({"tauri": ")" + mode + R"(",
  "windows": ["main", "other"],
  "steps": [
    {"op": "listen", "in": "rust", "event": "tauri://window-created", "name": "rust created"},
    {"op": "listen", "in": "main", "event": "tauri://webview-created", "name": "js webview"},
    {"op": "listen", "in": "other", "event": "tauri://window-created", "name": "js window",
     "target": "other"},
    {"op": "expect", "calls": {"rust created": 0, "js webview": 0, "js window": 0}},
    {"op": "create_window", "label": "settings"},
    {"op": "expect", "calls": {"rust created": 1, "js webview": 1, "js window": 1},
     "payload": {"rust created": {"label": "settings"}, "js webview": {"label": "settings"}},
     "windows": ["main", "other", "settings"]}
  ]})");
        for (const auto& o : run.report.outcomes)
            CHECK_MESSAGE(o.ok, o.path << ": " << o.message);
        std::vector<std::string> emitted;
        std::vector<std::string> created;
        for (const auto& r : run.records) {
            if (r["type"] == "emit") {
                emitted.push_back(r["event"].get<std::string>());
                CHECK(r["api"] == "emit");
                CHECK(r["payload"] == nlohmann::json{{"label", "settings"}});
            }
            if (r["type"] == "window") created.push_back(r["label"].get<std::string>());
        }
        // Only the run-time window was announced, webview first.
        CHECK(emitted ==
              std::vector<std::string>{"tauri://webview-created", "tauri://window-created"});
        CHECK(created == std::vector<std::string>{"main", "other", "settings"});
    }
}
