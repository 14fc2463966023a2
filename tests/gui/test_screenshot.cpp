// The real binary under xvfb-run: `--screenshot` renders the inspector and writes a PNG of the
// whole window; these tests read that PNG back the way a person looking at it would judge it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gui/gui_fixture.h"

using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
namespace fs = std::filesystem;

TEST_CASE("gui: --screenshot writes a PNG of the whole window at --size - with content") {
    const TempDir dir;
    const fs::path png = dir / "default.png";
    REQUIRE(run_eventlab("--screenshot " + png.string() + " --frames 3 --size 1280x800").status ==
            0);
    const Image image = load_png(png);
    CHECK(image.width == 1280);
    CHECK(image.height == 800);
    // A blank or single-colour frame would mean nothing was drawn.
    CHECK(image.colors.size() > 20);
}

TEST_CASE("gui: --screenshot of a scenario in another mode renders too") {
    const TempDir dir;
    const fs::path png = dir / "scenario.png";
    const std::string scenario = std::string(EVENTLAB_ASSETS_DIR) + "/workspace/default.json";
    REQUIRE(
        run_eventlab("gui --scenario " + scenario + " --tauri next --screenshot " + png.string())
            .status == 0);
    CHECK(load_png(png).width == 1600);
}

TEST_CASE("gui: an unusable scenario exits 2 before any window opens") {
    const TempDir dir;
    const fs::path bad = dir / "bad.json";
    std::ofstream(bad) << "{\"steps\": [ {\"op\": \"nope\"} ]}";
    CHECK(run_eventlab("--scenario " + bad.string() + " --screenshot " + (dir / "x.png").string())
              .status == 2);
    CHECK_FALSE(fs::exists(dir / "x.png"));
}

// Any script a payload carries renders: the fonts load each glyph the first time a text needs it,
// from the UI font or one of fontconfig's fallbacks merged behind it (a CJK one, found by
// fontconfig; DejaVu has Arabic). EVENTLAB_REPORT_GLYPHS makes the app name the fallbacks and
// the code points of the text that no font has (drawn as '?'): without an installed CJK font
// this fails. The payload is shown in the log and in the window's Received feed.
TEST_CASE(
    "gui: payloads in Chinese and Japanese and Korean and Arabic render - no glyph is missing") {
    const TempDir dir;
    const std::string text = "你好 こんにちは 안녕하세요 مرحبا \u4DB5 \u9FA5 \uFF01";
    const fs::path scenario = dir / "scripts.json";
    std::ofstream(scenario) << R"({"windows": ["main"], "steps": [)"
                               R"({"op": "listen", "in": "main", "event": "greet"},)"
                               R"({"op": "emit", "event": "greet", "payload": {"data": ")"
                            << text << R"("}}]})";
    const fs::path png = dir / "scripts.png";
    const Run run = run_eventlab(
        "--scenario " + scenario.string() + " --screenshot " + png.string() + " --frames 4",
        "EVENTLAB_REPORT_GLYPHS='" + text + "'");
    REQUIRE(run.status == 0);
    CHECK(load_png(png).colors.size() > 20);
    const std::string& said = run.err;
    CAPTURE(said);
    CHECK(said.find("eventlab: fallback fonts: /") != std::string::npos);  // a CJK font, by file
    CHECK(said.find("eventlab: missing glyphs: none\n") != std::string::npos);
}
