#include "app/platform/fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

#include "core/util/utf8.h"

namespace eventlab::app {
namespace {

constexpr float kFontPixels = 16.0F;
constexpr float kProggyPixels = 13.0F;  // ImGui's built-in font is drawn for this size only
constexpr std::size_t kMaxFallbacks = 8;

// One letter of each script a payload may carry that a Latin UI font often lacks: a fallback
// font is taken when it has one the fonts before it do not. Han, kana and Hangul come first, as
// fontconfig ranks the fonts for the system's language.
constexpr char32_t kScriptSamples[] = {
    U'你', U'あ', U'ア', U'한',  // CJK
    U'ع',  U'א',  U'क',  U'ক',  U'த', U'ก', U'ລ', U'ა', U'Ա', U'ሀ', U'ខ', U'မ', U'ᠮ', U'ཀ',
};

bool readable(FcPattern* font) {
    FcChar8* format = nullptr;
    if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) != FcResultMatch) return false;
    const std::string_view name(reinterpret_cast<const char*>(format));
    return name == "TrueType" || name == "CFF";  // what ImGui's FreeType loader is given
}

FontLocation location_of(FcPattern* font) {
    FontLocation found;
    FcChar8* file = nullptr;
    int face = 0;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) return found;
    if (FcPatternGetInteger(font, FC_INDEX, 0, &face) != FcResultMatch) face = 0;
    found.path = reinterpret_cast<const char*>(file);
    found.face = face & 0xFFFF;  // the upper bits name a variable font's instance
    return found;
}

// fontconfig's list for `pattern`, best first; `trim` keeps only fonts that add code points.
FcFontSet* sorted_fonts(FcConfig* config, const char* pattern, bool trim) {
    FcPattern* wanted = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
    if (wanted == nullptr) return nullptr;
    FcConfigSubstitute(config, wanted, FcMatchPattern);
    FcDefaultSubstitute(wanted);
    FcResult result = FcResultNoMatch;
    FcFontSet* sorted = FcFontSort(config, wanted, trim ? FcTrue : FcFalse, nullptr, &result);
    FcPatternDestroy(wanted);
    return sorted;
}

bool has_all(FcPattern* font, std::initializer_list<char32_t> required) {
    FcCharSet* charset = nullptr;
    if (FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch) return false;
    return std::all_of(required.begin(), required.end(),
                       [&](char32_t c) { return FcCharSetHasChar(charset, c) == FcTrue; });
}

// The best match of `pattern` that ImGui can read and has every code point of `required`.
FontLocation find_font(FcConfig* config, const char* pattern,
                       std::initializer_list<char32_t> required) {
    FontLocation found;
    FcFontSet* sorted = sorted_fonts(config, pattern, false);
    for (int i = 0; sorted != nullptr && i < sorted->nfont && found.path.empty(); ++i) {
        if (readable(sorted->fonts[i]) && has_all(sorted->fonts[i], required))
            found = location_of(sorted->fonts[i]);
    }
    if (sorted != nullptr) FcFontSetDestroy(sorted);
    return found;
}

// fontconfig's fallback list for sans-serif, kept to the fonts that bring a script the sans
// font and the fallbacks before them lack.
std::vector<FontLocation> find_fallbacks(FcConfig* config, const FontLocation& sans) {
    std::vector<FontLocation> out;
    std::set<char32_t> covered;
    FcFontSet* sorted = sorted_fonts(config, "sans-serif", true);
    for (int i = 0; sorted != nullptr && i < sorted->nfont && out.size() < kMaxFallbacks; ++i) {
        FcPattern* font = sorted->fonts[i];
        FcCharSet* charset = nullptr;
        if (!readable(font) || FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch)
            continue;
        const FontLocation at = location_of(font);
        bool adds = false;
        for (const char32_t c : kScriptSamples) {
            if (covered.count(c) == 0 && FcCharSetHasChar(charset, c) == FcTrue) {
                covered.insert(c);
                adds = true;
            }
        }
        // The sans font's own scripts count as covered, not as a reason to merge it again.
        if (adds && !(at.path == sans.path && at.face == sans.face)) out.push_back(at);
    }
    if (sorted != nullptr) FcFontSetDestroy(sorted);
    return out;
}

ImFont* add_font(ImFontAtlas& atlas, const FontLocation& location, float pixels, bool merge,
                 FontFiles& files) {
    if (location.path.empty()) return nullptr;
    auto file = std::make_unique<FontFile>(location.path);
    if (file->data() == nullptr) return nullptr;  // every font is optional
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // mapped, not copied
    config.FontNo = location.face;
    config.MergeMode = merge;
    ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<void*>(file->data()),
                                              static_cast<int>(file->size()), pixels, &config);
    if (font != nullptr) files.push_back(std::move(file));
    return font;
}

}  // namespace

FontFile::FontFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && info.st_size > 0) {
        void* mapped =
            ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (mapped != MAP_FAILED) {
            data_ = mapped;
            size_ = static_cast<std::size_t>(info.st_size);
        }
    }
    ::close(fd);
}

FontFile::~FontFile() {
    if (data_ != nullptr) ::munmap(data_, size_);
}

ImFont* add_fonts(ImFontAtlas& atlas, float scale, const FontChoice& fonts, FontFiles& files) {
    const float pixels = kFontPixels * scale;
    ImFont* default_font = add_font(atlas, fonts.sans, pixels, false, files);
    if (default_font == nullptr) {
        ImFontConfig config;  // what AddFontDefault() uses without a config, but scaled
        config.SizePixels = kProggyPixels * scale;
        default_font = atlas.AddFontDefault(&config);
    }
    for (const FontLocation& fallback : fonts.fallbacks)
        add_font(atlas, fallback, pixels, true, files);
    ImFont* mono = add_font(atlas, fonts.mono, pixels, false, files);
    if (mono == nullptr) return default_font;
    for (const FontLocation& fallback : fonts.fallbacks)
        add_font(atlas, fallback, pixels, true, files);
    return mono;
}

// DejaVu (the screenshots' look) when installed, else what fontconfig substitutes; behind them
// fontconfig's fallback fonts (Debian: WenQuanYi Micro Hei or Noto CJK for Chinese, Japanese
// and Korean; DejaVu Sans itself has Arabic and Hebrew).
FontChoice find_fonts() {
    FontChoice fonts;
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (config == nullptr) return fonts;
    fonts.sans = find_font(config, "DejaVu Sans:style=Book", {U'A'});
    fonts.mono = find_font(config, "DejaVu Sans Mono:style=Book:spacing=mono", {U'A'});
    fonts.fallbacks = find_fallbacks(config, fonts.sans);
    FcConfigDestroy(config);
    return fonts;
}

std::u32string glyphs_missing_from(std::string_view utf8, ImFont* default_font, ImFont* mono) {
    std::set<char32_t> code_points;
    for (std::size_t at = 0; at < utf8.size();) {
        const utf8::Decoded d = utf8::decode(utf8, at);
        if (d.valid && d.code_point >= 0x20) code_points.insert(d.code_point);  // controls: none
        at += d.length;
    }
    std::u32string missing;
    for (const char32_t c : code_points) {
        for (ImFont* font : {default_font, mono}) {
            if (font == nullptr || !font->IsGlyphInFont(static_cast<ImWchar>(c))) {
                missing.push_back(c);
                break;
            }
        }
    }
    return missing;
}

}  // namespace eventlab::app
