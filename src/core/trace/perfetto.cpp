// The Perfetto export written as it is made: pieces of about a megabyte go to the sink, so a
// million records take no more memory than ten, and the caller sees progress and can cancel.
// (Built in one string it took 9-11 s and twice the export's size in memory for a million
// records.) Two passes over the records: the first numbers the windows' processes (their
// names come first in the file), the second writes the events.
#include "core/trace/perfetto.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/trace/perfetto_pieces.h"
#include "core/util/json_text.h"

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

// A time as the export writes it (microseconds, three decimals). Formatting a double took half
// the export (callgrind): each time is formatted once, and a flow reuses its slices' text.
struct Stamp {
    std::array<char, 40> text{};
    std::uint8_t size = 0;

    explicit Stamp(double us) {
        if (!whole_nanoseconds(us)) {
            const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), us,
                                                 std::chars_format::fixed, 3);
            size = static_cast<std::uint8_t>(end - text.data());
        }
    }
    std::string_view view() const { return {text.data(), size}; }

  private:
    // Times are whole nanoseconds but for the error of adding kSlotUs: when us × 1000 is that
    // close to an integer n (and small enough for its own error to be far below a half), the
    // decimal rounding to_chars does is n, printed here as integers for a third of the time.
    bool whole_nanoseconds(double us) {
        constexpr double kLimit = 1125899906842624.0;  // 2^50: us × 1000 within 1/16 of exact
        const double scaled = us * 1000.0;
        if (std::signbit(us) || !(scaled < kLimit)) return false;
        const double n = std::nearbyint(scaled);
        if (std::abs(scaled - n) > 0.25) return false;
        const auto ns = static_cast<std::uint64_t>(n);
        char* at = std::to_chars(text.data(), text.data() + 20, ns / 1000).ptr;
        const auto fraction = static_cast<unsigned>(ns % 1000);
        at[0] = '.';
        at[1] = static_cast<char>('0' + fraction / 100);
        at[2] = static_cast<char>('0' + fraction / 10 % 10);
        at[3] = static_cast<char>('0' + fraction % 10);
        size = static_cast<std::uint8_t>(at + 4 - text.data());
        return true;
    }
};

// Window processes, numbered by label as they first appear. Labels are looked up by Sym first:
// a million deliveries must not build a million label strings.
class Tracks {
  public:
    explicit Tracks(const Symbols& symbols) : symbols_(symbols) {}

    int window_pid(Sym label) {
        // Deliveries come in runs to the same window: the last one answers without a lookup.
        if (label == last_label_ && last_pid_ != 0) return last_pid_;
        last_label_ = label;
        if (auto it = by_sym_.find(label); it != by_sym_.end()) return last_pid_ = it->second;
        auto [it, added] = by_label_.try_emplace(std::string(symbols_.view(label)), next_pid_);
        if (added) ++next_pid_;
        by_sym_.emplace(label, it->second);
        return last_pid_ = it->second;
    }
    const std::map<std::string, int>& windows() const { return by_label_; }

  private:
    const Symbols& symbols_;
    std::map<std::string, int> by_label_;
    std::unordered_map<Sym, int> by_sym_;
    int next_pid_ = kBackendPid + 1;
    Sym last_label_{};
    int last_pid_ = 0;
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

// A piece being formatted. Appends know their length (a literal's is its size, not a strlen)
// and check the room once: perf had std::string's append and strlen at a fifth of the export.
// They are inlined (a literal's copy becomes a few moves); only growing the buffer is not.
class Piece {
  public:
    explicit Piece(std::size_t capacity) : buffer_{std::string(capacity, '\0'), 0} {}

    template <std::size_t N>
    [[gnu::always_inline]] void literal(const char (&text)[N]) {
        put(std::string_view(text, N - 1));
    }
    [[gnu::always_inline]] void put(std::string_view text) {
        room(text.size());
        std::memcpy(buffer_.bytes.data() + buffer_.size, text.data(), text.size());
        buffer_.size += text.size();
    }
    [[gnu::always_inline]] void put(char c) {
        room(1);
        buffer_.bytes[buffer_.size++] = c;
    }
    template <typename T>
    [[gnu::always_inline]] void integer(T v) {
        room(24);
        char* at = buffer_.bytes.data() + buffer_.size;
        buffer_.size += static_cast<std::size_t>(std::to_chars(at, at + 24, v).ptr - at);
    }
    std::size_t size() const { return buffer_.size; }
    void clear() { buffer_.size = 0; }
    PieceBuffer& buffer() { return buffer_; }

  private:
    [[gnu::always_inline]] void room(std::size_t n) {
        if (buffer_.size + n > buffer_.bytes.size()) grow(n);
    }
    [[gnu::noinline]] void grow(std::size_t n) {
        buffer_.bytes.resize(std::max(buffer_.bytes.size() * 2, buffer_.size + n));
    }

