// The Permissions panel in the real binary under xvfb-run: `--project` with a create-tauri-app
// fixture, a scenario whose window invokes what core:default does not allow, and `--panel
// Permissions`: the refusal is drawn (in the inspector's error red) where the panel docks. The
// same run without `--project` refuses nothing, and that area has no red.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gui/gui_fixture.h"

using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
namespace fs = std::filesystem;

namespace {

// Sampled pixels of the inspector's error red (error_color: 255, 107, 102) in the Route slot,
// the top right of the default layout, where the Permissions tab docks (below the menu bar,
// whose Record button is red too).
std::size_t error_red_in_route_slot(const Image& image) {
    std::size_t n = 0;
    for (const unsigned c :
         image.colors_in(image.width * 6 / 10, 40, image.width, image.height / 2)) {
        const unsigned r = c >> 16;
        const unsigned g = (c >> 8) & 0xFFU;
        const unsigned b = c & 0xFFU;
        n += r > 120 && r > g + 50 && r > b + 50 ? 1 : 0;  // its text, antialiased too
    }
    return n;
}

Image permissions_screenshot(const TempDir& dir, const std::string& project) {
    const fs::path scenario = dir / "refused.json";
    std::ofstream(scenario)
        << R"({"windows": ["main"], "steps": [)"
           R"({"op": "invoke", "in": "main", "command": "plugin:window|set_title",)"
           R"( "args": {"value": "Renamed"}}]})";
    const fs::path png = dir / "permissions.png";
    const Run run = run_eventlab(
        (project.empty() ? "" : "--project " + project + " ") + "--scenario " + scenario.string() +
        " --panel Permissions --frames 6 --size 1400x850 --screenshot " + png.string());
    CAPTURE(run.err);
    REQUIRE(run.status == 0);
    return load_png(png);
}

}  // namespace

TEST_CASE("gui: a refused invoke under --project is drawn in the Permissions panel") {
    const TempDir dir;
    const Image refused = permissions_screenshot(
        dir, std::string(EVENTLAB_ASSETS_DIR) + "/../tests/data/projects/vanilla-ts");
    CHECK(error_red_in_route_slot(refused) > 0);

    const TempDir bare;
    const Image allowed = permissions_screenshot(bare, "");
    CHECK(allowed.colors.size() > 20);  // drawn
    CHECK(error_red_in_route_slot(allowed) == 0);
}
