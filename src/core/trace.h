// The trace file format (JSON Lines): header line, then one record per line, flushed per line,
// so a trace stays readable up to its last complete line whatever happens to the process.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "core/mode.h"
#include "core/record.h"
#include "core/recorder.h"

namespace eventlab {

inline constexpr int kTraceVersion = 1;

struct TraceHeader {
    int version = kTraceVersion;
    Mode mode = Mode::Stable;
    Order order = Order::Registration;
    std::uint64_t seed = 0;
};

std::string trace_header_line(const TraceHeader& header);

// Appends one record as a JSON object (no newline). seq and t_us are written as given in the
// record; sinks that start mid-session renumber before calling this.
void append_record_json(std::string& out, const Record& record, const Symbols& symbols);

// Streams records to a .jsonl file. seq restarts at 1 and t_us at 0 when the file starts.
class TraceFileSink final : public RecordSink {
  public:
    // Opens (truncating) path and writes the header. Returns null and sets error on failure.
    static std::shared_ptr<TraceFileSink> open(const std::string& path, const TraceHeader& header,
                                               std::int64_t start_us, std::string& error);
    ~TraceFileSink() override;

    void write(const Record& record, const Symbols& symbols) override;
    void close();
    std::uint64_t records_written() const { return written_; }
    std::uint64_t bytes_written() const { return bytes_; }
    const std::string& path() const { return path_; }
    bool failed() const { return failed_; }

  private:
    TraceFileSink(std::FILE* file, std::string path, std::int64_t start_us)
        : file_(file), path_(std::move(path)), start_us_(start_us) {}

    std::FILE* file_;
    std::string path_;
    std::int64_t start_us_;
    std::uint64_t written_ = 0;
    std::uint64_t bytes_ = 0;
    bool failed_ = false;
    std::string line_;  // reused buffer
};

}  // namespace eventlab

#include <functional>
#include <optional>
#include <vector>

namespace eventlab {

// A trace read back from a file: the same Records the live log holds, with their own Symbols.
struct TraceData {
    TraceHeader header;
    std::unique_ptr<Symbols> symbols = std::make_unique<Symbols>();
    std::vector<Record> records;
    std::vector<std::string> warnings;  // e.g. an incomplete last line that was dropped
};

struct TraceLoad {
    std::optional<TraceData> data;
    std::string error;  // one line, naming the file and (for a bad record) its line
};

// Called now and then with the bytes read so far, for a progress bar; return false to cancel.
using LoadProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

TraceLoad parse_trace(std::string_view text, std::string_view source,
                      const LoadProgress& progress = {});
TraceLoad load_trace(const std::string& path, const LoadProgress& progress = {});

// Parses one record line (without the header); nullopt and error on a bad record.
std::optional<Record> parse_record_line(std::string_view line, Symbols& symbols,
                                        std::string& error);

}  // namespace eventlab
