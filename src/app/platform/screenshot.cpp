#include "app/platform/screenshot.h"

#include <glad/gl.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

namespace eventlab::app {
namespace {

constexpr unsigned char kDesktop = 0x2A;  // around the windows of a screenshot with several

}  // namespace

bool read_back_buffer(Capture& capture, std::string& error) {
    const auto row_bytes = static_cast<std::size_t>(capture.width) * 3;
    std::vector<unsigned char>& pixels = capture.pixels;
    pixels.resize(row_bytes * static_cast<std::size_t>(capture.height));
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);  // tightly packed RGB rows, as stb expects
    glReadPixels(0, 0, capture.width, capture.height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (const GLenum code = glGetError(); code != GL_NO_ERROR) {
        error = "cannot read the framebuffer: OpenGL error " + std::to_string(code);
        return false;
    }
    // OpenGL's rows run bottom-up, PNG's top-down.
    for (int top = 0, bottom = capture.height - 1; top < bottom; ++top, --bottom) {
        std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(top * row_bytes),
                         pixels.begin() + static_cast<std::ptrdiff_t>((top + 1) * row_bytes),
                         pixels.begin() + static_cast<std::ptrdiff_t>(bottom * row_bytes));
    }
    return true;
}

bool save_desktop_png(const std::vector<Capture>& captures, const std::string& png_path,
                      std::string& error) {
    int left = INT_MAX;
    int top = INT_MAX;
    int right = INT_MIN;
    int bottom = INT_MIN;
    for (const Capture& c : captures) {
        left = std::min(left, c.x);
        top = std::min(top, c.y);
        right = std::max(right, c.x + c.width);
        bottom = std::max(bottom, c.y + c.height);
    }
    const int width = right - left;
    const int height = bottom - top;
    const auto row_bytes = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> image(row_bytes * static_cast<std::size_t>(height), kDesktop);
    for (const Capture& c : captures) {  // the main window first, the popped-out ones over it
        const auto from_row = static_cast<std::size_t>(c.width) * 3;
        for (int y = 0; y < c.height; ++y) {
            const std::size_t to = static_cast<std::size_t>(c.y - top + y) * row_bytes +
                                   static_cast<std::size_t>(c.x - left) * 3;
            std::memcpy(image.data() + to, c.pixels.data() + static_cast<std::size_t>(y) * from_row,
                        from_row);
        }
    }
    errno = 0;  // stb reports no reason; fopen's errno is the usual one
    if (stbi_write_png(png_path.c_str(), width, height, 3, image.data(),
                       static_cast<int>(row_bytes)) == 0) {
        error = "cannot write " + png_path;
        if (errno != 0) error += ": " + std::generic_category().message(errno);
        return false;
    }
    return true;
}

}  // namespace eventlab::app
