// The GUI platform layer: one GLFW window with an OpenGL 3.3 core context and Dear ImGui on top of
// it, plus the fonts (fonts.h), the layout file and PNG screenshots (screenshot.h). The UI code
// above it sees only ImGui.
#pragma once

#include <future>
#include <memory>
#include <string>
#include <string_view>

#include "app/platform/fonts.h"

struct GLFWwindow;
struct ImFont;
struct ImFontAtlas;
struct ImGuiContext;

namespace eventlab::app {

struct PlatformOptions {
    int width = 1600;  // in screen coordinates; scaled by the monitor's content scale on X11
    int height = 1000;
    bool visible = true;  // false: a hidden window that still renders (headless screenshots)
    std::string title = "EventLab";
    bool persist_layout = true;  // false: no imgui.ini, so screenshots and tests are reproducible
};

// GLFW and Dear ImGui keep process-wide state, so a process has at most one Platform, and every
// method except wake() must run on the thread that called create().
class Platform {
  public:
    // Opens the window and sets up ImGui. On failure returns nullptr and explains why in `error`.
    static std::unique_ptr<Platform> create(const PlatformOptions& options, std::string& error);
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    bool should_close() const;

    // Sleeps until input arrives, wake() is called or `timeout_seconds` pass. An app with nothing
    // to animate passes a long timeout, so it uses no CPU while idle.
    void wait_events(double timeout_seconds);
    // Makes a wait_events() in progress return. Any thread may call it while the Platform lives,
    // e.g. an event producer that has new records to show.
    void wake();

    void begin_frame();
    void end_frame();  // renders and presents the frame

    // Writes the frame finished by the latest end_frame() as a PNG of the whole framebuffer. Call
    // it between end_frame() and the next begin_frame(); works for hidden windows too.
    bool save_screenshot(const std::string& png_path, std::string& error);

    // Monospace font for payloads and logs; the default font when DejaVu Sans Mono is missing.
    ImFont* mono_font() const { return mono_font_; }
    // Rebuilds the font atlas with the CJK glyphs merged in, between frames (the fonts change:
    // ask mono_font() again). Start-up leaves them out: merging them takes most of its time.
    // Does nothing, and returns false, without an installed CJK font or the second time.
    bool load_cjk_glyphs();
    // The CJK font file load_cjk_glyphs() baked glyphs from; empty before or without one.
    const std::string& cjk_font_path() const { return cjk_font_path_; }
    // The code points of `utf8` that the default or the monospace font has no glyph for (ImGui
    // would draw them as '?'), each once, ascending.
    std::u32string missing_glyphs(std::string_view utf8) const;

  private:
    Platform();
    bool open_window(const PlatformOptions& options, std::string& error);
    bool init_imgui(const PlatformOptions& options, std::string& error);
    void render_last_frame();

    // Each member records one initialisation step, so the destructor undoes exactly what
    // create() got through, including after a failure half way.
    bool glfw_initialised_ = false;
    GLFWwindow* window_ = nullptr;
    // Baked while GLFW opens the window and its GL context, which takes longer; the context's
    // atlas, so it goes after the context (declared before imgui_).
    std::future<BakedFonts> baking_;
    std::unique_ptr<ImFontAtlas> atlas_;
    ImGuiContext* imgui_ = nullptr;
    bool glfw_backend_ = false;
    bool opengl_backend_ = false;
    std::string ini_path_;  // ImGui keeps only a pointer to it
    float content_scale_ = 1.0F;
    ImFont* mono_font_ = nullptr;
    bool cjk_loaded_ = false;  // load_cjk_glyphs ran (whether a CJK font was found or not)
    FontChoice fonts_;
    std::string cjk_font_path_;
};

}  // namespace eventlab::app
