// Reading traces back: a damaged or foreign file says what is wrong with it, and a trace cut
// off mid-line (a crash while recording) still loads every complete record.
#include <array>
#include <nlohmann/json.hpp>

#include "core/json_io.h"
#include "core/scenario.h"
#include "core/trace.h"

namespace eventlab {
namespace {

using json = nlohmann::json;

// Field access that names what is missing or mistyped.
class Fields {
  public:
    Fields(const json& object, std::string& error) : object_(object), error_(error) {}

    bool ok() const { return error_.empty(); }

    const json* get(const char* key, bool required = true) {
        auto it = object_.find(key);
        if (it == object_.end()) {
            if (required) fail(std::string("missing \"") + key + "\"");
            return nullptr;
        }
        return &*it;
    }
    std::string str(const char* key, bool required = true) {
        const json* v = get(key, required);
        if (v == nullptr) return {};
        if (!v->is_string()) {
            fail(std::string("\"") + key + "\" must be a string");
            return {};
        }
        return v->get<std::string>();
    }
    // A string or null; null (and absent, when optional) gives kNoSym.
    Sym sym_or_null(const char* key, Symbols& symbols, bool required = true) {
        const json* v = get(key, required);
        if (v == nullptr || v->is_null()) return kNoSym;
        if (!v->is_string()) {
            fail(std::string("\"") + key + "\" must be a string or null");
            return kNoSym;
        }
        return symbols.intern(v->get_ref<const std::string&>());
    }
    std::uint64_t num(const char* key) {
        const json* v = get(key);
        if (v == nullptr) return 0;
        if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<std::int64_t>() >= 0)) {
            fail(std::string("\"") + key + "\" must be a non-negative integer");
            return 0;
        }
        return v->get<std::uint64_t>();
    }
    bool boolean(const char* key, bool required = true) {
        const json* v = get(key, required);
        if (v == nullptr) return false;
        if (!v->is_boolean()) {
            fail(std::string("\"") + key + "\" must be true or false");
            return false;
        }
        return v->get<bool>();
    }
    void fail(std::string why) {
        if (error_.empty()) error_ = std::move(why);
    }

  private:
    const json& object_;
    std::string& error_;
};

// Index of text in names, stored as a record code; false when it is none of them.
template <size_t N>
bool parse_code(std::string_view text, const std::array<std::string_view, N>& names,
                std::uint8_t& code) {
    for (size_t i = 0; i < N; ++i) {
        if (names[i] == text) {
            code = static_cast<std::uint8_t>(i);
            return true;
        }
    }
    return false;
}

constexpr std::array<std::string_view, kRecordTypeCount> kTypes = {
    "window", "listen", "unlisten", "emit",  "deliver", "skip",
    "invoke", "mount",  "unmount",  "error", "expect"};
constexpr std::array<std::string_view, 3> kActions = {"created", "close_requested", "destroyed"};
constexpr std::array<std::string_view, 4> kReasons = {"unlisten", "once", "purge", "unmount"};
constexpr std::array<std::string_view, 3> kApis = {"emit", "emit_to", "emit_filter"};

bool read_target(Fields& f, const json* value, Record& r, Symbols& symbols) {
    if (value == nullptr || !value->is_object()) {
        f.fail("\"target\" must be an object {\"kind\": …}");
        return false;
    }
    std::string error;
    const auto target = parse_target(*value, "/target", error);
    if (!target) {
        f.fail(error);
        return false;
    }
    r.set_target_kind(target->kind);
    r.target_label = target->has_label() ? symbols.intern(target->label) : kNoSym;
    return true;
}

void read_side(Fields& f, Record& r) {
    const std::string side = f.str("side");
    if (side == "js") {
        r.flags |= flag::kJs;
    } else if (side != "rust" && f.ok()) {
        f.fail("\"side\" must be \"rust\" or \"js\"");
    }
}

void read_source(Fields& f, Record& r, Symbols& symbols) {
    const std::string from = f.str("from");
    const auto colon = from.find(':');
    const std::string kind = from.substr(0, colon);
    const std::string name = colon == std::string::npos ? std::string() : from.substr(colon + 1);
    SourceKind source = SourceKind::Rust;
    if (kind == "js") {
        source = SourceKind::Js;
    } else if (kind == "periodic") {
        source = SourceKind::Periodic;
    } else if (kind == "invoke") {
        source = SourceKind::Invoke;
    } else if (from != "rust" && f.ok()) {
        f.fail("\"from\" must be rust, js:LABEL, periodic:ID or invoke:COMMAND");
    }
    r.set_high_kind(static_cast<std::uint8_t>(source));
    r.aux = name.empty() ? kNoSym : symbols.intern(name);
}

