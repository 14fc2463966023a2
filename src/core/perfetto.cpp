#include "core/perfetto.h"

#include <charconv>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "core/json_text.h"

namespace eventlab {
namespace {

constexpr double kSlotUs = 0.001;         // one nanosecond per record at the same t_us
constexpr double kSliceUs = kSlotUs / 2;  // a slice ends before the next record's slot
constexpr int kBackendPid = 1;

// Tracks: (process, thread) pairs, numbered as they first appear.
class Tracks {
  public:
    int window_pid(const std::string& label) {
        auto [it, added] = windows_.try_emplace(label, next_pid_);
        if (added) ++next_pid_;
        return it->second;
    }
    const std::map<std::string, int>& windows() const { return windows_; }

  private:
    std::map<std::string, int> windows_;
    int next_pid_ = kBackendPid + 1;
};

enum Tid { kHandlersTid = 1, kEmitsTid = 2, kPeriodicTid = 3, kInvokeTid = 4, kWebviewTid = 1 };

struct Place {
    int pid = kBackendPid;
    int tid = kHandlersTid;
};

class Writer {
  public:
    explicit Writer(std::string& out) : out_(out) {}

    void begin() { out_ += "{\"traceEvents\":[\n"; }
    void end() { out_ += "\n],\"displayTimeUnit\":\"ns\"}\n"; }

    void metadata(const char* what, int pid, int tid, std::string_view name) {
        event_start();
        out_ += "{\"ph\":\"M\",\"name\":\"";
        out_ += what;
        out_ += "\",\"pid\":" + std::to_string(pid) + ",\"tid\":" + std::to_string(tid) +
                ",\"args\":{\"name\":";
        append_json_string(out_, name);
        out_ += "}}";
    }
    void slice(std::string_view name, const Place& place, double ts, std::string_view args_json) {
        event_start();
        out_ += "{\"ph\":\"X\",\"cat\":\"eventlab\",\"name\":";
        append_json_string(out_, name);
        out_ += ",\"pid\":" + std::to_string(place.pid) + ",\"tid\":" + std::to_string(place.tid);
        out_ += ",\"ts\":" + number(ts) + ",\"dur\":" + number(kSliceUs);
        out_ += ",\"args\":";
        out_ += args_json;
        out_ += '}';
    }
    // s (on the emit slice) or f (binding to the enclosing delivery slice: "bp":"e").
    void flow(char phase, std::uint64_t id, const Place& place, double ts) {
        event_start();
        out_ += "{\"ph\":\"";
        out_ += phase;
        out_ += "\",\"cat\":\"route\",\"name\":\"route\",\"id\":" + std::to_string(id);
        out_ += ",\"pid\":" + std::to_string(place.pid) + ",\"tid\":" + std::to_string(place.tid);
        out_ += ",\"ts\":" + number(ts);
        if (phase == 'f') out_ += ",\"bp\":\"e\"";
        out_ += '}';
    }

  private:
    void event_start() {
        if (!first_) out_ += ",\n";
        first_ = false;
    }
    static std::string number(double v) {
        char buffer[40];
        const auto [end, ec] =
            std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 3);
        return std::string(buffer, end);
    }

    std::string& out_;
    bool first_ = true;
};

Place sender_place(const Record& emit, const Symbols& symbols, Tracks& tracks) {
    switch (emit.source_kind()) {
        case SourceKind::Js:
            return {tracks.window_pid(std::string(symbols.view(emit.aux))), kWebviewTid};
        case SourceKind::Periodic:
            return {kBackendPid, kPeriodicTid};
        case SourceKind::Invoke:
            return {kBackendPid, kInvokeTid};
        case SourceKind::Rust:
            return {kBackendPid, kEmitsTid};
    }
    return {kBackendPid, kEmitsTid};
}

Place receiver_place(const Record& deliver, const Symbols& symbols, Tracks& tracks) {
    if (deliver.side() == Side::Rust) return {kBackendPid, kHandlersTid};
    return {tracks.window_pid(std::string(symbols.view(deliver.in))), kWebviewTid};
}

std::string emit_args(const Record& r, const Symbols& symbols) {
    std::string args = "{\"emit\":" + std::to_string(r.emit) + ",\"from\":";
    append_json_string(args, record_source(r, symbols));
    if (r.has(flag::kHasTarget)) args += ",\"target\":" + target_json(record_target(r, symbols));
    args += ",\"payload\":";
    args += r.payload ? *r.payload : std::string("null");
    args += '}';
    return args;
}

std::string deliver_args(const Record& r, const Symbols& symbols) {
    std::string args = "{\"emit\":" + std::to_string(r.emit) +
                       ",\"listener\":" + std::to_string(r.listener) + ",\"match\":";
    append_json_string(args, record_match_words(r, symbols));
    args += std::string(",\"stale\":") + (r.has(flag::kStale) ? "true" : "false") + "}";
    return args;
}

}  // namespace

std::string export_perfetto(const TraceData& trace) {
    const Symbols& symbols = *trace.symbols;
    Tracks tracks;
    std::string body;
    Writer events(body);
    struct EmitSlot {
        Place place;
        double ts = 0;
    };
    std::unordered_map<std::uint32_t, EmitSlot> emits;
    double last_ts = -1;
    std::uint64_t flow_id = 0;
    for (const Record& r : trace.records) {
        const double ts = std::max(static_cast<double>(r.t_us), last_ts + kSlotUs);
        last_ts = ts;
        if (r.type == RecordType::Emit) {
            const Place place = sender_place(r, symbols, tracks);
            emits[r.emit] = {place, ts};
            events.slice("emit " + std::string(symbols.view(r.event)), place, ts,
                         emit_args(r, symbols));
        } else if (r.type == RecordType::Deliver) {
            const Place place = receiver_place(r, symbols, tracks);
            const std::string name =
                std::string(r.side() == Side::Rust ? "rust handler " : "js handler ") +
                std::string(symbols.view(r.event));
            events.slice(name, place, ts, deliver_args(r, symbols));
            if (auto it = emits.find(r.emit); it != emits.end()) {
                ++flow_id;
                events.flow('s', flow_id, it->second.place, it->second.ts);
                events.flow('f', flow_id, place, ts);
            }
        } else if (r.type == RecordType::Window) {
            tracks.window_pid(std::string(symbols.view(r.in)));
        }
    }
    // Metadata first, so every process and thread has its name before its events.
    std::string out;
    Writer meta(out);
    meta.begin();
    meta.metadata("process_name", kBackendPid, 0, "Rust backend");
    meta.metadata("thread_name", kBackendPid, kHandlersTid, "handlers");
    meta.metadata("thread_name", kBackendPid, kEmitsTid, "emit");
    meta.metadata("thread_name", kBackendPid, kPeriodicTid, "periodic senders");
    meta.metadata("thread_name", kBackendPid, kInvokeTid, "commands (invoke)");
    for (const auto& [label, pid] : tracks.windows()) {
        meta.metadata("process_name", pid, 0, "window " + label);
        meta.metadata("thread_name", pid, kWebviewTid, "webview " + label);
    }
    if (!body.empty()) out += ",\n" + body;
    meta.end();
    return out;
}

}  // namespace eventlab
