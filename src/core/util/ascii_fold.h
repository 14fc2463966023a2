// The one case fold of text searches (the log filter, the log's TextFilter, label searches):
// ASCII only, whatever the locale. std::tolower follows the process's current C locale, so one
// filter could match differently on another machine (in a Turkish locale "I" is not "i"), and in a
// single-byte locale it would fold bytes of UTF-8 characters into other bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eventlab {

inline char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = ascii_lower(c);
    return out;
}

// Whether haystack contains needle, ignoring ASCII case; `needle` is already ascii_lower'ed.
// Runs per field per record while the log filters: the first byte is tested alone.
inline bool contains_ascii_folded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    const char first = needle.front();
    const std::size_t last = haystack.size() - needle.size();
    for (std::size_t i = 0; i <= last; ++i) {
        if (ascii_lower(haystack[i]) != first) continue;
        std::size_t k = 1;
        while (k < needle.size() && ascii_lower(haystack[i + k]) == needle[k])
            ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

// Case-insensitive containment of two texts as a person typed them.
inline bool contains_any_case(std::string_view haystack, std::string_view part) {
    return contains_ascii_folded(haystack, ascii_lower(part));
}

}  // namespace eventlab