void read_fields(Fields& f, Record& r, Symbols& symbols) {
    switch (r.type) {
        case RecordType::Window:
            if (!parse_code(f.str("action"), kActions, r.code)) {
                f.fail("\"action\" must be created, close_requested or destroyed");
            }
            r.in = symbols.intern(f.str("label"));
            break;
        case RecordType::Listen:
            r.listener = static_cast<std::uint32_t>(f.num("listener"));
            r.event = symbols.intern(f.str("event"));
            read_side(f, r);
            r.in = f.sym_or_null("in", symbols);
            read_target(f, f.get("target"), r, symbols);
            if (f.boolean("once")) r.flags |= flag::kOnce;
            r.aux = f.sym_or_null("name", symbols, false);
            if (f.boolean("deferred")) r.flags |= flag::kDeferred;
            break;
        case RecordType::Unlisten:
            r.listener = static_cast<std::uint32_t>(f.num("listener"));
            if (!parse_code(f.str("reason"), kReasons, r.code)) {
                f.fail("\"reason\" must be unlisten, once, purge or unmount");
            }
            if (f.boolean("deferred")) r.flags |= flag::kDeferred;
            r.event = f.sym_or_null("event", symbols, false);
            break;
        case RecordType::Emit: {
            r.emit = static_cast<std::uint32_t>(f.num("emit"));
            if (!parse_code(f.str("api"), kApis, r.code)) {
                f.fail("\"api\" must be emit, emit_to or emit_filter");
            }
            r.event = symbols.intern(f.str("event"));
            if (const json* target = f.get("target"); target != nullptr && !target->is_null()) {
                if (read_target(f, target, r, symbols)) r.flags |= flag::kHasTarget;
            }
            if (const json* accept = f.get("accept"); accept != nullptr && !accept->is_null()) {
                r.text = make_text(accept->dump());
            }
            read_source(f, r, symbols);
            if (const json* payload = f.get("payload")) r.payload = make_text(payload->dump());
            if (f.boolean("deferred")) r.flags |= flag::kDeferred;
            break;
        }
        case RecordType::Deliver:
            r.emit = static_cast<std::uint32_t>(f.num("emit"));
            r.listener = static_cast<std::uint32_t>(f.num("listener"));
            read_side(f, r);
            r.in = f.sym_or_null("in", symbols);
            r.event = symbols.intern(f.str("event"));
            r.text = make_text(f.str("match"));  // the words it was written with
            if (f.boolean("stale")) r.flags |= flag::kStale;
            r.aux = f.sym_or_null("name", symbols, false);
            break;
        case RecordType::Skip:
            r.emit = static_cast<std::uint32_t>(f.num("emit"));
            r.listener = static_cast<std::uint32_t>(f.num("listener"));
            r.text = make_text(f.str("reason"));
            r.in = f.sym_or_null("in", symbols, false);
            r.event = f.sym_or_null("event", symbols, false);
            r.flags |= flag::kJs;
            break;
        case RecordType::Invoke: {
            r.aux = symbols.intern(f.str("command"));
            r.in = f.sym_or_null("in", symbols);
            if (const json* args = f.get("args")) r.payload = make_text(args->dump());
            const bool ok = f.boolean("ok");
            if (ok) {
                r.flags |= flag::kOk;
                const json* result = f.get("result", false);
                r.text = make_text(result != nullptr ? result->dump() : "null");
            } else {
                r.text = make_text(f.str("error"));
            }
            break;
        }
        case RecordType::Mount:
        case RecordType::Unmount:
            r.in = f.sym_or_null("in", symbols);
            r.aux = symbols.intern(f.str("component"));
            if (f.boolean("cleanup")) r.flags |= flag::kCleanup;
            break;
        case RecordType::Error:
            r.text = make_text(f.str("message"));
            r.aux = symbols.intern(f.str("op"));
            if (f.boolean("panic")) r.flags |= flag::kPanic;
            break;
        case RecordType::Expect:
            if (f.boolean("ok")) r.flags |= flag::kOk;
            r.text = make_text(f.str("message"));
            break;
    }
}

// nlohmann's value() throws when the member has another type; a foreign file must not crash us.
std::string string_member(const json& object, const char* key, std::string fallback) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
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

}  // namespace

std::optional<Record> parse_record_line(std::string_view line, Symbols& symbols,
                                        std::string& error) {
    const json value = json::parse(line, nullptr, false);
    if (value.is_discarded() || !value.is_object()) {
        error = "not a JSON object";
        return std::nullopt;
    }
    Fields f(value, error);
    Record r;
    r.seq = f.num("seq");
    const json* t = f.get("t_us");
    if (t != nullptr && !t->is_number_integer()) f.fail("\"t_us\" must be an integer");
    if (t != nullptr && t->is_number_integer()) r.t_us = t->get<std::int64_t>();
    std::uint8_t type = 0;
    if (!parse_code(f.str("type"), kTypes, type) && f.ok()) {
        f.fail("unknown record type \"" + string_member(value, "type", "") + "\"");
    }
    r.type = static_cast<RecordType>(type);
    if (f.ok()) read_fields(f, r, symbols);
    if (!f.ok()) return std::nullopt;
    return r;
}

TraceLoad parse_trace(std::string_view text, std::string_view source,
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
    size_t line_number = 1;
    while (end != std::string_view::npos && end + 1 < text.size()) {
        const size_t start = end + 1;
        end = text.find('\n', start);
        ++line_number;
        const std::string_view line =
            text.substr(start, end == std::string_view::npos ? end : end - start);
        if (line.empty()) continue;
        auto record = parse_record_line(line, *data.symbols, error);
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

TraceLoad load_trace(const std::string& path, const LoadProgress& progress) {
    std::string text;
    if (auto error = read_text_file(path, text))
        return {std::nullopt, path + ": cannot read: " + *error};
    return parse_trace(text, path, progress);
}

}  // namespace eventlab
