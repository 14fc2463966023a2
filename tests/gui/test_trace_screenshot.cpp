// `eventlab --trace FILE` under xvfb-run: a trace written by `eventlab run` opens read-only and
// renders; a corrupt one exits 2 before any window opens, naming its bad line.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gui/gui_fixture.h"

using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
namespace fs = std::filesystem;

TEST_CASE("gui: --trace opens a trace from eventlab run and renders it") {
    const TempDir dir;
    const fs::path trace = dir / "t.jsonl";
    const fs::path png = dir / "trace.png";
    const std::string scenario =
        std::string(EVENTLAB_ASSETS_DIR) + "/scenarios/global-listen-gets-targeted-emits.json";
    REQUIRE(run_eventlab("run " + scenario + " --trace " + trace.string() + " --quiet").status ==
            0);
    const Run r = run_eventlab("--trace " + trace.string() + " --screenshot " + png.string());
    INFO("stderr: ", r.err);
    REQUIRE(r.status == 0);
    const Image image = load_png(png);
    CHECK(image.colors.size() > 20);
    CHECK(image.width == 1600);
    CHECK(image.height == 1000);
}

TEST_CASE("gui: a corrupt --trace exits 2 with its line number and no window") {
    const TempDir dir;
    const fs::path trace = dir / "bad.jsonl";
    const fs::path png = dir / "bad.png";
    std::ofstream(trace) << "{\"format\":\"eventlab-trace\",\"version\":1}\n"
                         << "{\"seq\":1,\"t_us\":0,\"type\":\"window\",\"action\":\"created\","
                            "\"label\":\"main\"}\n"
                         << "{\"seq\":2,\"t_us\":0,\"type\":\"nope\"}\n"
                         << "{\"seq\":3,\"t_us\":0,\"type\":\"window\",\"action\":\"created\","
                            "\"label\":\"x\"}\n";
    const Run r = run_eventlab("gui --trace " + trace.string() + " --screenshot " + png.string());
    CHECK(r.status == 2);
    CHECK(r.err.find(trace.string() + ":3:") != std::string::npos);
    CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
    CHECK_FALSE(fs::exists(png));
}
