// The docked inspector in a real (virtual) X server: a layout saved by a small window fills a
// big one on the next start, and the Plots panel brought to the front draws its curves.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "gui/gui_fixture.h"

using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
namespace fs = std::filesystem;

namespace {

// Distinct colours among `colors`: a region with a panel's text and frames has dozens, an empty
// stretch of the window's background one or two.
std::size_t distinct(const std::vector<unsigned>& colors) {
    return std::set<unsigned>(colors.begin(), colors.end()).size();
}

// How many of `colors` are within `tolerance` (per channel, summed) of `rgb`.
std::size_t near(const std::vector<unsigned>& colors, unsigned rgb, int tolerance) {
    std::size_t n = 0;
    for (const unsigned c : colors) {
        int d = 0;
        for (const int shift : {16, 8, 0})
            d += std::abs(static_cast<int>((c >> shift) & 0xFFU) -
                          static_cast<int>((rgb >> shift) & 0xFFU));
        if (d <= tolerance) ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("gui: a layout saved at 800x600 fills a 1600x1000 window on the next start") {
    const TempDir dir;
    const fs::path ini = dir / "layout.ini";
    const Run small = run_eventlab("--size 800x600 --frames 5 --layout " + ini.string());
    INFO("stderr: ", small.err);
    REQUIRE(small.status == 0);
    const std::string saved = read_file(ini);
    REQUIRE(saved.find("[Docking]") != std::string::npos);

    const fs::path png = dir / "big.png";
    const Run big = run_eventlab("--size 1600x1000 --frames 5 --layout " + ini.string() +
                                 " --screenshot " + png.string());
    INFO("stderr: ", big.err);
    REQUIRE(big.status == 0);
    CHECK(read_file(ini) == saved);  // a screenshot run only reads the layout
    const Image image = load_png(png);
    REQUIRE(image.width == 1600);
    REQUIRE(image.height == 1000);
    // Every quarter of the window shows panels, none is left as empty background.
    for (const auto& [x, y] : {std::pair{0, 0}, {800, 0}, {0, 500}, {800, 500}}) {
        CAPTURE(x);
        CAPTURE(y);
        CHECK(distinct(image.colors_in(x, y, x + 800, y + 500)) > 12);
    }
}

TEST_CASE("gui: --panel Plots under a periodic sender draws its curves - the Route tab does not") {
    const TempDir dir;
    std::size_t plotted[2] = {0, 0};
    const char* panels[2] = {"Plots", "Route"};
    for (int i = 0; i < 2; ++i) {
        const fs::path png = dir / (std::string(panels[i]) + ".png");
        const Run r =
            run_eventlab("--scenario " EVENTLAB_ASSETS_DIR "/workspace/busy-session.json --panel " +
                         std::string(panels[i]) + " --frames 60 --screenshot " + png.string());
        INFO("stderr: ", r.err);
        REQUIRE(r.status == 0);
        const Image image = load_png(png);
        // The top right, where Route and Plots share a tab bar; ImPlot's first line colour.
        plotted[i] =
            near(image.colors_in(image.width / 2, 0, image.width, image.height / 2), 0x4C72B0, 40);
    }
    CAPTURE(plotted[0]);
    CAPTURE(plotted[1]);
    CHECK(plotted[0] > 200);
    CHECK(plotted[0] > plotted[1] * 5);
}
