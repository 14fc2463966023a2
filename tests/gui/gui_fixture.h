// What the GUI suites share: the real binary run as a user would (its exit status and what it
// said on stderr), and a PNG it wrote, read back the way a person looking at it would judge it.
#pragma once

#include <doctest/doctest.h>
#include <stb/stb_image.h>
#include <sys/wait.h>

#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "test_files.h"

namespace eventlab::test {

struct Run {
    int status = -1;  // the exit status, or -1 if the process did not exit normally
    std::string err;
};

// Runs `ENV eventlab ARGS` through /bin/sh (ENV: assignments such as `NAME='value'`, or empty);
// stdout is dropped.
inline Run run_eventlab(const std::string& args, const std::string& env = "") {
    const TempDir dir;
    const std::filesystem::path err = dir / "stderr.txt";
    const std::string command =
        env + " " + std::string(EVENTLAB_BINARY) + " " + args + " >/dev/null 2>" + err.string();
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(err)};
}

struct Image {
    int width = 0;
    int height = 0;
    std::set<unsigned> colors;   // distinct colours seen on a sampling grid
    std::vector<unsigned> grid;  // that grid's colours, row by row (0xRRGGBB)

    static constexpr int kStep = 7;  // the grid's spacing in pixels
    // The grid's colours inside the rectangle [x0, x1) x [y0, y1), in pixels.
    std::vector<unsigned> colors_in(int x0, int y0, int x1, int y1) const {
        std::vector<unsigned> out;
        const int columns = (width + kStep - 1) / kStep;
        for (int y = 0; y < height; y += kStep) {
            for (int x = 0; x < width; x += kStep) {
                if (x >= x0 && x < x1 && y >= y0 && y < y1)
                    out.push_back(grid[static_cast<std::size_t>(y / kStep * columns + x / kStep)]);
            }
        }
        return out;
    }
};

inline Image load_png(const std::filesystem::path& png) {
    Image image;
    int channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &image.width, &image.height, &channels, 3);
    REQUIRE(pixels != nullptr);
    for (int y = 0; y < image.height; y += Image::kStep) {
        for (int x = 0; x < image.width; x += Image::kStep) {
            const unsigned char* p =
                pixels + (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                          static_cast<std::size_t>(x)) *
                             3;
            const auto color = static_cast<unsigned>(p[0] << 16 | p[1] << 8 | p[2]);
            image.colors.insert(color);
            image.grid.push_back(color);
        }
    }
    stbi_image_free(pixels);
    return image;
}

}  // namespace eventlab::test
