#include "app/platform/platform.h"

#include <GLFW/glfw3.h>
#include <glad/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <implot.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <system_error>

#include "app/platform/screenshot.h"
#include "view/panels/recent_files.h"

namespace eventlab::app {
namespace {

constexpr float kClearColor[4] = {0.10F, 0.10F, 0.11F, 1.0F};

// GLFW 3.3 keeps the last error per thread, so no error callback (and no global) is needed.
std::string glfw_error_text() {
    const char* description = nullptr;
    glfwGetError(&description);
    std::string text = "GLFW: ";
    text += description != nullptr ? description : "unknown error";
    if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) {
        text += " (run under xvfb-run for headless use)";
    }
    return text;
}

void set_window_hints(const PlatformOptions& options) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);  // macOS refuses core contexts without
    glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
    // The fonts grow with the content scale, so the window must too (X11 and Windows only).
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
}

// imgui.ini in the configuration directory, beside the recent-files list; empty when the
// directory cannot be made, in which case the layout is simply not saved.
std::string layout_ini_path() {
    namespace fs = std::filesystem;
    const fs::path dir = config_dir(PathEnv::from_process());
    if (dir.empty()) return {};
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir, ec)) return {};
    return (dir / "imgui.ini").string();
}

}  // namespace

Platform::Platform() = default;

std::unique_ptr<Platform> Platform::create(const PlatformOptions& options, std::string& error) {
    std::unique_ptr<Platform> platform(new Platform());  // the constructor is private
    if (!platform->open_window(options, error) || !platform->init_imgui(options, error)) {
        return nullptr;  // the destructor undoes the steps that succeeded
    }
    return platform;
}

bool Platform::open_window(const PlatformOptions& options, std::string& error) {
    glfw_initialised_ = glfwInit() == GLFW_TRUE;
    if (!glfw_initialised_) {
        error = "cannot open a window: " + glfw_error_text();
        return false;
    }
    finding_fonts_ = std::async(std::launch::async, &find_fonts);
    set_window_hints(options);
    window_ =
        glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (window_ == nullptr) {
        error = "cannot open a window: " + glfw_error_text();
        return false;
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);  // vsync: an animating UI gains nothing from more frames than shown
    if (gladLoadGL(glfwGetProcAddress) == 0) {
        error = "cannot load the OpenGL 3.3 functions";
        return false;
    }
    // Debian's GLFW is the X11 build: window coordinates are pixels, and the content scale (from
    // Xft.dpi) says how much larger fonts and widgets must be drawn to be readable.
    float scale_y = 1.0F;
    glfwGetWindowContentScale(window_, &content_scale_, &scale_y);
    content_scale_ = std::max(content_scale_, 1.0F);
    return true;
}

bool Platform::init_imgui(const PlatformOptions& options, std::string& error) {
    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    implot_ = ImPlot::CreateContext();  // the plots' context goes with ImGui's
    ImGuiIO& io = ImGui::GetIO();
    if (!options.layout_file.empty()) {
        ini_path_ = options.layout_file;
    } else if (options.persist_layout) {
        ini_path_ = layout_ini_path();
    }
    if (options.persist_layout) {
        io.IniFilename = ini_path_.empty() ? nullptr : ini_path_.c_str();
    } else {
        io.IniFilename = nullptr;
        if (!ini_path_.empty()) ImGui::LoadIniSettingsFromDisk(ini_path_.c_str());
    }
    io.ConfigFlags |= ImGuiConfigFlags_DockingEnable | ImGuiConfigFlags_ViewportsEnable;
    ImGui::StyleColorsDark();
    ImGui::GetStyle().ScaleAllSizes(content_scale_);
    // No glyph is rasterised here: 1.92 does it for each glyph the first time a text needs it.
    const FontChoice fonts = finding_fonts_.get();
    mono_font_ = add_fonts(*io.Fonts, content_scale_, fonts, font_files_);
    for (const FontLocation& fallback : fonts.fallbacks)
        fallback_paths_.push_back(fallback.path);

    glfw_backend_ = ImGui_ImplGlfw_InitForOpenGL(window_, true);
    opengl_backend_ = glfw_backend_ && ImGui_ImplOpenGL3_Init("#version 330");
    if (!opengl_backend_) {
        error = "cannot start the ImGui backends for GLFW and OpenGL 3";
        return false;
    }
    return true;
}

