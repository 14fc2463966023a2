// The Perfetto export written as it is made: pieces of about a megabyte go to the sink, so a
// million records take no more memory than ten, and the caller sees progress and can cancel.
// (Built in one string it took 9-11 s and twice the export's size in memory for a million
// records.) Two passes over the records: the first numbers the windows' processes (their
// names come first in the file), the second writes the events.
#include "core/perfetto.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "core/json_text.h"

namespace eventlab {
namespace {

constexpr double kSlotUs = 0.001;         // one nanosecond per record at the same t_us
constexpr double kSliceUs = kSlotUs / 2;  // a slice ends before the next record's slot
constexpr int kBackendPid = 1;
constexpr std::size_t kPieceBytes = std::size_t{1} << 20;
constexpr std::uint64_t kProgressEvery = 16384;  // records between progress calls

enum Tid { kHandlersTid = 1, kEmitsTid = 2, kPeriodicTid = 3, kInvokeTid = 4, kWebviewTid = 1 };

struct Place {
    int pid = kBackendPid;
    int tid = kHandlersTid;
};

// Window processes, numbered by label as they first appear. Labels are looked up by Sym first:
// a million deliveries must not build a million label strings.
class Tracks {
  public:
    explicit Tracks(const Symbols& symbols) : symbols_(symbols) {}

    int window_pid(Sym label) {
        if (auto it = by_sym_.find(label); it != by_sym_.end()) return it->second;
        auto [it, added] = by_label_.try_emplace(std::string(symbols_.view(label)), next_pid_);
        if (added) ++next_pid_;
        by_sym_.emplace(label, it->second);
        return it->second;
    }
    const std::map<std::string, int>& windows() const { return by_label_; }

  private:
    const Symbols& symbols_;
    std::map<std::string, int> by_label_;
    std::unordered_map<Sym, int> by_sym_;
    int next_pid_ = kBackendPid + 1;
};

Place sender_place(const Record& emit, Tracks& tracks) {
    switch (emit.source_kind()) {
        case SourceKind::Js:
            return {tracks.window_pid(emit.aux), kWebviewTid};
        case SourceKind::Periodic:
            return {kBackendPid, kPeriodicTid};
        case SourceKind::Invoke:
            return {kBackendPid, kInvokeTid};
        case SourceKind::Rust:
            return {kBackendPid, kEmitsTid};
    }
    return {kBackendPid, kEmitsTid};
}

Place receiver_place(const Record& deliver, Tracks& tracks) {
    if (deliver.side() == Side::Rust) return {kBackendPid, kHandlersTid};
    return {tracks.window_pid(deliver.in), kWebviewTid};
}

// The first pass: every window a record names, in the order the events pass would meet them.
void number_windows(const TraceData& trace, Tracks& tracks) {
    for (const Record& r : trace.records) {
        if (r.type == RecordType::Emit) {
            sender_place(r, tracks);
        } else if (r.type == RecordType::Deliver) {
            receiver_place(r, tracks);
        } else if (r.type == RecordType::Window) {
            tracks.window_pid(r.in);
        }
    }
}

// Formats events into a piece and hands full pieces to the sink.
class Events {
  public:
    explicit Events(const PerfettoSink& sink) : sink_(sink) { out_.reserve(kPieceBytes + 4096); }

    bool ok() const { return ok_; }
    // Hands over what is formatted when a piece is full, or always with `all`.
    void flush(bool all) {
        if (!ok_ || out_.empty() || (!all && out_.size() < kPieceBytes)) return;
        ok_ = sink_(out_);
        out_.clear();
    }

    void begin() { out_ += "{\"traceEvents\":[\n"; }
    void end() { out_ += "\n],\"displayTimeUnit\":\"ns\"}\n"; }

