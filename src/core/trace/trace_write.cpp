#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

#include "core/trace/trace.h"
#include "core/util/json_text.h"

namespace eventlab {
namespace {

// A tiny appender for the fixed shapes of trace lines: keys are literals, values typed.
class Line {
  public:
    explicit Line(std::string& out) : out_(out) { out_ += '{'; }
    ~Line() { out_ += '}'; }
    Line(const Line&) = delete;
    Line& operator=(const Line&) = delete;

    void key(std::string_view k) {
        if (!first_) out_ += ',';
        first_ = false;
        out_ += '"';
        out_ += k;
        out_ += "\":";
    }
    void num(std::string_view k, std::uint64_t v) {
        key(k);
        append_number(v);
    }
    void inum(std::string_view k, std::int64_t v) {
        key(k);
        append_number(v);
    }
    void str(std::string_view k, std::string_view v) {
        key(k);
        append_json_string(out_, v);
    }
    void str_or_null(std::string_view k, Sym sym, const Symbols& symbols) {
        if (sym == kNoSym) {
            raw(k, "null");
        } else {
            str(k, symbols.view(sym));
        }
    }
    void boolean(std::string_view k, bool v) { raw(k, v ? "true" : "false"); }
    void raw(std::string_view k, std::string_view json) {
        key(k);
        out_ += json;
    }

  private:
    template <typename Integer>
    void append_number(Integer v) {
        char buffer[24];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
        out_.append(buffer, end);
    }

    std::string& out_;
    bool first_ = true;
};

std::string_view text_or(const Text& text, std::string_view fallback) {
    return text ? std::string_view(*text) : fallback;
}

void write_fields(Line& line, const Record& r, const Symbols& symbols) {
    switch (r.type) {
        case RecordType::Window:
            line.str("action", to_string(static_cast<WindowAction>(r.code)));
            line.str("label", symbols.view(r.in));
            break;
        case RecordType::Listen:
            line.num("listener", r.listener);
            line.str("event", symbols.view(r.event));
            line.str("side", to_string(r.side()));
            line.str_or_null("in", r.in, symbols);
            line.raw("target", target_json(record_target(r, symbols)));
            line.boolean("once", r.has(flag::kOnce));
            if (r.aux != kNoSym) line.str("name", symbols.view(r.aux));
            line.boolean("deferred", r.has(flag::kDeferred));
            break;
        case RecordType::Unlisten:
            line.num("listener", r.listener);
            line.str("reason", to_string(static_cast<UnlistenReason>(r.code)));
            line.boolean("deferred", r.has(flag::kDeferred));
            if (r.event != kNoSym) line.str("event", symbols.view(r.event));
            break;
        case RecordType::Emit: {
            const auto api = static_cast<EmitApi>(r.code);
            line.num("emit", r.emit);
            line.str("api", to_string(api));
            line.str("event", symbols.view(r.event));
            if (r.has(flag::kHasTarget)) {
                line.raw("target", target_json(record_target(r, symbols)));
            } else {
                line.raw("target", "null");
            }
            line.raw("accept", api == EmitApi::EmitFilter ? text_or(r.text, "[]") : "null");
            line.str("from", record_source(r, symbols));
            line.raw("payload", text_or(r.payload, "null"));
            line.boolean("deferred", r.has(flag::kDeferred));
            break;
        }
        case RecordType::Deliver:
            line.num("emit", r.emit);
            line.num("listener", r.listener);
            line.str("side", to_string(r.side()));
            line.str_or_null("in", r.in, symbols);
            line.str("event", symbols.view(r.event));
            line.str("match", record_match_words(r, symbols));
            line.boolean("stale", r.has(flag::kStale));
            if (r.aux != kNoSym) line.str("name", symbols.view(r.aux));
            break;
        case RecordType::Skip:
            line.num("emit", r.emit);
            line.num("listener", r.listener);
            // Every listener the record stands for (docs/formats.md: one record per emit,
            // webview and reason); `listener` is their first, for readers of the older form.
            if (r.payload) {
                line.raw("listeners", *r.payload);
            } else {
                line.raw("listeners", "[" + std::to_string(r.listener) + "]");
            }
            line.num("count", record_skip_count(r));
            line.str("reason", record_skip_words(r));
            line.str_or_null("in", r.in, symbols);
            if (r.event != kNoSym) line.str("event", symbols.view(r.event));
            break;
        case RecordType::Invoke: {
            const bool ok = r.has(flag::kOk);
            line.str("command", symbols.view(r.aux));
            line.str_or_null("in", r.in, symbols);
            line.raw("args", text_or(r.payload, "{}"));
            line.boolean("ok", ok);
            if (ok) {
                line.raw("error", "null");
                line.raw("result", text_or(r.text, "null"));
            } else {
                line.str("error", text_or(r.text, ""));
            }
            break;
        }
        case RecordType::Mount:
        case RecordType::Unmount:
            line.str_or_null("in", r.in, symbols);
            line.str("component", symbols.view(r.aux));
            line.boolean("cleanup", r.has(flag::kCleanup));
            break;
        case RecordType::Error:
            line.str("message", text_or(r.text, ""));
            line.str("op", symbols.view(r.aux));
            line.boolean("panic", r.has(flag::kPanic));
            break;
        case RecordType::Expect:
            line.boolean("ok", r.has(flag::kOk));
            line.str("message", text_or(r.text, ""));
            break;
    }
}

}  // namespace

std::string trace_header_line(const TraceHeader& header) {
    std::string out = R"({"format":"eventlab-trace","version":)";
    out += std::to_string(header.version);
    out += R"(,"tauri":")";
    out += to_string(header.mode);
    out += R"(","order":")";
    out += to_string(header.order);
    out += R"(","seed":)";
    out += std::to_string(header.seed);
    out += '}';
    return out;
}

