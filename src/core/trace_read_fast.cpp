// The fast reader of a record line, over simdjson's DOM (its parsing kernels are picked for the
// CPU at run time, unlike its On-Demand API, which a generic build compiles for the slowest).
// simdjson and nlohmann agree on what JSON is (UTF-8, escapes, surrogates, numbers out of range),
// with one difference that matters here: simdjson refuses integers beyond 64 bits that nlohmann
// reads as floats; such a line is left to the DOM path. The rest is keeping nlohmann's
// semantics: the last of duplicate keys wins, non-negative integers are unsigned, and nested
// values (payloads, targets) become nlohmann values, whose dump() is the payload text a Record
// keeps. tests/core/test_trace_read_fast.cpp holds the two readers to the same answers.
#include <simdjson.h>

#include <deque>

#include "core/json_io.h"
#include "core/trace_read_fields.h"
#include "core/trace_read_internal.h"

namespace eventlab {
namespace {

using json = nlohmann::json;
using simdjson::dom::element;
using simdjson::dom::element_type;

static_assert(FastRecordReader::kPadding == simdjson::SIMDJSON_PADDING);

json to_json(element value);

json to_json_object(simdjson::dom::object object) {
    json out = json::object();
    // operator[] overwrites: the last of duplicate keys wins, as in nlohmann's parser.
    for (const auto field : object)
        out[std::string(field.key)] = to_json(field.value);
    return out;
}

json to_json_array(simdjson::dom::array array) {
    json out = json::array();
    for (const element item : array)
        out.push_back(to_json(item));
    return out;
}

// The value nlohmann's parser makes of the same text. Recursion is bounded by the parser's
// depth limit (kMaxJsonDepth), past which the line never got here.
json to_json(element value) {
    switch (value.type()) {
        case element_type::OBJECT:
            return to_json_object(value.get_object().value_unsafe());
        case element_type::ARRAY:
            return to_json_array(value.get_array().value_unsafe());
        case element_type::INT64: {
            // nlohmann reads a non-negative integer as unsigned (simdjson as signed).
            const std::int64_t i = value.get_int64().value_unsafe();
            return i >= 0 ? json(static_cast<std::uint64_t>(i)) : json(i);
        }
        case element_type::UINT64:
            return value.get_uint64().value_unsafe();
        case element_type::DOUBLE:
            return value.get_double().value_unsafe();
        case element_type::STRING:
            return std::string(value.get_string().value_unsafe());
        case element_type::BOOL:
            return value.get_bool().value_unsafe();
        case element_type::NULL_VALUE:
            break;
    }
    return nullptr;
}

struct Member {
    std::string_view key;
    element value;
};

// The members of a record line's object, found by key. A writer's line has at most a dozen.
class Members {
  public:
    // False when there are more than it holds (a foreign line: the DOM path reads it).
    bool collect(simdjson::dom::object object) {
        count_ = 0;
        for (const auto field : object) {
            if (Member* same = find(field.key)) {
                same->value = field.value;  // nlohmann keeps the last of duplicate keys
            } else if (count_ == members_.size()) {
                return false;
            } else {
                members_[count_++] = {field.key, field.value};
            }
        }
        return true;
    }
    Member* find(std::string_view key) {
        for (std::size_t i = 0; i < count_; ++i) {
            if (members_[i].key == key) return &members_[i];
        }
        return nullptr;
    }

  private:
    std::array<Member, 24> members_;
    std::size_t count_ = 0;
};

// The same answers as the DOM path's Fields when they succeed. Errors need no words: a failed
// fast read goes to the DOM path, which words them.
class FastFields {
  public:
    explicit FastFields(Members& members) : members_(members) {}

    bool ok() const { return ok_; }
    void fail(const std::string& /*why*/) { ok_ = false; }

    const json* get(const char* key, bool required = true) {
        const Member* m = find(key, required);
        if (m == nullptr) return nullptr;
        return &values_.emplace_back(to_json(m->value));
    }
    // A view into the parser's string buffer, valid until the next line is parsed.
    std::string_view str(const char* key, bool required = true) {
        const Member* m = find(key, required);
        std::string_view out;
        if (m != nullptr && m->value.get_string().get(out)) ok_ = false;
        return out;
    }
    Sym sym_or_null(const char* key, Symbols& symbols, bool required = true) {
        const Member* m = find(key, required);
        if (m == nullptr || m->value.is_null()) return kNoSym;
        std::string_view text;
        if (m->value.get_string().get(text)) {
            ok_ = false;
            return kNoSym;
        }
        return symbols.intern(text);
    }
    std::uint64_t num(const char* key) {
        const Member* m = find(key, true);
        if (m == nullptr) return 0;
        if (m->value.type() == element_type::UINT64) return m->value.get_uint64().value_unsafe();
        const std::int64_t i = integer(key);
        if (i < 0) ok_ = false;
        return static_cast<std::uint64_t>(i);
    }
    // Beyond int64 nlohmann wraps the value around; that rare case is left to it.
    std::int64_t integer(const char* key) {
        const Member* m = find(key, true);
        std::int64_t out = 0;
        if (m != nullptr && m->value.get_int64().get(out)) ok_ = false;
        return out;
    }
    bool boolean(const char* key, bool required = true) {
        const Member* m = find(key, required);
        bool out = false;
        if (m != nullptr && m->value.get_bool().get(out)) ok_ = false;
        return out;
    }

  private:
    const Member* find(const char* key, bool required) {
        const Member* m = members_.find(key);
        if (m == nullptr && required) ok_ = false;
        return m;
    }

    Members& members_;
    bool ok_ = true;
    std::deque<json> values_;  // stable addresses for get()
};

}  // namespace

struct FastRecordReader::Impl {
    // The DOM path refuses lines nested deeper than kMaxJsonDepth; so must this one, to agree.
    // The limit stays when a longer line makes the parser grow. A writer's lines are ~200 bytes.
    Impl() : depth_limited(parser.allocate(4096, kMaxJsonDepth) == simdjson::SUCCESS) {}

    simdjson::dom::parser parser;
    bool depth_limited;  // false: the allocation failed, and every line goes to the DOM path
    Members members;
    std::string padded;  // read(): a line copied with padding
};

FastRecordReader::FastRecordReader() : impl_(std::make_unique<Impl>()) {}
FastRecordReader::~FastRecordReader() = default;

std::optional<Record> FastRecordReader::read_padded(std::string_view line, Symbols& symbols) {
    if (!impl_->depth_limited) return std::nullopt;
    simdjson::dom::object object;
    // No reallocation: the caller promised the padding.
    if (impl_->parser.parse(line.data(), line.size(), false).get_object().get(object)) {
        return std::nullopt;
    }
    if (!impl_->members.collect(object)) return std::nullopt;
    FastFields fields(impl_->members);
    return trace_fields::read_record(fields, symbols);
}

std::optional<Record> FastRecordReader::read(std::string_view line, Symbols& symbols) {
    impl_->padded.assign(line);
    impl_->padded.append(kPadding, '\0');
    return read_padded(std::string_view(impl_->padded.data(), line.size()), symbols);
}

}  // namespace eventlab