bool Platform::has_viewports() const {
    return (ImGui::GetIO().BackendFlags & ImGuiBackendFlags_PlatformHasViewports) != 0;
}

std::u32string Platform::missing_glyphs(std::string_view utf8) const {
    ImFont* default_font =
        ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    return glyphs_missing_from(utf8, default_font, mono_font_);
}

Platform::~Platform() {
    if (opengl_backend_) ImGui_ImplOpenGL3_Shutdown();
    if (glfw_backend_) ImGui_ImplGlfw_Shutdown();
    if (implot_ != nullptr) ImPlot::DestroyContext(implot_);
    if (imgui_ != nullptr) ImGui::DestroyContext(imgui_);  // also saves imgui.ini
    if (window_ != nullptr) glfwDestroyWindow(window_);
    if (glfw_initialised_) glfwTerminate();
}

bool Platform::should_close() const {
    return glfwWindowShouldClose(window_) == GLFW_TRUE;
}

void Platform::wait_events(double timeout_seconds) {
    // GLFW rejects a timeout that is not positive; treat it as "just poll".
    if (timeout_seconds > 0.0) {
        glfwWaitEventsTimeout(timeout_seconds);
    } else {
        glfwPollEvents();
    }
}

void Platform::wake() {
    glfwPostEmptyEvent();
}

void Platform::begin_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void Platform::end_frame() {
    ImGui::Render();
    render_last_frame();
    if ((ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_ViewportsEnable) != 0) {
        // The panels outside the main window: their OS windows are opened, moved and drawn
        // here, each with its own GL context; the main one is current again afterwards.
        ImGui::UpdatePlatformWindows();
        ImGui::RenderPlatformWindowsDefault();
        glfwMakeContextCurrent(window_);
    }
    glfwSwapBuffers(window_);
}

// Draws the draw data of the latest ImGui::Render() into the back buffer, sized to the
// framebuffer (which differs from the window size on HiDPI Wayland and macOS).
void Platform::render_last_frame() {
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(kClearColor[0], kClearColor[1], kClearColor[2], kClearColor[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool Platform::save_screenshot(const std::string& png_path, std::string& error) {
    // ImGui keeps the draw data from Render() until the next NewFrame(). The back buffer's content
    // is undefined after a swap, so draw that frame again and read it before it is presented.
    if (ImGui::GetDrawData() == nullptr) {
        error = "no finished frame to capture: call save_screenshot() after end_frame()";
        return false;
    }
    // Every OS window of the app (the main one, and each panel popped out of it) where it sits
    // on the screen, drawn again into its own back buffer and read back.
    std::vector<Capture> captures;
    for (ImGuiViewport* viewport : ImGui::GetPlatformIO().Viewports) {
        auto* window = static_cast<GLFWwindow*>(viewport->PlatformHandle);
        if (window == nullptr || viewport->DrawData == nullptr) continue;
        if ((viewport->Flags & ImGuiViewportFlags_IsMinimized) != 0) continue;
        glfwMakeContextCurrent(window);
        Capture capture;
        glfwGetFramebufferSize(window, &capture.width, &capture.height);
        if (capture.width <= 0 || capture.height <= 0) continue;
        glViewport(0, 0, capture.width, capture.height);
        glClearColor(kClearColor[0], kClearColor[1], kClearColor[2], kClearColor[3]);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(viewport->DrawData);
        capture.x = static_cast<int>(viewport->Pos.x);
        capture.y = static_cast<int>(viewport->Pos.y);
        if (!read_back_buffer(capture, error)) break;
        captures.push_back(std::move(capture));
    }
    glfwMakeContextCurrent(window_);
    if (!error.empty()) return false;
    if (captures.empty()) {
        error = "the window has no framebuffer to capture (minimised?)";
        return false;
    }
    return save_desktop_png(captures, png_path, error);
}

}  // namespace eventlab::app
