// `eventlab --trace FILE` under xvfb-run: a trace written by `eventlab run` opens read-only and
// renders; a corrupt one exits 2 before any window opens, naming its bad line.
#include <doctest/doctest.h>
#include <stb/stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Run {
    int status = -1;
    std::string err;
};

fs::path temp(const std::string& name) {
    return fs::temp_directory_path() /
           ("eventlab-gui-trace-" + std::to_string(::getpid()) + "-" + name);
}

Run run(const std::string& args) {
    const fs::path err = temp("stderr.txt");
    const std::string command =
        std::string(EVENTLAB_BINARY) + " " + args + " >/dev/null 2>" + err.string();
    const int status = std::system(command.c_str());
    Run r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err);
    r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    fs::remove(err);
    return r;
}

std::size_t distinct_colors(const fs::path& png, int& width, int& height) {
    int channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 3);
    REQUIRE(pixels != nullptr);
    std::set<unsigned> colors;
    for (int y = 0; y < height; y += 7) {
        for (int x = 0; x < width; x += 7) {
            const unsigned char* p = pixels + (static_cast<size_t>(y) * width + x) * 3;
            colors.insert(static_cast<unsigned>(p[0] << 16 | p[1] << 8 | p[2]));
        }
    }
    stbi_image_free(pixels);
    return colors.size();
}

}  // namespace

TEST_CASE("gui: --trace opens a trace from eventlab run and renders it") {
    const fs::path trace = temp("t.jsonl");
    const fs::path png = temp("trace.png");
    const std::string scenario =
        std::string(EVENTLAB_ASSETS_DIR) + "/scenarios/global-listen-gets-targeted-emits.json";
    REQUIRE(run("run " + scenario + " --trace " + trace.string() + " --quiet").status == 0);
    const Run r = run("--trace " + trace.string() + " --screenshot " + png.string());
    INFO("stderr: ", r.err);
    REQUIRE(r.status == 0);
    int width = 0;
    int height = 0;
    CHECK(distinct_colors(png, width, height) > 20);
    CHECK(width == 1600);
    CHECK(height == 1000);
    fs::remove(trace);
    fs::remove(png);
}

TEST_CASE("gui: a corrupt --trace exits 2 with its line number and no window") {
    const fs::path trace = temp("bad.jsonl");
    const fs::path png = temp("bad.png");
    std::ofstream(trace) << "{\"format\":\"eventlab-trace\",\"version\":1}\n"
                         << "{\"seq\":1,\"t_us\":0,\"type\":\"window\",\"action\":\"created\","
                            "\"label\":\"main\"}\n"
                         << "{\"seq\":2,\"t_us\":0,\"type\":\"nope\"}\n"
                         << "{\"seq\":3,\"t_us\":0,\"type\":\"window\",\"action\":\"created\","
                            "\"label\":\"x\"}\n";
    const Run r = run("gui --trace " + trace.string() + " --screenshot " + png.string());
    CHECK(r.status == 2);
    CHECK(r.err.find(trace.string() + ":3:") != std::string::npos);
    CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
    CHECK_FALSE(fs::exists(png));
    fs::remove(trace);
}
