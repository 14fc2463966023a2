#include "app/platform.h"

#include <GLFW/glfw3.h>
#include <glad/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb/stb_image_write.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace eventlab::app {
namespace {

constexpr const char* kSansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kMonoPath = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
constexpr const char* kCjkPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kCjkFaceSimplifiedChinese = 2;  // the .ttc holds the JP, KR, SC, TC, HK faces
constexpr float kFontPixels = 16.0F;
constexpr float kProggyPixels = 13.0F;  // ImGui's built-in font is drawn for this size only
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

// $XDG_CONFIG_HOME/eventlab/imgui.ini, else ~/.config/eventlab/imgui.ini; empty when the
// directory cannot be made, in which case the layout is simply not saved.
std::string layout_ini_path() {
    namespace fs = std::filesystem;
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    fs::path dir;
    if (xdg != nullptr && xdg[0] == '/') {  // the XDG spec says to ignore relative paths
        dir = xdg;
    } else if (home != nullptr && home[0] != '\0') {
        dir = fs::path(home) / ".config";
    } else {
        return {};
    }
    dir /= "eventlab";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir, ec)) return {};
    return (dir / "imgui.ini").string();
}

// A font file in memory. ImGui sizes a font by its ascent-to-descent height; `height_per_em`
// relates that height to the em square, and is 0 when the file is missing or not a font.
struct FontFile {
    std::vector<unsigned char> data;
    float height_per_em = 0.0F;
};

FontFile read_font(const char* path, int face = 0) {
    FontFile font;
    std::ifstream in(path, std::ios::binary | std::ios::ate);  // at the end, to learn the size
    if (!in) return font;                                      // every font is optional
    font.data.resize(static_cast<std::size_t>(in.tellg()));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(font.data.data()),
                 static_cast<std::streamsize>(font.data.size())) ||
        font.data.empty()) {
        return {};
    }
    const int offset = stbtt_GetFontOffsetForIndex(font.data.data(), face);
    stbtt_fontinfo info;
    if (offset >= 0 && stbtt_InitFont(&info, font.data.data(), offset) != 0) {
        font.height_per_em =
            stbtt_ScaleForMappingEmToPixels(&info, 1.0F) / stbtt_ScaleForPixelHeight(&info, 1.0F);
    }
    return font;
}

// Simplified Chinese already covers kana; the Japanese set adds kanji such as 語 that simplified
// Chinese spells differently.
ImVector<ImWchar> cjk_glyph_ranges(ImFontAtlas& atlas) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas.GetGlyphRangesChineseSimplifiedCommon());
    builder.AddRanges(atlas.GetGlyphRangesJapanese());
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    return ranges;
}

// Beyond Latin-1, the panels use punctuation (… — ·), arrows (→), ≤ ≥ ×, and shapes
// (● ▶ ⚠); DejaVu has them all. ImGui wants the ranges to outlive the atlas build.
constexpr ImWchar kUiGlyphRanges[] = {
    0x0020, 0x017F,  // Basic Latin, Latin-1, Latin Extended-A
    0x0370, 0x03FF,  // Greek
    0x0400, 0x04FF,  // Cyrillic
    0x2000, 0x206F,  // General Punctuation
    0x2190, 0x21FF,  // Arrows
    0x2200, 0x22FF,  // Mathematical Operators
    0x2500, 0x25FF,  // Box Drawing, Block Elements, Geometric Shapes
    0x2600, 0x26FF,  // Miscellaneous Symbols
    0,
};

// ImGui copies font data it does not own (FontDataOwnedByAtlas = false), so `font` may go after.
ImFont* add_font(ImFontAtlas& atlas, FontFile& font, float pixels) {
    if (font.height_per_em == 0.0F) return nullptr;
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    return atlas.AddFontFromMemoryTTF(font.data.data(), static_cast<int>(font.data.size()), pixels,
                                      &config, kUiGlyphRanges);
}

// Merges the CJK glyphs into the font added last, `base`, at the same em size: Noto CJK is 24%
// taller per em than DejaVu, so equal pixel sizes would draw the ideographs too small.
void merge_cjk(ImFontAtlas& atlas, FontFile& cjk, const FontFile& base, float pixels,
               const ImVector<ImWchar>& ranges) {
    if (cjk.height_per_em == 0.0F) return;
    if (base.height_per_em > 0.0F) pixels *= cjk.height_per_em / base.height_per_em;
    ImFontConfig config;
    config.MergeMode = true;
    config.FontDataOwnedByAtlas = false;
    config.FontNo = kCjkFaceSimplifiedChinese;
    // Thousands of ideographs: horizontal oversampling would triple the atlas for no visible gain.
    config.OversampleH = 1;
    atlas.AddFontFromMemoryTTF(cjk.data.data(), static_cast<int>(cjk.data.size()), pixels, &config,
                               ranges.Data);
}

// Loads DejaVu Sans (the default font) and DejaVu Sans Mono, each with Noto CJK merged in when
// `with_cjk`, and returns the monospace font. Builds the atlas right away so the font files can
// be freed.
ImFont* load_fonts(ImFontAtlas& atlas, float scale, bool with_cjk) {
    const float pixels = kFontPixels * scale;
    FontFile sans = read_font(kSansPath);
    FontFile mono = read_font(kMonoPath);
    FontFile cjk = with_cjk ? read_font(kCjkPath, kCjkFaceSimplifiedChinese) : FontFile{};
    const ImVector<ImWchar> ranges = cjk_glyph_ranges(atlas);

    ImFont* default_font = add_font(atlas, sans, pixels);
    if (default_font == nullptr) {
        ImFontConfig config;  // what AddFontDefault() uses without a config, but scaled
        config.SizePixels = kProggyPixels * scale;
        config.OversampleH = 1;
        config.PixelSnapH = true;
        default_font = atlas.AddFontDefault(&config);
    }
    merge_cjk(atlas, cjk, sans, pixels, ranges);
    ImFont* mono_font = add_font(atlas, mono, pixels);
    if (mono_font != nullptr) {
        merge_cjk(atlas, cjk, mono, pixels, ranges);
    } else {
        mono_font = default_font;
    }
    atlas.Build();
    // The glyphs are baked: free ImGui's copies of the font files (2 x 19 MB for Noto CJK).
    atlas.ClearInputData();
    return mono_font;
}

}  // namespace

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
    IMGUI_CHECKVERSION();  // the headers must match the prebuilt libimgui.a
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    if (options.persist_layout) ini_path_ = layout_ini_path();
    io.IniFilename = ini_path_.empty() ? nullptr : ini_path_.c_str();

    mono_font_ = load_fonts(*io.Fonts, content_scale_, false);
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
    if (!std::filesystem::exists(kCjkPath, ec)) return false;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    atlas.Clear();
    mono_font_ = load_fonts(atlas, content_scale_, true);
    ImGui_ImplOpenGL3_CreateFontsTexture();
    atlas.ClearTexData();
    return true;
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

void Platform::request_close() {
    glfwSetWindowShouldClose(window_, GLFW_TRUE);
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