void append_record_json(std::string& out, const Record& record, const Symbols& symbols) {
    append_record_json(out, record, symbols, record.seq, record.t_us);
}

void append_record_json(std::string& out, const Record& record, const Symbols& symbols,
                        std::uint64_t seq, std::int64_t t_us) {
    Line line(out);
    line.num("seq", seq);
    line.inum("t_us", t_us);
    line.str("type", to_string(record.type));
    write_fields(line, record, symbols);
    // Only where true: a trace without a tap stays byte for byte what it was.
    if (record.observed) line.boolean("observed", true);
}

Result<std::shared_ptr<TraceFileSink>> TraceFileSink::open(const std::string& path,
                                                           const TraceHeader& header,
                                                           std::int64_t start_us,
                                                           TraceSinkOptions options) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Failure{"cannot write trace " + path + ": " + std::strerror(errno)};
    std::shared_ptr<TraceFileSink> sink(new TraceFileSink(fd, path, start_us, std::move(options)));
    if (!sink->write_all(trace_header_line(header) + "\n", false)) {
        return Failure{"cannot write trace " + path + ": " + std::strerror(errno)};
    }
    return sink;
}

TraceFileSink::TraceFileSink(int fd, std::string path, std::int64_t start_us,
                             TraceSinkOptions options)
    : fd_(fd),
      path_(std::move(path)),
      start_us_(start_us),
      options_(std::move(options)),
      writer_([this] { run_writer(); }) {}

TraceFileSink::~TraceFileSink() {
    close();
}

void TraceFileSink::finish() {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        if (drop_run_ > 0) queue_drop_note_locked();  // the file says so even if it ends there
        closed_ = true;
        closing_ = true;
    }
    wake_.notify_all();
}

bool TraceFileSink::finished() const {
    std::lock_guard lock(mutex_);
    return writer_done_;
}

bool TraceFileSink::close_within(std::chrono::milliseconds limit) {
    finish();
    {
        std::unique_lock lock(mutex_);
        if (!done_.wait_for(lock, limit, [this] { return writer_done_; })) return false;
    }
    close();  // the writer has returned: joins at once
    return true;
}

