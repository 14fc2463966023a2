// The inspector with a tapped app, as a person runs it: `eventlab --serve` in a real (virtual)
// X server, a tap (tauri-plugin-eventlab's messages, sent by a fake tap client over the bridge's
// socket, as the plugin sends them) reports a window and a JS listener, and the screenshot is
// taken once the inspector shows the app's window. The panels say what they drew
// (EVENTLAB_REPORT_ITEMS): a window panel badged tapped, with its listener and no real Close.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "bridge/bridge_client.h"
#include "gui/gui_fixture.h"

using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The port in "eventlab: bridge listening on http://127.0.0.1:PORT", read from the app's stdout
// (which ends, and so ends the wait, if the app exits first).
int read_bridge_port(std::FILE* out) {
    constexpr std::string_view kReady = "eventlab: bridge listening on http://127.0.0.1:";
    char line[512];
    while (std::fgets(line, sizeof line, out) != nullptr) {
        const std::string_view text(line);
        if (text.starts_with(kReady)) return std::stoi(std::string(text.substr(kReady.size())));
    }
    return 0;
}

json observed(json record) {
    record["t"] = "observed";
    return record;
}

struct PipeCloser {
    void operator()(std::FILE* f) const { pclose(f); }
};

}  // namespace

TEST_CASE("gui: a tapped app's window shows in the inspector with its listener - observed") {
    const TempDir dir;
    const fs::path png = dir / "tapped.png";
    const fs::path err = dir / "stderr.txt";
    // An inspector with one simulated window of its own, so the tapped one is told apart.
    const fs::path scenario = dir / "settings.json";
    write_file(scenario, R"({"windows": ["settings"], "steps": []})");
    const std::string command =
        "EVENTLAB_SCREENSHOT_AFTER_ITEM=win/main/unlisten/7 EVENTLAB_REPORT_ITEMS=1 " +
        std::string(EVENTLAB_BINARY) + " --serve 0 --scenario " + scenario.string() +
        " --size 1280x800 --frames 3 --screenshot " + png.string() + " 2>" + err.string();
    std::unique_ptr<std::FILE, PipeCloser> app(popen(command.c_str(), "r"));
    REQUIRE(app != nullptr);
    const int port = read_bridge_port(app.get());
    REQUIRE_MESSAGE(port > 0, read_file(err));

    BridgeClient tap(static_cast<std::uint16_t>(port));
    REQUIRE_MESSAGE(tap.error.empty(), tap.error);
    tap.send({{"t", "hello"}, {"peer", "tap"}, {"tauri", "2.12.7"}});
    REQUIRE(tap.next_of("ready"));
    tap.send(observed({{"type", "window"},
                       {"action", "created"},
                       {"label", "main"},
                       {"url", "tauri://localhost/"}}));
    tap.send(observed({{"type", "listen"}, {"in", "main"}, {"listener", 7}, {"event", "notify"}}));
    tap.send(observed({{"type", "emit"}, {"in", "main"}, {"api", "emit"}, {"event", "notify"}}));
    tap.send(observed({{"type", "deliver"}, {"in", "main"}, {"listener", 7}, {"event", "notify"}}));

    // The app waits for the item, then writes the screenshot and exits.
    const int status = pclose(app.release());
    const std::string said = read_file(err);
    CAPTURE(said);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    CHECK(said.find("was not drawn") == std::string::npos);
    CHECK(said.find("eventlab: drawn win/main/tapped\n") != std::string::npos);
    CHECK(said.find("eventlab: drawn win/main/unlisten/7\n") != std::string::npos);
    CHECK(said.find("eventlab: drawn win/main/close-disabled\n") != std::string::npos);
    CHECK(said.find("eventlab: drawn win/main/close\n") == std::string::npos);  // no real Close
    CHECK(said.find("eventlab: drawn win/settings/close\n") != std::string::npos);
    const Image image = load_png(png);
    CHECK(image.width == 1280);
    CHECK(image.colors.size() > 20);
}
