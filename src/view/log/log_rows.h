// The event log's rows without ImGui: the text of each cell, the fields the filter searches
// (row_matcher.h), and the detail pane's pretty-printed record and payload.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record/record.h"
#include "core/util/symbols.h"

namespace eventlab {

// How much of a payload (or a message) the filter searches and the detail view shows: a 100 MB
// payload must not stall a frame.
inline constexpr std::size_t kPayloadSearchBytes = 64 * 1024;

struct RowStyle {
    std::string_view arrow = " \u2192 ";  // the UI passes " -> " when its font lacks U+2192
    std::size_t payload_chars = 96;       // the payload preview is cut to this many characters
};

// One log row, cell by cell.
struct LogRow {
    std::string time;      // "12.345 s"
    std::string type;      // "emit", "deliver", ...
    std::string emit;      // "#12" for emit, deliver and skip records
    std::string event;     // the event, or the command / component / failed op
    std::string route;     // "from → to": "rust → AnyLabel{main}", "→ js:main", ...
    std::string listener;  // its name ("feed"), else its call ("listen('tick')")
    std::string payload;   // one-line preview
    std::string reason;    // why it matched, why it was skipped, the message, ...
    bool warn = false;     // an error, a failed expect or invoke, a stale delivery
    std::string warning;   // a delivery to a leaked or stale listener: what ran that should not
};

LogRow describe_row(const Record& r, const Symbols& symbols, const RowStyle& style = {});
// The warning of a delivery to a leaked or stale listener, or "" for any other record:
// "handler of unmounted component `Feed` ran" when `component` names the component that leaked
// the listener. Without it the words follow the side: a JS handler only runs in its own live
// page, so a stale JS delivery is a leaked listener; a stale Rust one outlived its window.
std::string delivery_warning(const Record& r, std::string_view component = {});
// "12.345 s" (t_us is microseconds since the session began).
std::string format_time(std::int64_t t_us);
// Who received a delivery: "js:LABEL" for a webview, "rust" for the Rust backend.
std::string receiver_name(const Record& r, const Symbols& symbols);
// The term the route matrix puts into the log filter to show one event's deliveries (and
// skips) in one receiver: "[test-event@js:main]", "[test-event@rust]". Brackets and '@' never
// occur in event names, so the term cannot match a longer event name by accident.
std::string delivery_key(std::string_view event, std::string_view receiver);
// What an emit was aimed at, in words: "all" (emit), "AnyLabel{main}" (emit_to), or
// "filter[App, Window{main}]" (emit_filter).
std::string emit_call_description(const Record& emit, const Symbols& symbols);

using FieldVisit = std::function<void(std::string_view)>;
// Calls visit(field) for every field the filter (RowMatcher) searches in `r`: the type, the
// event (or command, component, op), from, to, the listener name, the reason words, the
// delivery key, "#EMIT", "id LISTENER", the payload and the text (first kPayloadSearchBytes).
void for_each_search_field(const Record& r, const Symbols& symbols, const FieldVisit& visit);

// The detail pane of a selected record: the record as pretty JSON and its payload (or invoke
// args) pretty-printed. A payload over kPayloadSearchBytes is shown as its first
// kPayloadSearchBytes, as is, with a note: parsing 100 MB would stall the frame.
struct RecordDetail {
    std::string record_json;   // pretty; a large payload is replaced by a short note
    std::string payload;       // pretty-printed, or the start of a large / invalid payload
    std::string payload_note;  // "… (104857600 bytes in all)", "not valid JSON: ...", or empty
    bool has_payload = false;
};
RecordDetail describe_detail(const Record& r, const Symbols& symbols);

}  // namespace eventlab
