// Reading traces back: a damaged or foreign file says what is wrong with it, and a trace cut
// off mid-line (a crash while recording) still loads every complete record. A million-record
// trace opens in a few seconds: record lines go through a scanner of their own (FlatLine)
// first, and only what it is unsure of through nlohmann's DOM.
#include <algorithm>
#include <array>
#include <charconv>
#include <deque>
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
    // A view into the parsed object, valid while it lives.
    std::string_view str(const char* key, bool required = true) {
        const json* v = get(key, required);
        if (v == nullptr) return {};
        if (!v->is_string()) {
            fail(std::string("\"") + key + "\" must be a string");
            return {};
        }
        return v->get_ref<const std::string&>();
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
    std::int64_t integer(const char* key) {
        const json* v = get(key);
        if (v == nullptr) return 0;
        if (!v->is_number_integer()) {
            fail(std::string("\"") + key + "\" must be an integer");
            return 0;
        }
        return v->get<std::int64_t>();
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

template <typename F>
bool read_target(F& f, const json* value, Record& r, Symbols& symbols) {
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

template <typename F>
void read_side(F& f, Record& r) {
    const std::string_view side = f.str("side");
    if (side == "js") {
        r.flags |= flag::kJs;
    } else if (side != "rust" && f.ok()) {
        f.fail("\"side\" must be \"rust\" or \"js\"");
    }
}

template <typename F>
void read_source(F& f, Record& r, Symbols& symbols) {
    const std::string_view from = f.str("from");
    const auto colon = from.find(':');
    const std::string_view kind = from.substr(0, colon);
    const std::string_view name =
        colon == std::string_view::npos ? std::string_view() : from.substr(colon + 1);
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

template <typename F>
void read_fields(F& f, Record& r, Symbols& symbols) {
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
            r.text = make_text(std::string(f.str("match")));  // the words it was written with
            if (f.boolean("stale")) r.flags |= flag::kStale;
            r.aux = f.sym_or_null("name", symbols, false);
            break;
        case RecordType::Skip:
            r.emit = static_cast<std::uint32_t>(f.num("emit"));
            r.listener = static_cast<std::uint32_t>(f.num("listener"));
            r.text = make_text(std::string(f.str("reason")));
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
                r.text = make_text(std::string(f.str("error")));
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
            r.text = make_text(std::string(f.str("message")));
            r.aux = symbols.intern(f.str("op"));
            if (f.boolean("panic")) r.flags |= flag::kPanic;
            break;
        case RecordType::Expect:
            if (f.boolean("ok")) r.flags |= flag::kOk;
            r.text = make_text(std::string(f.str("message")));
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

// ---------------------------------------------------------------------------------------------
// The fast path. Building an nlohmann DOM per line (a std::map per record, a string per key)
// took most of the time to open a big trace. Record lines as the writer makes them are flat
// objects of strings, numbers and booleans with a few nested values (target, accept, payload,
// args, result); FlatLine reads such a line in place and hands only the nested values to
// nlohmann. It accepts a strict subset of JSON: whatever it is unsure of (non-ASCII bytes or
// \u escapes in strings, duplicate keys, floats, numbers out of range, anything malformed) sends
// the line to the DOM path, which then gives the Record or the error it always gave.

enum class Kind : std::uint8_t { String, Number, Bool, Null, Nested };

struct Member {
    std::string_view key;
    std::string_view token;  // the whole value as written (a string with its quotes)
    Kind kind = Kind::Null;
    bool escaped = false;    // a string with a backslash escape
    std::size_t nested = 0;  // Nested: index into FlatLine::nested
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

class FlatLine {
  public:
    // False when the line is not such an object (the DOM path decides what it is).
    bool scan(std::string_view line) {
        line_ = line;
        at_ = 0;
        count_ = 0;
        skip_space();
        if (!take('{')) return false;
        skip_space();
        if (!take('}')) {
            do {
                skip_space();
                if (count_ == members_.size()) return false;
                Member& m = members_[count_];
                std::string_view key;
                if (!string(key) || key.size() < 2 || key.find('\\') != std::string_view::npos) {
                    return false;
                }
                m.key = key.substr(1, key.size() - 2);
                skip_space();
                if (!take(':')) return false;
                skip_space();
                if (!value(m)) return false;
                // nlohmann keeps the last of duplicate keys; leave that rare case to it.
                for (std::size_t i = 0; i < count_; ++i) {
                    if (members_[i].key == m.key) return false;
                }
                ++count_;
                skip_space();
            } while (take(','));
            if (!take('}')) return false;
        }
        skip_space();
        return at_ == line_.size();
    }

    const Member* find(std::string_view key) const {
        for (std::size_t i = 0; i < count_; ++i) {
            if (members_[i].key == key) return &members_[i];
        }
        return nullptr;
    }
    const json& nested(const Member& m) const { return nested_[m.nested]; }

  private:
    bool take(char c) {
        if (at_ < line_.size() && line_[at_] == c) {
            ++at_;
            return true;
        }
        return false;
    }
    void skip_space() {
        while (at_ < line_.size() && is_space(line_[at_]))
            ++at_;
    }
    // A string token, quotes included; only ASCII and the one-letter escapes.
    bool string(std::string_view& token, bool* escaped = nullptr) {
        const std::size_t start = at_;
        if (!take('"')) return false;
        while (at_ < line_.size()) {
            const auto c = static_cast<unsigned char>(line_[at_]);
            if (c == '"') {
                token = line_.substr(start, ++at_ - start);
                return true;
            }
            if (c < 0x20 || c >= 0x80) return false;
            if (c == '\\') {
                if (at_ + 1 >= line_.size()) return false;
                const char e = line_[at_ + 1];
                if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) return false;
                if (escaped != nullptr) *escaped = true;
                at_ += 2;
                continue;
            }
            ++at_;
        }
        return false;
    }
    // JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    bool number() {
        take('-');
        if (take('0')) {
        } else if (at_ < line_.size() && is_digit(line_[at_])) {
            while (at_ < line_.size() && is_digit(line_[at_]))
                ++at_;
        } else {
            return false;
        }
        const auto digits = [this] {
            const std::size_t from = at_;
            while (at_ < line_.size() && is_digit(line_[at_]))
                ++at_;
            return at_ > from;
        };
        if (take('.') && !digits()) return false;
        if (at_ < line_.size() && (line_[at_] == 'e' || line_[at_] == 'E')) {
            ++at_;
            if (!take('+')) take('-');
            if (!digits()) return false;
        }
        return true;
    }
    bool literal(std::string_view word) {
        if (line_.substr(at_, word.size()) != word) return false;
        at_ += word.size();
        return true;
    }
    // An object or array: its extent here, its value (and its validity) from nlohmann.
    bool nested_value(Member& m) {
        const std::size_t start = at_;
        int depth = 0;
        while (at_ < line_.size()) {
            const char c = line_[at_];
            if (c == '"') {
                for (++at_; at_ < line_.size() && line_[at_] != '"'; ++at_) {
                    if (line_[at_] == '\\') ++at_;
                }
                if (at_ >= line_.size()) return false;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                m.token = line_.substr(start, ++at_ - start);
                json value = json::parse(m.token, nullptr, false);
                if (value.is_discarded()) return false;
                m.nested = nested_.size();
                nested_.push_back(std::move(value));
                return true;
            }
            ++at_;
        }
        return false;
    }
    bool value(Member& m) {
        const std::size_t start = at_;
        m.escaped = false;
        if (at_ >= line_.size()) return false;
        const char c = line_[at_];
        bool ok = false;
        if (c == '"') {
            m.kind = Kind::String;
            ok = string(m.token, &m.escaped);
        } else if (c == '{' || c == '[') {
            m.kind = Kind::Nested;
            return nested_value(m);
        } else if (c == 't' || c == 'f') {
            m.kind = Kind::Bool;
            ok = literal(c == 't' ? "true" : "false");
        } else if (c == 'n') {
            m.kind = Kind::Null;
            ok = literal("null");
        } else {
            m.kind = Kind::Number;
            ok = number();
        }
        m.token = line_.substr(start, at_ - start);
        return ok;
    }

    std::string_view line_;
    std::size_t at_ = 0;
    std::array<Member, 24> members_;
    std::size_t count_ = 0;
    std::vector<json> nested_;
};

// Fields over a FlatLine, with the same answers as Fields over the DOM when they succeed.
// Errors need no words: a failed fast read goes to the DOM path, which words them.
class FastFields {
  public:
    explicit FastFields(const FlatLine& line) : line_(line) {}

    bool ok() const { return ok_; }
    void fail(const std::string& /*why*/) { ok_ = false; }

    const json* get(const char* key, bool required = true) {
        const Member* m = line_.find(key);
        if (m == nullptr) {
            if (required) ok_ = false;
            return nullptr;
        }
        if (m->kind == Kind::Nested) return &line_.nested(*m);
        // A scalar where a value is wanted (a string payload): nlohmann reads the token.
        values_.push_back(json::parse(m->token, nullptr, false));
        if (values_.back().is_discarded()) ok_ = false;
        return &values_.back();
    }
    std::string_view str(const char* key, bool required = true) {
        const Member* m = line_.find(key);
        if (m == nullptr || m->kind != Kind::String) {
            if (m != nullptr || required) ok_ = false;
            return {};
        }
        const std::string_view inner = m->token.substr(1, m->token.size() - 2);
        if (!m->escaped) return inner;
        std::string& out = unescaped_.emplace_back();
        for (std::size_t i = 0; i < inner.size(); ++i) {
            if (inner[i] != '\\') {
                out += inner[i];
                continue;
            }
            switch (inner[++i]) {
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                default:
                    out += inner[i];
                    break;  // " \ /
            }
        }
        return out;
    }
    Sym sym_or_null(const char* key, Symbols& symbols, bool required = true) {
        const Member* m = line_.find(key);
        if (m == nullptr) {
            if (required) ok_ = false;
            return kNoSym;
        }
        if (m->kind == Kind::Null) return kNoSym;
        if (m->kind != Kind::String) {
            ok_ = false;
            return kNoSym;
        }
        return symbols.intern(str(key));
    }
    // Digits only: nlohmann reads them as an unsigned integer when they fit in 64 bits.
    std::uint64_t num(const char* key) {
        std::uint64_t value = 0;
        if (!whole_number(key, value)) ok_ = false;
        return value;
    }
    // An integer with an optional minus; out of int64 range goes to the DOM path.
    std::int64_t integer(const char* key) {
        std::int64_t value = 0;
        if (!whole_number(key, value)) ok_ = false;
        return value;
    }
    bool boolean(const char* key, bool required = true) {
        const Member* m = line_.find(key);
        if (m == nullptr || m->kind != Kind::Bool) {
            if (m != nullptr || required) ok_ = false;
            return false;
        }
        return m->token.front() == 't';
    }

  private:
    template <typename T>
    bool whole_number(const char* key, T& value) const {
        const Member* m = line_.find(key);
        if (m == nullptr || m->kind != Kind::Number) return false;
        const std::string_view t = m->token;
        if (std::is_unsigned_v<T> && t.front() == '-') return false;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        return ec == std::errc() && end == t.data() + t.size();
    }

    const FlatLine& line_;
    bool ok_ = true;
    std::deque<json> values_;            // scalars asked for as values; stable addresses
    std::deque<std::string> unescaped_;  // strings that had escapes; stable addresses
};

// seq, t_us, type, then the type's fields, through either kind of Fields.
template <typename F>
std::optional<Record> read_record(F& f, Symbols& symbols) {
    Record r;
    r.seq = f.num("seq");
    r.t_us = f.integer("t_us");
    std::uint8_t type = 0;
    const std::string_view type_name = f.str("type");
    if (!parse_code(type_name, kTypes, type) && f.ok()) {
        f.fail("unknown record type \"" + std::string(type_name) + "\"");
    }
    r.type = static_cast<RecordType>(type);
    if (f.ok()) read_fields(f, r, symbols);
    if (!f.ok()) return std::nullopt;
    return r;
}

}  // namespace

std::optional<Record> parse_record_line(std::string_view line, Symbols& symbols,
                                        std::string& error) {
    FlatLine flat;
    if (flat.scan(line)) {
        FastFields fast(flat);
        if (auto record = read_record(fast, symbols)) return record;
    }
    const json value = json::parse(line, nullptr, false);
    if (value.is_discarded() || !value.is_object()) {
        error = "not a JSON object";
        return std::nullopt;
    }
    Fields f(value, error);
    return read_record(f, symbols);
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
    // One record per line: counting them first saves a million records' worth of regrowth.
    data.records.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
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
