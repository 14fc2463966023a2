// PNG screenshots of the frame in the OpenGL back buffers of the app's OS windows.
#pragma once

#include <string>
#include <vector>

namespace eventlab::app {

// One OS window's back buffer, RGB rows top-down, and where the window sits on the screen.
struct Capture {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    std::vector<unsigned char> pixels;
};

// Reads the current context's back buffer, `capture.width` x `capture.height` pixels. On failure
// returns false and explains why in `error`.
bool read_back_buffer(Capture& capture, std::string& error);

// Writes the captures as one RGB PNG, each where its window is on the screen (a single window's
// is its framebuffer alone; around several, the desktop shows dark).
bool save_desktop_png(const std::vector<Capture>& captures, const std::string& png_path,
                      std::string& error);

}  // namespace eventlab::app
