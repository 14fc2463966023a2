// PNG screenshots of the frame in the OpenGL back buffer.
#pragma once

#include <string>

namespace eventlab::app {

// Writes the current context's back buffer, `width` x `height` pixels, as an RGB PNG. On failure
// returns false and explains why in `error`.
bool save_back_buffer_png(int width, int height, const std::string& png_path, std::string& error);

}  // namespace eventlab::app
