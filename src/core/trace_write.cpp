#include <cerrno>
#include <cinttypes>
#include <cstring>

#include "core/json_text.h"
#include "core/trace.h"

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
        char buffer[24];
        const int n = std::snprintf(buffer, sizeof buffer, "%" PRIu64, v);
        out_.append(buffer, static_cast<size_t>(n));
    }
    void inum(std::string_view k, std::int64_t v) {
        key(k);
        char buffer[24];
        const int n = std::snprintf(buffer, sizeof buffer, "%" PRId64, v);
        out_.append(buffer, static_cast<size_t>(n));
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
    Line line(out);
    line.num("seq", record.seq);
    line.inum("t_us", record.t_us);
    line.str("type", to_string(record.type));
    write_fields(line, record, symbols);
}

std::shared_ptr<TraceFileSink> TraceFileSink::open(const std::string& path,
                                                   const TraceHeader& header, std::int64_t start_us,
                                                   std::string& error) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
        error = "cannot write trace " + path + ": " + std::strerror(errno);
        return nullptr;
    }
    std::shared_ptr<TraceFileSink> sink(new TraceFileSink(file, path, start_us));
    const std::string line = trace_header_line(header) + "\n";
    if (std::fwrite(line.data(), 1, line.size(), file) != line.size() || std::fflush(file) != 0) {
        error = "cannot write trace " + path + ": " + std::strerror(errno);
        return nullptr;
    }
    sink->bytes_ = line.size();
    return sink;
}

TraceFileSink::~TraceFileSink() {
    close();
}

void TraceFileSink::close() {
    if (file_ != nullptr) {
        std::fclose(file_);
        file_ = nullptr;
    }
}

void TraceFileSink::write(const Record& record, const Symbols& symbols) {
    if (file_ == nullptr || failed_) return;
    Record local = record;
    local.seq = written_ + 1;
    local.t_us = record.t_us - start_us_;
    line_.clear();
    append_record_json(line_, local, symbols);
    line_ += '\n';
    // One flushed line per record: a crash leaves every complete record readable.
    if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size() ||
        std::fflush(file_) != 0) {
        failed_ = true;
        return;
    }
    ++written_;
    bytes_ += line_.size();
}

}  // namespace eventlab
