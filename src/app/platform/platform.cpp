#include "app/platform/platform.h"

#include <GLFW/glfw3.h>
#include <fontconfig/fontconfig.h>
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
#include <future>
#include <initializer_list>
#include <string>
#include <system_error>
#include <vector>

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

// Asks fontconfig for the best match of `pattern` (fontconfig's syntax) that is a TrueType or
// OpenType font and has every code point of `required`; an empty path when no installed font does.
FontLocation find_font(FcConfig* config, const char* pattern,
                       std::initializer_list<char32_t> required) {
    FontLocation found;
    FcPattern* wanted = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
    if (wanted == nullptr) return found;
    FcConfigSubstitute(config, wanted, FcMatchPattern);
    FcDefaultSubstitute(wanted);
    FcResult result = FcResultNoMatch;
    FcFontSet* sorted = FcFontSort(config, wanted, FcFalse, nullptr, &result);
    for (int i = 0; sorted != nullptr && i < sorted->nfont && found.path.empty(); ++i) {
        FcPattern* font = sorted->fonts[i];
        FcChar8* file = nullptr;
        FcChar8* format = nullptr;
        FcCharSet* charset = nullptr;
        int face = 0;
        if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch ||
            FcPatternGetString(font, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
            FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch) {
            continue;
        }
        const std::string format_name(reinterpret_cast<const char*>(format));
        if (format_name != "TrueType" && format_name != "CFF") continue;  // what stb_truetype reads
        if (!std::all_of(required.begin(), required.end(),
                         [&](char32_t c) { return FcCharSetHasChar(charset, c) == FcTrue; })) {
            continue;
        }
        if (FcPatternGetInteger(font, FC_INDEX, 0, &face) != FcResultMatch) face = 0;
        found.path = reinterpret_cast<const char*>(file);
        found.face = face & 0xFFFF;  // the upper bits name a variable font's instance
    }
    if (sorted != nullptr) FcFontSetDestroy(sorted);
    FcPatternDestroy(wanted);
    return found;
}

// A font file in memory. ImGui sizes a font by its ascent-to-descent height; `height_per_em`
// relates that height to the em square, and is 0 when the file is missing or not a font.
struct FontFile {
    std::vector<unsigned char> data;
    float height_per_em = 0.0F;
};

FontFile read_font(const FontLocation& location) {
    FontFile font;
    if (location.path.empty()) return font;
    // Opened at the end, to learn the size.
    std::ifstream in(location.path, std::ios::binary | std::ios::ate);
    if (!in) return font;  // every font is optional
    font.data.resize(static_cast<std::size_t>(in.tellg()));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(font.data.data()),
                 static_cast<std::streamsize>(font.data.size())) ||
        font.data.empty()) {
        return {};
    }
    const int offset = stbtt_GetFontOffsetForIndex(font.data.data(), location.face);
    stbtt_fontinfo info;
    if (offset >= 0 && stbtt_InitFont(&info, font.data.data(), offset) != 0) {
        font.height_per_em =
            stbtt_ScaleForMappingEmToPixels(&info, 1.0F) / stbtt_ScaleForPixelHeight(&info, 1.0F);
    }
    return font;
}

