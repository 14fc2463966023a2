// The real binary under xvfb-run: `--screenshot` renders the inspector and writes a PNG of the
// whole window; these tests read that PNG back the way a person looking at it would judge it.
#include <doctest/doctest.h>
#include <stb/stb_image.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Image {
    int width = 0;
    int height = 0;
    std::set<unsigned> colors;  // distinct colours seen on a sampling grid
};

Image load(const fs::path& png) {
    Image image;
    int channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &image.width, &image.height, &channels, 3);
    REQUIRE(pixels != nullptr);
    for (int y = 0; y < image.height; y += 7) {
        for (int x = 0; x < image.width; x += 7) {
            const unsigned char* p = pixels + (static_cast<size_t>(y) * image.width + x) * 3;
            image.colors.insert(static_cast<unsigned>(p[0] << 16 | p[1] << 8 | p[2]));
        }
    }
    stbi_image_free(pixels);
    return image;
}

int run(const std::string& args) {
    const std::string command = std::string(EVENTLAB_BINARY) + " " + args + " 2>/dev/null";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path temp_path(const std::string& name) {
    return fs::temp_directory_path() / ("eventlab-gui-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace

TEST_CASE("gui: --screenshot writes a PNG of the whole window at --size - with content") {
    const fs::path png = temp_path("default.png");
    REQUIRE(run("--screenshot " + png.string() + " --frames 3 --size 1280x800") == 0);
    const Image image = load(png);
    CHECK(image.width == 1280);
    CHECK(image.height == 800);
    // A blank or single-colour frame would mean nothing was drawn.
    CHECK(image.colors.size() > 20);
    fs::remove(png);
}

TEST_CASE("gui: --screenshot of a scenario in another mode renders too") {
    const fs::path png = temp_path("scenario.png");
    const std::string scenario = std::string(EVENTLAB_ASSETS_DIR) + "/workspace/default.json";
    REQUIRE(run("gui --scenario " + scenario + " --tauri next --screenshot " + png.string()) == 0);
    CHECK(load(png).width == 1600);
    fs::remove(png);
}

TEST_CASE("gui: an unusable scenario exits 2 before any window opens") {
    const fs::path bad = temp_path("bad.json");
    std::ofstream(bad) << "{\"steps\": [ {\"op\": \"nope\"} ]}";
    CHECK(run("--scenario " + bad.string() + " --screenshot " + temp_path("x.png").string()) == 2);
    CHECK_FALSE(fs::exists(temp_path("x.png")));
    fs::remove(bad);
}

// A payload with ideographs makes the inspector bake the CJK glyphs into its fonts between
// frames (start-up leaves them out); the frames after that still render and the PNG is written.
TEST_CASE("gui: a CJK payload reloads the fonts between frames - the screenshot still renders") {
    const fs::path scenario = temp_path("cjk.json");
    std::ofstream(scenario)
        << R"({"windows": ["main"], "steps": [)"
           R"({"op": "listen", "in": "main", "event": "greet"},)"
           R"({"op": "emit", "event": "greet", "payload": {"data": "你好 こんにちは"}}]})";
    const fs::path png = temp_path("cjk.png");
    REQUIRE(run("--scenario " + scenario.string() + " --screenshot " + png.string() +
                " --frames 4") == 0);
    CHECK(load(png).colors.size() > 20);
    fs::remove(png);
    fs::remove(scenario);
}