    void metadata(const char* what, int pid, int tid, std::string_view name) {
        event_start();
        out_ += "{\"ph\":\"M\",\"name\":\"";
        out_ += what;
        out_ += "\",\"pid\":";
        integer(pid);
        out_ += ",\"tid\":";
        integer(tid);
        out_ += ",\"args\":{\"name\":";
        append_json_string(out_, name);
        out_ += "}}";
    }
    // The slice's args are written by the caller, between this and end_slice().
    void slice(std::string_view name, const Place& place, double ts) {
        event_start();
        out_ += "{\"ph\":\"X\",\"cat\":\"eventlab\",\"name\":";
        append_json_string(out_, name);
        place_and_ts(place, ts);
        out_ += ",\"dur\":";
        number(kSliceUs);
        out_ += ",\"args\":";
    }
    void end_slice() { out_ += '}'; }
    // s (on the emit slice) or f (binding to the enclosing delivery slice: "bp":"e").
    void flow(char phase, std::uint64_t id, const Place& place, double ts) {
        event_start();
        out_ += "{\"ph\":\"";
        out_ += phase;
        out_ += "\",\"cat\":\"route\",\"name\":\"route\",\"id\":";
        integer(id);
        place_and_ts(place, ts);
        if (phase == 'f') out_ += ",\"bp\":\"e\"";
        out_ += '}';
    }

    std::string& text() { return out_; }
    template <typename T>
    void integer(T v) {
        char buffer[24];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
        out_.append(buffer, end);
    }

  private:
    void event_start() {
        if (!first_) out_ += ",\n";
        first_ = false;
    }
    void place_and_ts(const Place& place, double ts) {
        out_ += ",\"pid\":";
        integer(place.pid);
        out_ += ",\"tid\":";
        integer(place.tid);
        out_ += ",\"ts\":";
        number(ts);
    }
    void number(double v) {
        char buffer[40];
        const auto [end, ec] =
            std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 3);
        out_.append(buffer, end);
    }

    const PerfettoSink& sink_;
    std::string out_;
    bool first_ = true;
    bool ok_ = true;
};

void write_metadata(Events& events, const Tracks& tracks) {
    events.begin();
    events.metadata("process_name", kBackendPid, 0, "Rust backend");
    events.metadata("thread_name", kBackendPid, kHandlersTid, "handlers");
    events.metadata("thread_name", kBackendPid, kEmitsTid, "emit");
    events.metadata("thread_name", kBackendPid, kPeriodicTid, "periodic senders");
    events.metadata("thread_name", kBackendPid, kInvokeTid, "commands (invoke)");
    for (const auto& [label, pid] : tracks.windows()) {
        events.metadata("process_name", pid, 0, "window " + label);
        events.metadata("thread_name", pid, kWebviewTid, "webview " + label);
    }
}

// The second pass: a slice per emit and delivery, a flow from each emit to its deliveries.
class EventPass {
  public:
    EventPass(const Symbols& symbols, Tracks& tracks, Events& events)
        : symbols_(symbols), tracks_(tracks), events_(events) {}

    void record(const Record& r) {
        const double ts = std::max(static_cast<double>(r.t_us), last_ts_ + kSlotUs);
        last_ts_ = ts;
        if (r.type == RecordType::Emit) {
            emit(r, ts);
        } else if (r.type == RecordType::Deliver) {
            deliver(r, ts);
        }
    }

  private:
    struct EmitSlot {
        Place place;
        double ts = 0;
    };

    void emit(const Record& r, double ts) {
        const Place place = sender_place(r, tracks_);
        emits_[r.emit] = {place, ts};
        name_.assign("emit ").append(symbols_.view(r.event));
        events_.slice(name_, place, ts);
        std::string& out = events_.text();
        out += "{\"emit\":";
        events_.integer(r.emit);
        out += ",\"from\":";
        append_json_string(out, record_source(r, symbols_));
        if (r.has(flag::kHasTarget)) {
            out += ",\"target\":";
            out += target_json(record_target(r, symbols_));
        }
        out += ",\"payload\":";
        out += r.payload ? std::string_view(*r.payload) : std::string_view("null");
        out += '}';
        events_.end_slice();
    }

