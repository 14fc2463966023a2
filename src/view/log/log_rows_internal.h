// Helpers the log's cells (log_rows.cpp) and its filter (row_matcher.cpp) share, so that what
// the filter searches is exactly what the rows show. Not part of src/view's interface.
#pragma once

#include <string>
#include <string_view>

#include "view/log/log_rows.h"

namespace eventlab::log_rows_detail {

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
