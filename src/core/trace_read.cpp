// Reading traces back: a damaged or foreign file says what is wrong with it, and a trace cut
// off mid-line (a crash while recording) still loads every complete record. A million-record
// trace opens in about a second: record lines go through simdjson (FastRecordReader) first, and
// only what it is unsure of through nlohmann's DOM, which also words the errors.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_io.h"
#include "core/scenario.h"
#include "core/trace.h"
#include "core/trace_read_internal.h"

namespace eventlab {
namespace {

using json = nlohmann::json;

// nlohmann's value() throws when the member has another type; a foreign file must not crash us.
std::string string_member(const json& object, const char* key, std::string_view fallback) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

std::optional<TraceHeader> read_header(std::string_view line, std::string_view source,
                                       std::string& error) {
    std::string why;
    const auto value = parse_json_text(line, source, why);
    const bool looks_like_trace =
        value && value->is_object() && string_member(*value, "format", "") == "eventlab-trace";
    if (!looks_like_trace) {
        error = std::string(source) +
                ": not an EventLab trace (its first line is not {\"format\":\"eventlab-trace\",…})";
        return std::nullopt;
    }
    TraceHeader header;
    const json& h = *value;
    if (!h.contains("version") || !h["version"].is_number_integer()) {
        error = std::string(source) + ":1: the header has no integer \"version\"";
        return std::nullopt;
    }
    header.version = h["version"].get<int>();
    if (header.version > kTraceVersion) {
        error = std::string(source) + ": trace format version " + std::to_string(header.version) +
                " is newer than this EventLab reads (version " + std::to_string(kTraceVersion) +
                "); open it with a newer EventLab";
        return std::nullopt;
    }
    if (auto mode = parse_mode(string_member(h, "tauri", "stable"))) header.mode = *mode;
    if (auto order = parse_order(string_member(h, "order", "registration"))) {
        header.order = *order;
    }
    if (h.contains("seed") && h["seed"].is_number_unsigned())
        header.seed = h["seed"].get<std::uint64_t>();
    return header;
}

// text is followed by FastRecordReader::kPadding readable bytes, so that every line in it can be
// parsed where it lies.
TraceLoad parse_padded_trace(std::string_view text, std::string_view source,
                             const LoadProgress& progress) {
    TraceLoad out;
    if (text.empty()) {
        out.error = std::string(source) + ": empty file, not an EventLab trace";
        return out;
    }
    size_t end = text.find('\n');
    std::string error;
    auto header = read_header(text.substr(0, end), source, error);
    if (!header) {
        out.error = error;
        return out;
    }
    TraceData data;
    data.header = *header;
    // One record per line: counting them first saves a million records' worth of regrowth.
    data.records.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    size_t line_number = 1;
    FastRecordReader reader;
    while (end != std::string_view::npos && end + 1 < text.size()) {
        const size_t start = end + 1;
        end = text.find('\n', start);
        ++line_number;
        const std::string_view line =
            text.substr(start, end == std::string_view::npos ? end : end - start);
        if (line.empty()) continue;
        auto record = reader.read_padded(line, *data.symbols);
        if (!record) record = read_record_dom(line, *data.symbols, error);
        if (!record) {
            if (end == std::string_view::npos) {
                // The writer ends every record with a newline: a last line without one was cut
                // off mid-write (the process died), so it is dropped, not an error.
                data.warnings.push_back(std::string(source) + ":" + std::to_string(line_number) +
                                        ": the last line is incomplete (recording was cut off); "
                                        "1 line dropped");
                break;
            }
            out.error =
                std::string(source) + ":" + std::to_string(line_number) + ": bad record: " + error;
            return out;
        }
        data.records.push_back(std::move(*record));
        if (progress && (data.records.size() & 0xFFFF) == 0 && !progress(start, text.size())) {
            out.error = std::string(source) + ": loading cancelled";
            return out;
        }
    }
    out.data = std::move(data);
    return out;
}

}  // namespace

std::optional<Record> parse_record_line(std::string_view line, Symbols& symbols,
                                        std::string& error) {
    FastRecordReader reader;
    if (auto record = reader.read(line, symbols)) return record;
    return read_record_dom(line, symbols, error);
}

TraceLoad parse_trace(std::string_view text, std::string_view source,
                      const LoadProgress& progress) {
    std::string padded;
    padded.reserve(text.size() + FastRecordReader::kPadding);
    padded.append(text).append(FastRecordReader::kPadding, '\0');
    return parse_padded_trace(std::string_view(padded.data(), text.size()), source, progress);
}

TraceLoad load_trace(const std::string& path, const LoadProgress& progress) {
    std::string text;
    if (auto error = read_text_file(path, text))
        return {std::nullopt, path + ": cannot read: " + *error};
    const std::size_t size = text.size();
    text.append(FastRecordReader::kPadding, '\0');
    return parse_padded_trace(std::string_view(text.data(), size), path, progress);
}

}  // namespace eventlab