    PieceBuffer buffer_;
};

// The text between an event's name or id and its time, `,"pid":P,"tid":T,"ts":`, made once per
// track: two integers formatted per event, three times per delivery, were a tenth of the export.
class PlaceTexts {
  public:
    std::string_view get(const Place& place) {
        if (place.pid == last_.pid && place.tid == last_.tid && !last_text_.empty()) {
            return last_text_;
        }
        const auto pid = static_cast<std::size_t>(place.pid);
        const auto tid = static_cast<std::size_t>(place.tid);
        if (pid >= texts_.size()) texts_.resize(pid + 1);
        std::vector<std::string>& tids = texts_[pid];
        if (tid >= tids.size()) tids.resize(tid + 1);
        std::string& text = tids[tid];
        if (text.empty()) {
            text = ",\"pid\":" + std::to_string(place.pid) +
                   ",\"tid\":" + std::to_string(place.tid) + ",\"ts\":";
        }
        last_ = place;
        last_text_ = text;
        return text;
    }

  private:
    std::vector<std::vector<std::string>> texts_;  // by pid, then tid
    // The track asked for last (a run of deliveries to one window asks for the same).
    Place last_;
    std::string_view last_text_;
};

// Formats events into a piece and hands full pieces to the sink.
class Events {
  public:
    explicit Events(const PieceHandOver& hand_over)
        : hand_over_(hand_over), out_(kPieceBytes + 4096) {}

    bool ok() const { return ok_; }
    // Hands over what is formatted when a piece is full, or always with `all`.
    void flush(bool all) {
        if (!ok_ || out_.size() == 0 || (!all && out_.size() < kPieceBytes)) return;
        ok_ = hand_over_(out_.buffer());
        out_.clear();
    }

    void begin() { out_.literal("{\"traceEvents\":[\n"); }
    void end() { out_.literal("\n],\"displayTimeUnit\":\"ns\"}\n"); }

    void metadata(const char* what, int pid, int tid, std::string_view name) {
        event_start();
        out_.literal("{\"ph\":\"M\",\"name\":\"");
        out_.put(what);
        out_.literal("\",\"pid\":");
        out_.integer(pid);
        out_.literal(",\"tid\":");
        out_.integer(tid);
        out_.literal(",\"args\":{\"name\":");
        json_string(name);
        out_.literal("}}");
    }
    // The slice's name is a JSON string already; its args are written by the caller, between
    // this and end_slice().
    void slice(std::string_view name_json, const Place& place, const Stamp& ts) {
        event_start();
        out_.literal("{\"ph\":\"X\",\"cat\":\"eventlab\",\"name\":");
        out_.put(name_json);
        place_and_ts(place, ts);
        out_.put(duration_args_);
    }
    void end_slice() { out_.put('}'); }
    // s (on the emit slice) or f (binding to the enclosing delivery slice: "bp":"e").
    void flow(char phase, std::uint64_t id, const Place& place, const Stamp& ts) {
        event_start();
        out_.literal("{\"ph\":\"");
        out_.put(phase);
        out_.literal("\",\"cat\":\"route\",\"name\":\"route\",\"id\":");
        out_.integer(id);
        place_and_ts(place, ts);
        if (phase == 'f') {
            out_.literal(",\"bp\":\"e\"}");
        } else {
            out_.put('}');
        }
    }

    Piece& out() { return out_; }
    // `text` as a JSON string (through the one escaping loop there is).
    void json_string(std::string_view text) {
        scratch_.clear();
        append_json_string(scratch_, text);
        out_.put(scratch_);
    }

  private:
    void event_start() {
        if (!first_) out_.literal(",\n");
        first_ = false;
    }
    void place_and_ts(const Place& place, const Stamp& ts) {
        out_.put(places_.get(place));
        out_.put(ts.view());
    }

    const PieceHandOver& hand_over_;
    Piece out_;
    PlaceTexts places_;
    std::string scratch_;
    bool first_ = true;
    bool ok_ = true;
    // What follows every slice's time: its duration, then its args.
    const std::string duration_args_ =
        ",\"dur\":" + std::string(Stamp(kSliceUs).view()) + ",\"args\":";
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

// Slice names as JSON strings, escaped once per event and kind of slice: a million deliveries
// of a few events need not escape the same names a million times (perf: a sixth of the export).
class SliceNames {
  public:
    enum Kind { kEmit, kRustHandler, kJsHandler, kKinds };

    explicit SliceNames(const Symbols& symbols) : symbols_(symbols) {}

