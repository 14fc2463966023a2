// Reading traces back: a damaged or foreign file says what is wrong with it, and a trace cut
// off mid-line (a crash while recording) still loads every complete record. A million-record
// trace opens in well under a second: the file is read in chunks (PaddedLines), record lines go
// through simdjson (FastRecordReader) first, and only what it is unsure of through nlohmann's
// DOM, which also words the errors.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/bus/target.h"
#include "core/trace/trace.h"
#include "core/trace/trace_read_internal.h"
#include "core/trace/trace_read_lines.h"
#include "core/util/json_io.h"

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

// One record per line: reserving for the lines the first chunk suggests saves a million
// records' worth of regrowth (a short guess only costs a regrowth).
void reserve_records(const PaddedLines& lines, std::uint64_t total, TraceData& data) {
    std::size_t ahead_lines = 0;
    std::size_t ahead_bytes = 0;
    lines.ahead(ahead_lines, ahead_bytes);
    if (ahead_lines == 0 || total <= lines.bytes_done()) return;
    const double per_byte = static_cast<double>(ahead_lines) / static_cast<double>(ahead_bytes);
    data.records.reserve(static_cast<std::size_t>(
        per_byte * static_cast<double>(total - lines.bytes_done()) * 1.05 + 16));
}

TraceLoad parse_lines(PaddedLines& lines, std::string_view source, std::uint64_t total,
                      const LoadProgress& progress) {
    std::string_view line;
    bool unterminated = false;
    if (!lines.next(line, unterminated)) {
        return Failure{lines.error().empty()
                           ? std::string(source) + ": empty file, not an EventLab trace"
                           : std::string(source) + ": cannot read: " + lines.error()};
    }
    std::string error;
    auto header = read_header(line, source, error);
    if (!header) return Failure{error};
    TraceData data;
    data.header = *header;
    reserve_records(lines, total, data);
    std::vector<std::string> warnings;
    size_t line_number = 1;
    FastRecordReader reader;
    while (lines.next(line, unterminated)) {
        ++line_number;
        if (line.empty()) continue;
        auto record = reader.read_padded(line, *data.symbols);
        if (!record) record = read_record_dom(line, *data.symbols, error);
        if (!record) {
            if (unterminated) {
                // The writer ends every record with a newline: a last line without one was cut
                // off mid-write (the process died), so it is dropped, not an error.
                warnings.push_back(std::string(source) + ":" + std::to_string(line_number) +
                                   ": the last line is incomplete (recording was cut off); "
                                   "1 line dropped");
                break;
            }
            return Failure{std::string(source) + ":" + std::to_string(line_number) +
                           ": bad record: " + error};
        }
        data.records.push_back(std::move(*record));
        if (progress && (data.records.size() & 0xFFFF) == 0 &&
            !progress(lines.bytes_done(), std::max(total, lines.bytes_done()))) {
            return Failure{std::string(source) + ": loading cancelled"};
        }
    }
    if (!lines.error().empty())
        return Failure{std::string(source) + ": cannot read: " + lines.error()};
    TraceLoad out(std::move(data));
    out.set_warnings(std::move(warnings));
    return out;
}

}  // namespace

Result<Record> parse_record_line(std::string_view line, Symbols& symbols) {
    FastRecordReader reader;
    if (auto record = reader.read(line, symbols)) return std::move(*record);
    std::string error;
    if (auto record = read_record_dom(line, symbols, error)) return std::move(*record);
    return Failure{std::move(error)};
}

TraceLoad parse_trace(std::string_view text, std::string_view source,
                      const LoadProgress& progress) {
    std::size_t at = 0;
    PaddedLines lines(
        [&](char* to, std::size_t max) {
            const std::size_t n = std::min(max, text.size() - at);
            std::memcpy(to, text.data() + at, n);
            at += n;
            return static_cast<std::ptrdiff_t>(n);
        },
        FastRecordReader::kPadding);
    return parse_lines(lines, source, text.size(), progress);
}

TraceLoad load_trace(const std::string& path, const LoadProgress& progress) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Failure{path + ": cannot read: " + std::strerror(errno)};
    struct stat st {};
    const std::uint64_t size =
        ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
    PaddedLines lines(
        [fd](char* to, std::size_t max) {
            ssize_t n = 0;
            do {
                n = ::read(fd, to, max);
            } while (n < 0 && errno == EINTR);
            return static_cast<std::ptrdiff_t>(n);
        },
        FastRecordReader::kPadding);
    TraceLoad load = parse_lines(lines, path, size, progress);
    ::close(fd);
    return load;
}

}  // namespace eventlab
