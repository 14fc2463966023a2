// The log's detail pane, as text: the selected record pretty-printed, and its payload.
#include <nlohmann/json.hpp>

#include "core/trace/trace.h"
#include "core/util/json_io.h"
#include "core/util/utf8.h"
#include "view/log/log_rows.h"

namespace eventlab {
namespace {

std::string pretty(const nlohmann::json& value) {
    // Replace, not throw: a payload read from a trace may hold invalid UTF-8.
    return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string bytes_in_all(std::size_t size) {
    return "\u2026 (" + std::to_string(size) + " bytes in all)";
}

}  // namespace

RecordDetail describe_detail(const Record& r, const Symbols& symbols) {
    RecordDetail detail;
    Record shown = r;
    // A skip's payload is the list of its listeners: the record's `listeners`, not a payload.
    const Text payload = r.type == RecordType::Skip ? nullptr : r.payload;
    const std::size_t size = payload ? payload->size() : 0;
    const bool large = size > kPayloadSearchBytes;
    if (large) {
        // The record's JSON would copy the whole payload; the payload view shows its start.
        shown.payload = make_text("\"<" + std::to_string(size) + " bytes: see the payload>\"");
    }
    std::string line;
    append_record_json(line, shown, symbols);
    std::string error;
    if (auto value = parse_json_text(line, "record", error)) {
        detail.record_json = pretty(*value);
    } else {
        detail.record_json = line;
    }

    if (!payload) return detail;
    detail.has_payload = true;
    if (large) {
        detail.payload = std::string(utf8::prefix_bytes(*payload, kPayloadSearchBytes));
        detail.payload_note = bytes_in_all(size);
        return detail;
    }
    if (auto value = parse_json_text(*payload, "payload", error)) {
        detail.payload = pretty(*value);
        if (detail.payload.size() > kPayloadSearchBytes) {
            detail.payload = std::string(utf8::prefix_bytes(detail.payload, kPayloadSearchBytes));
            detail.payload_note = bytes_in_all(size);
        }
    } else {
        detail.payload = *payload;
        detail.payload_note = "not valid JSON: " + error;
    }
    return detail;
}

}  // namespace eventlab
