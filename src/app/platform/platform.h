// The GUI platform layer: one GLFW window with an OpenGL 3.3 core context and Dear ImGui on top of
// it, with docking and multi-viewports (a panel dragged out of the window becomes an OS window of
// its own, with a GL context shared with the main one), plus the fonts (fonts.h), the layout file
// and PNG screenshots (screenshot.h). The UI code above it sees only ImGui.
#pragma once

#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/platform/fonts.h"

struct GLFWwindow;
struct ImFont;
struct ImGuiContext;
struct ImPlotContext;

namespace eventlab::app {

struct PlatformOptions {
    int width = 1600;  // in screen coordinates; scaled by the monitor's content scale on X11
    int height = 1000;
    bool visible = true;  // false: a hidden window that still renders (headless screenshots)
    std::string title = "EventLab";
    bool persist_layout = true;  // false: no imgui.ini, so screenshots and tests are reproducible
    // A layout file of the person's choosing (--layout): used instead of the configuration
    // directory's imgui.ini; without persist_layout it is read at start and never written.
    std::string layout_file;
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
    // The fonts merged behind the sans and monospace ones (fontconfig's fallbacks), by file.
    const std::vector<std::string>& fallback_fonts() const { return fallback_paths_; }
    // The code points of `utf8` that the default or the monospace font has no glyph for (ImGui
    // would draw them as '?'), each once, ascending.
    std::u32string missing_glyphs(std::string_view utf8) const;
    // Whether a panel can leave the main window as an OS window of its own (multi-viewports):
    // false where GLFW cannot place windows (Wayland), and the panels then stay docked.
    bool has_viewports() const;

  private:
    Platform();
    bool open_window(const PlatformOptions& options, std::string& error);
    bool init_imgui(const PlatformOptions& options, std::string& error);
    void render_last_frame();

    // Each member records one initialisation step, so the destructor undoes exactly what
    // create() got through, including after a failure half way.
    bool glfw_initialised_ = false;
    GLFWwindow* window_ = nullptr;
    // Looked up while GLFW opens the window and its GL context, which takes longer. The files
    // are read by the context's atlas, so they go after the context (declared before imgui_).
    std::future<FontChoice> finding_fonts_;
    FontFiles font_files_;
    ImGuiContext* imgui_ = nullptr;
    ImPlotContext* implot_ = nullptr;
    bool glfw_backend_ = false;
    bool opengl_backend_ = false;
    std::string ini_path_;  // ImGui keeps only a pointer to it
    float content_scale_ = 1.0F;
    ImFont* mono_font_ = nullptr;
    std::vector<std::string> fallback_paths_;
};

}  // namespace eventlab::app