void TraceFileSink::close() {
    finish();
    if (!writer_.joinable()) return;  // closed before
    writer_.join();
    ::close(fd_);
}

bool TraceFileSink::write_all(const std::string& bytes, bool through_hook) {
    const bool hooked = through_hook && static_cast<bool>(options_.write);
    size_t done = 0;
    while (done < bytes.size()) {
        const char* data = bytes.data() + done;
        const size_t size = bytes.size() - done;
        const ssize_t n = hooked ? options_.write(fd_, data, size) : ::write(fd_, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            failed_.store(true, std::memory_order_release);
            return false;
        }
        done += static_cast<size_t>(n);
    }
    bytes_.fetch_add(bytes.size(), std::memory_order_acq_rel);
    return true;
}

void TraceFileSink::run_writer() {
    std::string batch;
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return !pending_.empty() || closing_; });
        if (pending_.empty() && closing_) {
            writer_done_ = true;
            done_.notify_all();
            return;
        }
        batch.clear();
        batch.swap(pending_);
        const std::uint64_t records = std::exchange(pending_records_, 0);
        drained_.notify_all();
        lock.unlock();
        if (!failed() && write_all(batch, true))
            written_.fetch_add(records, std::memory_order_acq_rel);
        behind_bytes_.fetch_sub(batch.size(), std::memory_order_acq_rel);
        behind_records_.fetch_sub(records, std::memory_order_acq_rel);
        lock.lock();
    }
}

void TraceFileSink::queue_locked(const std::string& line, std::uint64_t records) {
    const bool was_empty = pending_.empty();
    pending_ += line;
    pending_records_ += records;
    behind_bytes_.fetch_add(line.size(), std::memory_order_acq_rel);
    behind_records_.fetch_add(records, std::memory_order_acq_rel);
    if (was_empty) wake_.notify_one();
}

// An `error` record, which every reader of trace version 1 takes, where the dropped records
// would have been: it has the last dropped record's seq and t_us (seq stays increasing and the
// records after it keep theirs), and the count as an extra field, "dropped".
void TraceFileSink::queue_drop_note_locked() {
    note_.clear();
    {
        Line line(note_);
        line.num("seq", drop_last_seq_);
        line.inum("t_us", drop_last_t_us_);
        line.str("type", "error");
        const std::string message =
            "the trace writer fell behind (the disk is slower than the session): " +
            std::to_string(drop_run_) + (drop_run_ == 1 ? " record" : " records") + " (seq " +
            std::to_string(drop_first_seq_) +
            (drop_run_ == 1 ? "" : " to " + std::to_string(drop_last_seq_)) +
            ") dropped from this file";
        line.str("message", message);
        line.str("op", "trace");
        line.boolean("panic", false);
        line.num("dropped", drop_run_);
    }
    note_ += '\n';
    queue_locked(note_, 1);
    drop_run_ = 0;
}

// Called under the recorder's lock, which the bus holds its own lock around: it formats the
// line and queues it, and waits for the disk only with WhenBehind::Wait.
void TraceFileSink::write(const Record& record, const Symbols& symbols) {
    if (failed()) return;
    const std::uint64_t seq = next_seq_++;
    const std::int64_t t_us = record.t_us - start_us_;
    line_.clear();
    append_record_json(line_, record, symbols, seq, t_us);
    line_ += '\n';
    std::unique_lock lock(mutex_);
    if (closed_) return;
    if (pending_.size() >= options_.max_pending_bytes) {
        if (options_.when_behind == WhenBehind::Drop) {
            if (drop_run_++ == 0) drop_first_seq_ = seq;
            drop_last_seq_ = seq;
            drop_last_t_us_ = t_us;
            dropped_.fetch_add(1, std::memory_order_acq_rel);
            return;
        }
        drained_.wait(lock,
                      [this] { return pending_.size() < options_.max_pending_bytes || failed(); });
    }
    if (drop_run_ > 0) queue_drop_note_locked();
    queue_locked(line_, 1);
}

}  // namespace eventlab
