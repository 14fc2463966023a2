#include "core/util/json_io.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <system_error>

#include "core/util/utf8.h"

namespace eventlab {

using json = nlohmann::json;

namespace {

struct TextPos {
    size_t line = 1;
    size_t col = 1;
};

// Columns count characters, as an editor shows them; a UTF-8 BOM is no column.
TextPos position_at(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    TextPos pos;
    size_t line_start = text.starts_with("\xEF\xBB\xBF") ? std::min<size_t>(3, offset) : 0;
    for (size_t nl = text.find('\n', line_start); nl < offset; nl = text.find('\n', line_start)) {
        ++pos.line;
        line_start = nl + 1;
    }
    pos.col = 1 + utf8::count(text.substr(line_start, offset - line_start));
    return pos;
}

std::string at_position(std::string_view source, std::string_view text, size_t offset,
                        std::string_view what) {
    const TextPos pos = position_at(text, offset);
    return std::string(source) + ':' + std::to_string(pos.line) + ':' + std::to_string(pos.col) +
           ": " + std::string(what);
}

// "[json.exception.parse_error.101] parse error at line 3, column 17: syntax error ..." keeps
// only what follows the position, which we report ourselves (in characters, not bytes).
std::string_view explanation(std::string_view what) {
    const size_t id_end = what.find("] ");
    const size_t colon = what.find(": ", id_end == std::string_view::npos ? 0 : id_end);
    return colon == std::string_view::npos ? what : what.substr(colon + 2);
}

}  // namespace

std::optional<size_t> json_too_deep_at(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

std::string json_too_deep_message() {
    return "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
}

std::optional<json> parse_json_text(std::string_view text, std::string_view source,
                                    std::string& error) {
    if (auto deep = json_too_deep_at(text)) {
        error = at_position(source, text, *deep, json_too_deep_message());
        return std::nullopt;
    }
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        // e.byte is 1-based and points at the offending byte (one past the end at end of input).
        // nlohmann quotes the bytes it last read, which may be the invalid UTF-8 it refused.
        error = at_position(source, text, e.byte > 0 ? e.byte - 1 : 0,
                            utf8::replace_invalid(explanation(e.what())));
        return std::nullopt;
    } catch (const json::out_of_range&) {
        // Thrown for a number beyond a double's range (406); it carries no position, and its
        // message quotes the whole number, however long.
        error = std::string(source) + ": a number too large for a double";
        return std::nullopt;
    }
}

// Reads the whole file; on failure returns why, in the words of the system.
Result<std::string> read_text_file(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return Failure{std::generic_category().message(errno)};
    std::string text;
    std::array<char, 65536> buffer{};
    size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
        text.append(buffer.data(), n);
    const int error = std::ferror(file) ? (errno != 0 ? errno : EIO) : 0;
    std::fclose(file);
    if (error != 0) return Failure{std::generic_category().message(error)};
    return text;
}

// ---------------------------------------------------------------------------------------------
// Messages about a value at a JSON pointer

namespace {

// A long string value quoted in a message is cut: the message must stay one readable line.
constexpr size_t kMaxQuoted = 40;

}  // namespace

std::string json_quote(std::string_view text) {
    return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string json_quote_short(const std::string& text) {
    const size_t cut = utf8::offset_of(text, kMaxQuoted);
    if (cut == text.size()) return json_quote(text);
    return json_quote(text.substr(0, cut) + "\u2026");
}

// What was found, for "got ..." in messages. Numbers show their value: "got 0" says more than
// "got number" when the rule is ">= 1".
std::string describe_json_value(const json& value) {
    switch (value.type()) {
        case json::value_t::string:
            return json_quote_short(value.get_ref<const std::string&>());
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            return value.dump();
        case json::value_t::boolean:
            return "boolean";
        case json::value_t::object:
            return value.empty() ? "{}" : "object";
        case json::value_t::array:
            return value.empty() ? "[]" : "array";
        default:
            return "null";
    }
}

std::string json_pointer_message(const std::string& pointer, std::string_view what) {
    if (pointer.empty()) return std::string(what);
    return pointer + ": " + std::string(what);
}

// RFC 6901 escaping, plus control characters replaced: a message is always one line.
std::string json_pointer_child(const std::string& pointer, std::string_view key) {
    std::string out = pointer + '/';
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
        }
    }
    return out;
}

std::string json_pointer_child(const std::string& pointer, size_t index) {
    return pointer + '/' + std::to_string(index);
}

}  // namespace eventlab