// The ranges needs_cjk_glyphs() looks for, as ImGui's zero-terminated pairs: a text that makes
// the app load the CJK glyphs is one whose glyphs get baked. ImGui skips the code points the font
// lacks, so the atlas holds what the installed font covers.
ImVector<ImWchar> cjk_glyph_ranges() {
    ImVector<ImWchar> ranges;
    for (const CodePointRange& range : cjk_code_point_ranges()) {
        ranges.push_back(static_cast<ImWchar>(range.first));
        ranges.push_back(static_cast<ImWchar>(range.last));
    }
    ranges.push_back(0);
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

// Merges the CJK glyphs into the font added last, `base`, at the same em size: Noto CJK, for one,
// is 24% taller per em than DejaVu, so equal pixel sizes would draw the ideographs too small.
void merge_cjk(ImFontAtlas& atlas, FontFile& cjk, int face, const FontFile& base, float pixels,
               const ImVector<ImWchar>& ranges) {
    if (cjk.height_per_em == 0.0F) return;
    if (base.height_per_em > 0.0F) pixels *= cjk.height_per_em / base.height_per_em;
    ImFontConfig config;
    config.MergeMode = true;
    config.FontDataOwnedByAtlas = false;
    config.FontNo = face;
    // Thousands of ideographs: horizontal oversampling would triple the atlas for no visible gain.
    config.OversampleH = 1;
    atlas.AddFontFromMemoryTTF(cjk.data.data(), static_cast<int>(cjk.data.size()), pixels, &config,
                               ranges.Data);
}

// Loads the sans font (the default) and the monospace one, each with the CJK font merged in when
// `cjk` names one, and returns the monospace font. Builds the atlas right away so the font files
// can be freed.
ImFont* load_fonts(ImFontAtlas& atlas, float scale, const FontChoice& fonts,
                   const FontLocation& cjk_location) {
    const float pixels = kFontPixels * scale;
    FontFile sans = read_font(fonts.sans);
    FontFile mono = read_font(fonts.mono);
    FontFile cjk = read_font(cjk_location);
    const ImVector<ImWchar> ranges = cjk_glyph_ranges();

    ImFont* default_font = add_font(atlas, sans, pixels);
    if (default_font == nullptr) {
        ImFontConfig config;  // what AddFontDefault() uses without a config, but scaled
        config.SizePixels = kProggyPixels * scale;
        config.OversampleH = 1;
        config.PixelSnapH = true;
        default_font = atlas.AddFontDefault(&config);
    }
    merge_cjk(atlas, cjk, cjk_location.face, sans, pixels, ranges);
    ImFont* mono_font = add_font(atlas, mono, pixels);
    if (mono_font != nullptr) {
        merge_cjk(atlas, cjk, cjk_location.face, mono, pixels, ranges);
    } else {
        mono_font = default_font;
    }
    atlas.Build();
    // The glyphs are baked: free ImGui's copies of the font files (2 x 19 MB for Noto CJK).
    atlas.ClearInputData();
    return mono_font;
}

}  // namespace

// The fonts come from fontconfig, not from paths: DejaVu (the screenshots' look) when installed,
// else what fontconfig substitutes, and for CJK the best sans font that has Chinese, Japanese and
// Korean glyphs (Debian: fonts-wqy-microhei or fonts-noto-cjk), else one with ideographs at least.
FontChoice find_fonts() {
    FontChoice fonts;
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (config == nullptr) return fonts;
    fonts.sans = find_font(config, "DejaVu Sans:style=Book", {U'A'});
    fonts.mono = find_font(config, "DejaVu Sans Mono:style=Book:spacing=mono", {U'A'});
    fonts.cjk = find_font(config, "sans-serif:lang=zh-cn", {U'你', U'あ', U'한'});
    if (fonts.cjk.path.empty()) fonts.cjk = find_font(config, "sans-serif:lang=zh-cn", {U'你'});
    FcConfigDestroy(config);
    return fonts;
}

Platform::Platform() = default;

Platform::Fonts Platform::bake_fonts(float scale) {
    Fonts fonts;
    fonts.choice = find_fonts();
    fonts.atlas = std::make_unique<ImFontAtlas>();
    fonts.mono = load_fonts(*fonts.atlas, scale, fonts.choice, FontLocation{});
    fonts.scale = scale;
    return fonts;
}

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
    baking_ = std::async(std::launch::async, &Platform::bake_fonts, std::max(scale, 1.0F));
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
    Fonts baked = baking_.get();
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
    ImFontGlyphRangesBuilder builder;  // collects the text's code points, each once
    builder.AddText(utf8.data(), utf8.data() + utf8.size());
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    std::u32string missing;
    const ImFont* default_font =
        ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    for (int i = 0; i + 1 < ranges.Size; i += 2) {
        for (unsigned c = ranges[i]; c <= ranges[i + 1]; ++c) {
            if (c < 0x20) continue;  // control characters have no glyph in any font
            const auto glyph = static_cast<ImWchar>(c);
            for (const ImFont* font : {default_font, static_cast<const ImFont*>(mono_font_)}) {
                if (font == nullptr || font->FindGlyphNoFallback(glyph) == nullptr) {
                    missing.push_back(static_cast<char32_t>(c));
                    break;
                }
            }
        }
    }
    return missing;
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
