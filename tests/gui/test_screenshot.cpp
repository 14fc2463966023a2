// The real binary under xvfb-run: `--screenshot` renders the inspector and writes a PNG of the
// whole window; these tests read that PNG back the way a person looking at it would judge it.
#include <doctest/doctest.h>
#include <stb/stb_image.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
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

// Runs a shell command line, its stderr into `err`; the exit status.
int run_with_stderr(const std::string& command_line, const fs::path& err) {
    const int status = std::system((command_line + " 2>" + err.string()).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
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
// EVENTLAB_REPORT_GLYPHS makes the app say which CJK font it loaded and which code points of
// the text have no glyph (drawn as '?'): without an installed CJK font this fails. Chinese,
// Japanese, Korean alone, and a rare ideograph (Extension A) each trigger the reload.
TEST_CASE("gui: a CJK payload reloads the fonts between frames - its glyphs are in the atlas") {
    for (const std::string text : {"你好 こんにちは 語", "안녕하세요", "\u4DB5 \u9FA5 \uFF01"}) {
        CAPTURE(text);
        const fs::path scenario = temp_path("cjk.json");
        std::ofstream(scenario) << R"({"windows": ["main"], "steps": [)"
                                   R"({"op": "listen", "in": "main", "event": "greet"},)"
                                   R"({"op": "emit", "event": "greet", "payload": {"data": ")"
                                << text << R"("}}]})";
        const fs::path png = temp_path("cjk.png");
        const fs::path report = temp_path("cjk-report.txt");
        REQUIRE(run_with_stderr("EVENTLAB_REPORT_GLYPHS='" + text + "' " +
                                    std::string(EVENTLAB_BINARY) + " --scenario " +
                                    scenario.string() + " --screenshot " + png.string() +
                                    " --frames 4",
                                report) == 0);
        CHECK(load(png).colors.size() > 20);
        const std::string said = read_text(report);
        CAPTURE(said);
        CHECK(said.find("eventlab: cjk font: /") != std::string::npos);  // reloaded, from a file
        CHECK(said.find("eventlab: missing glyphs: none\n") != std::string::npos);
        fs::remove(png);
        fs::remove(report);
        fs::remove(scenario);
    }
}

// Without CJK text the fonts are never rebuilt, and Latin text has its glyphs from the start.
TEST_CASE("gui: no CJK text - no CJK font is loaded") {
    const fs::path png = temp_path("latin.png");
    const fs::path report = temp_path("latin-report.txt");
    REQUIRE(run_with_stderr("EVENTLAB_REPORT_GLYPHS='hello → ●' " + std::string(EVENTLAB_BINARY) +
                                " --screenshot " + png.string() + " --frames 2",
                            report) == 0);
    const std::string said = read_text(report);
    CHECK(said.find("eventlab: cjk font: (none loaded)") != std::string::npos);
    CHECK(said.find("eventlab: missing glyphs: none\n") != std::string::npos);
    fs::remove(png);
    fs::remove(report);
}
