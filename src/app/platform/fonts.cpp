#include "app/platform/fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "view/fonts/cjk_glyphs.h"

namespace eventlab::app {
namespace {

constexpr float kFontPixels = 16.0F;
constexpr float kProggyPixels = 13.0F;  // ImGui's built-in font is drawn for this size only

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

}  // namespace

// The atlas is built right away, so the font files can be freed.
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

BakedFonts bake_fonts(float scale) {
    BakedFonts fonts;
    fonts.choice = find_fonts();
    fonts.atlas = std::make_unique<ImFontAtlas>();
    fonts.mono = load_fonts(*fonts.atlas, scale, fonts.choice, FontLocation{});
    fonts.scale = scale;
    return fonts;
}

std::u32string glyphs_missing_from(std::string_view utf8, const ImFont* default_font,
                                   const ImFont* mono) {
    ImFontGlyphRangesBuilder builder;  // collects the text's code points, each once
    builder.AddText(utf8.data(), utf8.data() + utf8.size());
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    std::u32string missing;
    for (int i = 0; i + 1 < ranges.Size; i += 2) {
        for (unsigned c = ranges[i]; c <= ranges[i + 1]; ++c) {
            if (c < 0x20) continue;  // control characters have no glyph in any font
            const auto glyph = static_cast<ImWchar>(c);
            for (const ImFont* font : {default_font, mono}) {
                if (font == nullptr || font->FindGlyphNoFallback(glyph) == nullptr) {
                    missing.push_back(static_cast<char32_t>(c));
                    break;
                }
            }
        }
    }
    return missing;
}

}  // namespace eventlab::app
