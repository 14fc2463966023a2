#include "core/bus/names.h"

#include <unicode/uchar.h>

#include <array>
#include <cstdio>
#include <string_view>

#include "core/bus/mode_rules.h"
#include "core/util/utf8.h"

namespace eventlab {
namespace {

// The punctuation Tauri allows besides alphanumerics, one list for both paths below.
constexpr std::string_view kNamePunct = "-/:_";

bool is_name_punct(UChar32 c) {
    return c < 0x80 && kNamePunct.find(static_cast<char>(c)) != std::string_view::npos;
}

// Rust: is_alphabetic() (the Alphabetic property) || is_numeric() (categories Nd, Nl, No).
bool is_rust_alphanumeric(UChar32 c) {
    if (c < 0x80) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return true;
    const auto type = static_cast<UCharCategory>(u_charType(c));
    return type == U_DECIMAL_DIGIT_NUMBER || type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
}

// Most names are ASCII ("test-event", "tauri://close-requested"): a table answers those
// without decoding; anything else goes through ICU.
constexpr std::array<bool, 128> kAsciiAllowed = [] {
    std::array<bool, 128> allowed{};
    for (int c = '0'; c <= '9'; ++c)
        allowed[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        allowed[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        allowed[c] = true;
    for (char c : kNamePunct)
        allowed[static_cast<unsigned char>(c)] = true;
    return allowed;
}();

bool follows_tauri_char_rule(std::string_view text) {
    bool ascii = true;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            ascii = false;
            break;
        }
        if (!kAsciiAllowed[byte]) return false;
    }
    if (ascii) return true;
    for (std::size_t i = 0; i < text.size();) {
        const utf8::Decoded d = utf8::decode(text, i);
        const auto c = static_cast<UChar32>(d.code_point);
        if (!d.valid || !(is_rust_alphanumeric(c) || is_name_punct(c))) return false;
        i += d.length;
    }
    return true;
}

// Rust's Debug escapes control, separator, format and unassigned characters as \u{..}.
bool needs_unicode_escape(UChar32 c) {
    if (c == ' ') return false;
    // {:?} also escapes combining marks (é as e\u{301}), so the name reads unambiguously.
    if (u_hasBinaryProperty(c, UCHAR_GRAPHEME_EXTEND)) return true;
    switch (static_cast<UCharCategory>(u_charType(c))) {
        case U_CONTROL_CHAR:
        case U_FORMAT_CHAR:
        case U_UNASSIGNED:
        case U_PRIVATE_USE_CHAR:
        case U_SURROGATE:
        case U_LINE_SEPARATOR:
        case U_PARAGRAPH_SEPARATOR:
        case U_SPACE_SEPARATOR:
            return true;
        default:
            return false;
    }
}

}  // namespace

bool is_valid_event_name(std::string_view name) {
    return follows_tauri_char_rule(name);
}

bool is_valid_label(std::string_view label) {
    return follows_tauri_char_rule(label);
}

std::string label_error(std::string_view label) {
    return "Window label must include only alphanumeric characters, `-`, `/`, `:` and `_`. (got " +
           rust_debug_string(label) + ")";
}

std::optional<NameError> check_event_name(std::string_view name, Mode mode, NameCall call,
                                          std::string_view js_command) {
    static constexpr std::string_view kAssertText =
        "Event name must include only alphanumeric characters, `-`, `/`, `:` and `_`.";
    if (is_valid_event_name(name)) return std::nullopt;
    if (call == NameCall::Js) {
        // In every release the JS name is checked by EventName's serde Deserialize, which kept
        // the 2.0 text, and the command layer wraps it as InvalidArgs.
        return NameError{"invalid args `event` for command `" + std::string(js_command) +
                             "`: " + std::string(kAssertText),
                         false};
    }
    if (!rules(mode).rust_emit_name_err) return NameError{std::string(kAssertText), true};
    if (call == NameCall::RustListen) {
        // listen() still unwraps the EventName::new result, so Rust sees the unwrap panic.
        return NameError{"called `Result::unwrap()` on an `Err` value: IllegalEventName(" +
                             rust_debug_string(name) + ")",
                         true};
    }
    return NameError{"only alphanumeric, '-', '/', ':', '_' permitted for event names: " +
                         rust_debug_string(name),
                     false};
}

std::string rust_debug_string(std::string_view text) {
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        // An ill-formed sequence decodes as U+FFFD: what String::from_utf8_lossy would show.
        const utf8::Decoded d = utf8::decode(text, i);
        i += d.length;
        const auto c = static_cast<UChar32>(d.code_point);
        switch (c) {
            case '"':
                out += "\\\"";
                continue;
            case '\\':
                out += "\\\\";
                continue;
            case '\n':
                out += "\\n";
                continue;
            case '\r':
                out += "\\r";
                continue;
            case '\t':
                out += "\\t";
                continue;
            case 0:
                out += "\\0";
                continue;
            default:
                break;
        }
        if (needs_unicode_escape(c)) {
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, "\\u{%x}", static_cast<unsigned>(c));
            out += buffer;
        } else {
            utf8::append(out, d.code_point);
        }
    }
    out += '"';
    return out;
}

}  // namespace eventlab
