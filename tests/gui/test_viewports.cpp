// Multi-viewports under xvfb-run: `--pop-out` (View > Pop out windows at start) gives each
// simulated window an OS window of its own beside the inspector, and the screenshot shows the
// desktop with all of them, so it is wider than the main window.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "gui/gui_fixture.h"

using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
namespace fs = std::filesystem;

TEST_CASE("gui: --pop-out opens the simulated windows as OS windows beside the inspector") {
    const TempDir dir;
    const fs::path png = dir / "popped.png";
    // 1000 pixels wide on the 1920-pixel screen: room on the right for the popped-out windows.
    const Run r =
        run_eventlab("--pop-out --size 1000x800 --screenshot " + png.string() + " --frames 8");
    INFO("stderr: ", r.err);
    REQUIRE(r.status == 0);
    const Image image = load_png(png);
    CHECK(image.height >= 800);
    CHECK(image.width > 1000 + 400);  // main, then main's and settings' OS windows to its right
    CHECK(image.colors.size() > 20);
}
