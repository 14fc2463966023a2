#include "app/platform/platform.h"

#include <GLFW/glfw3.h>
#include <glad/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <system_error>

#include "app/platform/screenshot.h"
#include "ui/keys.h"
#include "view/fonts/cjk_glyphs.h"
#include "view/panels/recent_files.h"

// src/ui names the key codes ImGui 1.86 has no ImGuiKey for; they must be GLFW's.
static_assert(eventlab::ui::key::kComma == GLFW_KEY_COMMA);
static_assert(eventlab::ui::key::kPeriod == GLFW_KEY_PERIOD);
static_assert(eventlab::ui::key::kF1 == GLFW_KEY_F1);
static_assert(eventlab::ui::key::letter('A') == GLFW_KEY_A &&
              eventlab::ui::key::letter('Z') == GLFW_KEY_Z);

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
    // On X11 a window's content scale is the monitors' (Xft.dpi): known before the window is.
    float scale = 1.0F;
    float scale_y = 1.0F;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        glfwGetMonitorContentScale(monitor, &scale, &scale_y);
    }
    baking_ = std::async(std::launch::async, &bake_fonts, std::max(scale, 1.0F));
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
    glfwGetWindowContentScale(window_, &content_scale_, &scale_y);
    content_scale_ = std::max(content_scale_, 1.0F);
    return true;
}

bool Platform::init_imgui(const PlatformOptions& options, std::string& error) {
    IMGUI_CHECKVERSION();  // the headers must match the prebuilt libimgui.a
    BakedFonts baked = baking_.get();
    fonts_ = std::move(baked.choice);
    atlas_ = std::move(baked.atlas);
    mono_font_ = baked.mono;
    if (baked.scale != content_scale_) {  // the window's scale is not its monitor's after all
        atlas_->Clear();
        mono_font_ = load_fonts(*atlas_, content_scale_, fonts_, FontLocation{});
    }
    imgui_ = ImGui::CreateContext(atlas_.get());
    ImGuiIO& io = ImGui::GetIO();
    if (options.persist_layout) ini_path_ = layout_ini_path();
    io.IniFilename = ini_path_.empty() ? nullptr : ini_path_.c_str();
    ImGui::StyleColorsDark();
    ImGui::GetStyle().ScaleAllSizes(content_scale_);

    glfw_backend_ = ImGui_ImplGlfw_InitForOpenGL(window_, true);
    opengl_backend_ = glfw_backend_ && ImGui_ImplOpenGL3_Init("#version 330");
    if (!opengl_backend_) {
        error = "cannot start the ImGui backends for GLFW and OpenGL 3";
        return false;
    }
    // Upload the atlas now rather than in the first frame, then free its CPU copy.
    if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) {
        error = "cannot create the ImGui OpenGL objects";
        return false;
    }
    io.Fonts->ClearTexData();
    return true;
}

bool Platform::load_cjk_glyphs() {
    if (cjk_loaded_) return false;
    cjk_loaded_ = true;  // tried once: a missing font is not looked for every frame
    std::error_code ec;
    if (fonts_.cjk.path.empty() || !std::filesystem::exists(fonts_.cjk.path, ec)) return false;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    atlas.Clear();
    mono_font_ = load_fonts(atlas, content_scale_, fonts_, fonts_.cjk);
    ImGui_ImplOpenGL3_CreateFontsTexture();
    atlas.ClearTexData();
    cjk_font_path_ = fonts_.cjk.path;
    return true;
}

std::u32string Platform::missing_glyphs(std::string_view utf8) const {
    const ImFont* default_font =
        ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    return glyphs_missing_from(utf8, default_font, mono_font_);
}

Platform::~Platform() {
    if (opengl_backend_) ImGui_ImplOpenGL3_Shutdown();
    if (glfw_backend_) ImGui_ImplGlfw_Shutdown();
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
    render_last_frame();
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    if (width <= 0 || height <= 0) {
        error = "the window has no framebuffer to capture (minimised?)";
        return false;
    }
    return save_back_buffer_png(width, height, png_path, error);
}

}  // namespace eventlab::app
