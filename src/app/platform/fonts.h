// The UI's fonts: found with fontconfig, read and baked into an ImGui atlas (off the main thread
// at start-up), with the CJK glyphs merged in only when the app asks for them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

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
    FontLocation cjk;
};

// Looks the UI's fonts up with fontconfig (no hard-coded paths).
FontChoice find_fonts();

// Adds the sans font (the default) and the monospace one to `atlas` at `scale`, each with the
// CJK glyphs of `cjk` merged in when it names a font, builds the atlas and returns the monospace
// font (the default font when there is no monospace one).
ImFont* load_fonts(ImFontAtlas& atlas, float scale, const FontChoice& fonts,
                   const FontLocation& cjk);

// The fonts looked up and baked at a content scale, without the CJK glyphs.
struct BakedFonts {
    FontChoice choice;
    std::unique_ptr<ImFontAtlas> atlas;
    ImFont* mono = nullptr;
    float scale = 1.0F;
};
// Needs no ImGui context: the app runs it on a thread while GLFW opens the window.
BakedFonts bake_fonts(float scale);

// The code points of `utf8` that `default_font` or `mono` has no glyph for (ImGui would draw them
// as '?'), each once, ascending. A null font has no glyphs.
std::u32string glyphs_missing_from(std::string_view utf8, const ImFont* default_font,
                                   const ImFont* mono);

}  // namespace eventlab::app
