#include "app/platform/screenshot.h"

#include <glad/gl.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <string>
#include <system_error>
#include <vector>

namespace eventlab::app {

bool save_back_buffer_png(int width, int height, const std::string& png_path, std::string& error) {
    const auto row_bytes = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> pixels(row_bytes * static_cast<std::size_t>(height));
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);  // tightly packed RGB rows, as stb expects
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (const GLenum code = glGetError(); code != GL_NO_ERROR) {
        error = "cannot read the framebuffer: OpenGL error " + std::to_string(code);
        return false;
    }
    // OpenGL's rows run bottom-up, PNG's top-down.
    for (int top = 0, bottom = height - 1; top < bottom; ++top, --bottom) {
        std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(top * row_bytes),
                         pixels.begin() + static_cast<std::ptrdiff_t>((top + 1) * row_bytes),
                         pixels.begin() + static_cast<std::ptrdiff_t>(bottom * row_bytes));
    }
    errno = 0;  // stb reports no reason; fopen's errno is the usual one
    if (stbi_write_png(png_path.c_str(), width, height, 3, pixels.data(),
                       static_cast<int>(row_bytes)) == 0) {
        error = "cannot write " + png_path;
        if (errno != 0) error += ": " + std::generic_category().message(errno);
        return false;
    }
    return true;
}

}  // namespace eventlab::app
