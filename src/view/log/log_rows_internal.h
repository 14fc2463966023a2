// Helpers the log's cells (log_rows.cpp) and its filter (row_matcher.cpp) share, so that what
// the filter searches is exactly what the rows show. Not part of src/view's interface.
#pragma once

#include <string>
#include <string_view>

#include "view/log/log_rows.h"

namespace eventlab::log_rows_detail {

inline char fold(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive (ASCII, as TextFilter) substring test; `needle` is already lower case.
inline bool contains_folded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    const char first = needle.front();
    const std::size_t last = haystack.size() - needle.size();
    for (std::size_t i = 0; i <= last; ++i) {
        if (fold(haystack[i]) != first) continue;
        std::size_t k = 1;
        while (k < needle.size() && fold(haystack[i + k]) == needle[k])
            ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

// At most kPayloadSearchBytes of a payload or message.
inline std::string_view bounded(const Text& text) {
    if (!text) return {};
    return std::string_view(*text).substr(0, kPayloadSearchBytes);
}

// The fields that depend only on a record's signature: its type, code, flags, kinds and
// symbols, and whether it has a text (not on ids, payload or the text itself).
void signature_fields(const Record& r, const Symbols& symbols, const FieldVisit& visit);
bool has_emit_id(const Record& r);      // emit, deliver, skip
bool has_listener_id(const Record& r);  // listen, unlisten, deliver, skip
bool is_accept_list(const Record& r);   // an emit_filter emit: its text is the accept list
std::string accept_description(const Record& r);  // "filter[App, Window{main}]"

}  // namespace eventlab::log_rows_detail