    void deliver(const Record& r, double ts) {
        const Place place = receiver_place(r, tracks_);
        name_.assign(r.side() == Side::Rust ? "rust handler " : "js handler ")
            .append(symbols_.view(r.event));
        events_.slice(name_, place, ts);
        std::string& out = events_.text();
        out += "{\"emit\":";
        events_.integer(r.emit);
        out += ",\"listener\":";
        events_.integer(r.listener);
        out += ",\"match\":";
        // A loaded trace keeps its words: no copy of them per delivery.
        append_json_string(out, r.text
                                    ? std::string_view(*r.text)
                                    : std::string_view(words_ = record_match_words(r, symbols_)));
        out += r.has(flag::kStale) ? ",\"stale\":true}" : ",\"stale\":false}";
        events_.end_slice();
        if (auto it = emits_.find(r.emit); it != emits_.end()) {
            ++flow_id_;
            events_.flow('s', flow_id_, it->second.place, it->second.ts);
            events_.flow('f', flow_id_, place, ts);
        }
    }

    const Symbols& symbols_;
    Tracks& tracks_;
    Events& events_;
    std::unordered_map<std::uint32_t, EmitSlot> emits_;
    double last_ts_ = -1;
    std::uint64_t flow_id_ = 0;
    std::string name_;   // reused for each slice's name
    std::string words_;  // reused for a live record's match words
};

}  // namespace

ExportEnd write_perfetto(const TraceData& trace, const PerfettoSink& sink,
                         const ExportProgress& progress) {
    Tracks tracks(*trace.symbols);
    number_windows(trace, tracks);
    Events events(sink);
    write_metadata(events, tracks);
    EventPass pass(*trace.symbols, tracks, events);
    const std::uint64_t total = trace.records.size();
    std::uint64_t done = 0;
    for (const Record& r : trace.records) {
        pass.record(r);
        events.flush(false);
        if (!events.ok()) return ExportEnd::Failed;
        if (++done % kProgressEvery == 0 && progress && !progress(done, total))
            return ExportEnd::Cancelled;
    }
    events.end();
    events.flush(true);
    if (!events.ok()) return ExportEnd::Failed;
    if (progress) progress(total, total);
    return ExportEnd::Done;
}

std::string export_perfetto(const TraceData& trace) {
    std::string out;
    write_perfetto(trace, [&out](std::string_view piece) {
        out += piece;
        return true;
    });
    return out;
}

ExportResult export_perfetto_file(const TraceData& trace, const std::string& path,
                                  const ExportProgress& progress) {
    namespace fs = std::filesystem;
    const std::string temp = path + ".partial";
    ExportResult result;
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (file == nullptr) {
        result.error = "cannot write " + path + ": " + std::strerror(errno);
        return result;
    }
    int write_errno = 0;
    result.end = write_perfetto(
        trace,
        [&](std::string_view piece) {
            if (std::fwrite(piece.data(), 1, piece.size(), file) == piece.size()) return true;
            write_errno = errno;
            return false;
        },
        progress);
    const bool closed = std::fclose(file) == 0;
    if (write_errno == 0 && !closed) write_errno = errno;
    std::error_code ec;
    if (result.end == ExportEnd::Done && write_errno != 0) result.end = ExportEnd::Failed;
    if (result.end == ExportEnd::Done) {
        fs::rename(temp, path, ec);
        if (ec) {
            result.end = ExportEnd::Failed;
            result.error = "cannot write " + path + ": " + ec.message();
        }
    } else if (result.end == ExportEnd::Failed) {
        result.error = "cannot write " + path + ": " + std::strerror(write_errno);
    }
    // A failed or cancelled export leaves nothing behind, and the target as it was.
    if (result.end != ExportEnd::Done) fs::remove(temp, ec);
    return result;
}

}  // namespace eventlab