    std::string_view get(Kind kind, Sym event) {
        static constexpr std::array<const char*, kKinds> kPrefixes = {"emit ", "rust handler ",
                                                                      "js handler "};
        std::vector<std::string>& cache = cache_[kind];
        if (event < cache.size() && !cache[event].empty()) return cache[event];
        // Syms index the trace's own symbols; anything past them is escaped each time.
        std::string& json = event <= symbols_.size() ? at(cache, event) : scratch_json_;
        name_.assign(kPrefixes[kind]).append(symbols_.view(event));
        json.clear();
        append_json_string(json, name_);
        return json;
    }
    // The words of a delivery: the same Text for many of a loaded trace's records.
    std::string_view words(const Record& r) {
        if (r.text && r.text.get() == last_words_) return words_json_;
        last_words_ = r.text.get();
        words_json_.clear();
        append_json_string(words_json_, r.text ? *r.text : record_match_words(r, symbols_));
        return words_json_;
    }

  private:
    static std::string& at(std::vector<std::string>& cache, Sym event) {
        if (event >= cache.size()) cache.resize(event + 1);
        return cache[event];
    }

    const Symbols& symbols_;
    std::array<std::vector<std::string>, kKinds> cache_;
    std::string name_;
    std::string scratch_json_;
    const std::string* last_words_ = nullptr;
    std::string words_json_;
};

// The second pass: a slice per emit and delivery, a flow from each emit to its deliveries.
class EventPass {
  public:
    EventPass(const Symbols& symbols, Tracks& tracks, Events& events)
        : symbols_(symbols), tracks_(tracks), events_(events), names_(symbols) {}

    void record(const Record& r) {
        const double ts = std::max(static_cast<double>(r.t_us), last_ts_ + kSlotUs);
        last_ts_ = ts;
        if (r.type == RecordType::Emit) {
            emit(r, Stamp(ts));
        } else if (r.type == RecordType::Deliver) {
            deliver(r, Stamp(ts));
        }
    }

  private:
    struct EmitSlot {
        Place place;
        Stamp ts{0};
    };

    void emit(const Record& r, const Stamp& ts) {
        const Place place = sender_place(r, tracks_);
        last_emit_ = &(emits_[r.emit] = {place, ts});
        last_emit_id_ = r.emit;
        events_.slice(names_.get(SliceNames::kEmit, r.event), place, ts);
        Piece& out = events_.out();
        out.literal("{\"emit\":");
        out.integer(r.emit);
        out.literal(",\"from\":");
        events_.json_string(record_source(r, symbols_));
        if (r.has(flag::kHasTarget)) {
            out.literal(",\"target\":");
            out.put(target_json(record_target(r, symbols_)));
        }
        out.literal(",\"payload\":");
        out.put(r.payload ? std::string_view(*r.payload) : std::string_view("null"));
        out.put('}');
        events_.end_slice();
    }

    void deliver(const Record& r, const Stamp& ts) {
        const Place place = receiver_place(r, tracks_);
        const auto kind =
            r.side() == Side::Rust ? SliceNames::kRustHandler : SliceNames::kJsHandler;
        events_.slice(names_.get(kind, r.event), place, ts);
        Piece& out = events_.out();
        out.literal("{\"emit\":");
        out.integer(r.emit);
        out.literal(",\"listener\":");
        out.integer(r.listener);
        out.literal(",\"match\":");
        out.put(names_.words(r));
        if (r.has(flag::kStale)) {
            out.literal(",\"stale\":true}");
        } else {
            out.literal(",\"stale\":false}");
        }
        events_.end_slice();
        if (const EmitSlot* from = emit_slot(r.emit)) {
            ++flow_id_;
            events_.flow('s', flow_id_, from->place, from->ts);
            events_.flow('f', flow_id_, place, ts);
        }
    }

    // A delivery's emit is most often the one just before it: no hash lookup for those.
    const EmitSlot* emit_slot(std::uint32_t emit) {
        if (last_emit_ != nullptr && emit == last_emit_id_) return last_emit_;
        const auto it = emits_.find(emit);
        return it == emits_.end() ? nullptr : &it->second;
    }

    const Symbols& symbols_;
    Tracks& tracks_;
    Events& events_;
    // Node-based: the slot last_emit_ points to stays where it is when the map grows.
    std::unordered_map<std::uint32_t, EmitSlot> emits_;
    const EmitSlot* last_emit_ = nullptr;
    std::uint32_t last_emit_id_ = 0;
    double last_ts_ = -1;
    std::uint64_t flow_id_ = 0;
    SliceNames names_;
};

}  // namespace

ExportEnd write_perfetto_pieces(const TraceData& trace, const PieceHandOver& hand_over,
                                const ExportProgress& progress) {
    Tracks tracks(*trace.symbols);
    number_windows(trace, tracks);
    Events events(hand_over);
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

ExportEnd write_perfetto(const TraceData& trace, const PerfettoSink& sink,
                         const ExportProgress& progress) {
    return write_perfetto_pieces(
        trace,
        [&sink](PieceBuffer& piece) {
            return sink(std::string_view(piece.bytes.data(), piece.size));
        },
        progress);
}

std::string export_perfetto(const TraceData& trace) {
    std::string out;
    write_perfetto(trace, [&out](std::string_view piece) {
        out += piece;
        return true;
    });
    return out;
}

}  // namespace eventlab
