// The trace file format (JSON Lines): header line, then one record per line. Every write ends at
// a line boundary (see TraceFileSink), so a trace stays readable up to its last complete line
// whatever happens to the process.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/bus/mode.h"
#include "core/record/record.h"
#include "core/record/recorder.h"
#include "core/util/result.h"

namespace eventlab {

inline constexpr int kTraceVersion = 1;

struct TraceHeader {
    int version = kTraceVersion;
    Mode mode = kDefaultMode;
    Order order = Order::Registration;
    std::uint64_t seed = 0;
};

std::string trace_header_line(const TraceHeader& header);

// Appends one record as a JSON object (no newline). seq and t_us are written as given in the
// record; sinks that start mid-session renumber before calling this.
void append_record_json(std::string& out, const Record& record, const Symbols& symbols);

// The same line with seq and t_us replaced (a trace that starts mid-session renumbers).
void append_record_json(std::string& out, const Record& record, const Symbols& symbols,
                        std::uint64_t seq, std::int64_t t_us);

// What a trace file sink does with a record when its writer is max_pending_bytes behind.
enum class WhenBehind {
    // Never wait (live sessions: the bus calls write() under its lock, and the GUI takes that
    // lock every frame). Whole records are dropped and counted; the file gets an `error` record
    // (op "trace", with a "dropped" count) where they are missing.
    Drop,
    // Wait for the writer: `eventlab run`, a batch job on virtual time that nothing else waits
    // on, whose trace must be whole to stay byte-for-byte the same from run to run.
    Wait,
};

struct TraceSinkOptions {
    WhenBehind when_behind = WhenBehind::Drop;
    std::size_t max_pending_bytes = std::size_t{16} << 20;
    // The write(2) the writer thread calls for the records (the header is written by open() with
    // ::write). Empty: ::write. Tests slow it down, or hold it, to play a slow disk.
    std::function<ssize_t(int fd, const char* data, std::size_t size)> write;
};

// Streams records to a .jsonl file. seq restarts at 1 and t_us at 0 when the file starts.
// Lines are formatted on the recording thread and handed to the kernel by a writer thread as
// soon as they exist, in batches: one write() per batch instead of one per record, and every
// write ends at a line boundary, so a crash leaves a file readable up to its last complete
// record (the kernel keeps what was written even when the process is killed). write() never
// waits for the disk unless the options say WhenBehind::Wait: what is behind is counted
// (bytes_behind, records_behind) and, past max_pending_bytes, records are dropped.
class TraceFileSink final : public RecordSink {
  public:
    // Opens (truncating) path and writes the header; the error says why not ("cannot write
    // trace PATH: WHY").
    static Result<std::shared_ptr<TraceFileSink>> open(const std::string& path,
                                                       const TraceHeader& header,
                                                       std::int64_t start_us,
                                                       TraceSinkOptions options = {});
    ~TraceFileSink() override;
    TraceFileSink(const TraceFileSink&) = delete;
    TraceFileSink& operator=(const TraceFileSink&) = delete;

    void write(const Record& record, const Symbols& symbols) override;
    // Takes no more records and lets the writer hand the rest to the kernel on its own: never
    // waits for the disk.
    void finish();
    bool finished() const;  // finish() was called and the writer has written everything
    // finish(), then waits up to `limit` for the writer; true (and the file closed) if it was
    // done in time, so a GUI can stop a recording on a stuck disk and check again next frame.
    // close() and close_within() are called from the thread that owns the sink.
    bool close_within(std::chrono::milliseconds limit);
    // Writes what is still pending, stops the writer and closes the file, however long it takes.
    void close();
    // Record lines in the file after the header (the notes of dropped records included).
    std::uint64_t records_written() const { return written_.load(std::memory_order_acquire); }
    std::uint64_t bytes_written() const { return bytes_.load(std::memory_order_acquire); }
    // Formatted but not yet handed to the kernel (queued, or in the write under way).
    std::uint64_t bytes_behind() const { return behind_bytes_.load(std::memory_order_acquire); }
    std::uint64_t records_behind() const { return behind_records_.load(std::memory_order_acquire); }
    // Records the file will not have because the writer was too far behind (WhenBehind::Drop).
    std::uint64_t records_dropped() const { return dropped_.load(std::memory_order_acquire); }
    const std::string& path() const { return path_; }
    bool failed() const { return failed_.load(std::memory_order_acquire); }

  private:
    TraceFileSink(int fd, std::string path, std::int64_t start_us, TraceSinkOptions options);
    void run_writer();
    bool write_all(const std::string& bytes, bool through_hook);
    void queue_locked(const std::string& line, std::uint64_t records);
    void queue_drop_note_locked();

    int fd_;
    std::string path_;
    std::int64_t start_us_;
    std::uint64_t next_seq_ = 1;  // recording thread only (under the recorder's lock)
    std::string line_;            // reused formatting buffer

    mutable std::mutex mutex_;
    std::condition_variable wake_;     // the writer has lines to write, or must stop
    std::condition_variable drained_;  // the writer took a batch (for back-pressure)
    std::condition_variable done_;     // the writer wrote its last batch and returned
    std::string pending_;
    std::uint64_t pending_records_ = 0;
    bool closing_ = false;
    bool closed_ = false;
    bool writer_done_ = false;
    TraceSinkOptions options_;
    // The run of records dropped since the last one queued (its note is queued before the next
    // record that fits, or on close).
    std::uint64_t drop_run_ = 0;
    std::uint64_t drop_first_seq_ = 0;
    std::uint64_t drop_last_seq_ = 0;
    std::int64_t drop_last_t_us_ = 0;
    std::string note_;

    std::atomic<std::uint64_t> written_{0};
    std::atomic<std::uint64_t> bytes_{0};
    std::atomic<std::uint64_t> behind_bytes_{0};
    std::atomic<std::uint64_t> behind_records_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<bool> failed_{false};
    std::thread writer_;
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
};

// The error names the file and, for a bad record, its line; a warning says what was dropped
// (an incomplete last line).
using TraceLoad = Result<TraceData>;

// Called now and then with the bytes read so far, for a progress bar; return false to cancel.
using LoadProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

TraceLoad parse_trace(std::string_view text, std::string_view source,
                      const LoadProgress& progress = {});
TraceLoad load_trace(const std::string& path, const LoadProgress& progress = {});

// Parses one record line (without the header); the error says what is wrong with a bad record.
Result<Record> parse_record_line(std::string_view line, Symbols& symbols);

}  // namespace eventlab
