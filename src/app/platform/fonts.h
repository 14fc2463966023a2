// The UI's fonts: found with fontconfig (the sans and monospace faces, and fontconfig's fallback
// fonts for the scripts those lack: Chinese, Japanese, Korean, ...), mapped into memory and
// handed to ImGui, whose 1.92 atlas rasterises each glyph the first time a text needs it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace eventlab::app {

// A font fontconfig found: the file and the face in it (a .ttc holds several).
struct FontLocation {
    std::string path;  // empty: none installed
    int face = 0;
};

struct FontChoice {
    FontLocation sans;
    FontLocation mono;
    // Merged behind both, in fontconfig's order: each covers a script the fonts before it lack.
    std::vector<FontLocation> fallbacks;
};

// Looks the UI's fonts up with fontconfig (no hard-coded paths). Needs no ImGui context: the
// app runs it on a thread while GLFW opens the window.
FontChoice find_fonts();

// A font file mapped read-only (pages are read when FreeType first touches them); ImGui reads
// it in place, so it must outlive the atlas.
class FontFile {
  public:
    explicit FontFile(const std::string& path);
    ~FontFile();
    FontFile(const FontFile&) = delete;
    FontFile& operator=(const FontFile&) = delete;
    const void* data() const { return data_; }
    std::size_t size() const { return size_; }

  private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};
using FontFiles = std::vector<std::unique_ptr<FontFile>>;

// Adds the sans font (the default) and the monospace one to `atlas` at `scale`, each with the
// fallbacks merged in; the files go to `files`. Returns the monospace font (the default font
// when there is no monospace one).
ImFont* add_fonts(ImFontAtlas& atlas, float scale, const FontChoice& fonts, FontFiles& files);

// The code points of `utf8` that `default_font` or `mono` has no glyph for in any of its sources
// (ImGui would draw them as '?'), each once, ascending. A null font has no glyphs.
std::u32string glyphs_missing_from(std::string_view utf8, ImFont* default_font, ImFont* mono);

}  // namespace eventlab::app
