// The fast reader of a record line. A flat line (most of a writer's) is scanned by
// read_flat_line; any other goes through simdjson's On-Demand API: one walk over the line's
// members, each value decoded where it lies, no tree. (Its stage 1 and string unescaping run
// the kernels simdjson picks for the CPU at run time; the walk itself is plain code.) perf on a
// million-record trace: the DOM reader spent its time building and walking simdjson's tape and
// finding members by key; this one reads the same lines in half the time.
// Nested values (payloads, targets) go through simdjson's DOM into nlohmann values, whose dump()
// is the payload text a Record keeps: there are a few per emit.
// simdjson and nlohmann agree on what JSON is (UTF-8, escapes, surrogates, numbers out of range),
// with one difference that matters here: simdjson refuses integers beyond 64 bits that nlohmann
// reads as floats; such a line is left to the DOM path. The rest is keeping nlohmann's
// semantics: the last of duplicate keys wins, non-negative integers are unsigned. On-Demand
// checks only what it is asked for, so every member's value is decoded, known or not, as
// nlohmann would have parsed it. tests/core/trace/test_trace_read_fast.cpp holds the two readers to
// the same answers.
#include <simdjson.h>

#include "core/trace/trace_read_fields.h"
#include "core/trace/trace_read_flat.h"
#include "core/trace/trace_read_internal.h"
#include "core/trace/trace_read_members.h"
#include "core/util/json_io.h"

namespace eventlab {
namespace {

using json = nlohmann::json;
using simdjson::dom::element;
using simdjson::dom::element_type;
namespace od = simdjson::ondemand;

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

// Stage 1 has checked every string of the line (UTF-8, no raw control characters), so a string
// without escapes is its own value: no copy, no unescaping. Tokens end where the next one
// starts, whitespace included.
std::string_view trimmed(std::string_view token) {
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                              token.back() == '\r')) {
        token.remove_suffix(1);
    }
    return token;
}

bool plain_string(std::string_view token, std::string_view& text) {
    token = trimmed(token);
    if (token.size() < 2 || token.front() != '"' || token.back() != '"') return false;
    text = token.substr(1, token.size() - 2);
    return text.find('\\') == std::string_view::npos;
}

// A member's key, unescaped only if it has escapes (an escaped "seq" is still "seq").
bool read_key(od::field& field, std::string_view line, std::string_view& key) {
    const char* begin = field.key().raw();
    const char* end = line.data() + line.size();
    const char* at = begin;
    while (at < end && *at != '"' && *at != '\\')
        ++at;
    if (at < end && *at == '"') {
        key = std::string_view(begin, static_cast<std::size_t>(at - begin));
        return true;
    }
    return !field.unescaped_key().get(key);
}

// Most numbers in a trace are small integers (seq, t_us, ids): read without the general number
// parser. Anything else (signs on zeros, leading zeros, fractions, 19 digits or more) goes to it.
bool small_integer(std::string_view token, Member& m) {
    token = trimmed(token);
    const bool negative = !token.empty() && token.front() == '-';
    const std::string_view digits = token.substr(negative ? 1 : 0);
    if (digits.empty() || digits.size() > 18 || (digits.front() == '0' && token.size() > 1)) {
        return false;
    }
    std::int64_t value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    m.kind = Member::Int;
    m.integer = negative ? -value : value;
    return true;
}

// The text of a nested object or array, as it lies in the line.
bool raw_text(od::value& value, bool is_object, std::string_view& raw) {
    if (is_object) {
        od::object object;
        return !value.get_object().get(object) && !object.raw_json().get(raw);
    }
    od::array array;
    return !value.get_array().get(array) && !array.raw_json().get(raw);
}

}  // namespace

struct FastRecordReader::Impl {
    // The DOM path refuses lines nested deeper than kMaxJsonDepth; so must this one, to agree.
    // A nested value sits one level below the record's object, so its own limit is one less.
    // The limits stay when a longer line makes the parsers grow. A writer's lines are ~200 bytes.
    Impl()
        : depth_limited(line.allocate(4096, kMaxJsonDepth) == simdjson::SUCCESS &&
                        nested.allocate(4096, kMaxJsonDepth - 1) == simdjson::SUCCESS) {}

    bool read_members(std::string_view text);
    bool read_value(od::value& value, Member& m);
    bool read_number(od::value& value, Member& m);

    od::parser line;
    simdjson::dom::parser nested;
    bool depth_limited;  // false: an allocation failed, and every line goes to the DOM path
    Members members;
    std::string padded;  // read(): a line copied with padding
    FieldCache cache;
};

bool FastRecordReader::Impl::read_number(od::value& value, Member& m) {
    od::number number;
    if (value.get_number().get(number)) return false;  // also beyond 64 bits: the DOM path
    switch (number.get_number_type()) {
        case od::number_type::signed_integer:
            m.kind = Member::Int;
            m.integer = number.get_int64();
            return true;
        case od::number_type::unsigned_integer:
            m.kind = Member::Uint;
            m.unsigned_integer = number.get_uint64();
            return true;
        case od::number_type::floating_point_number:
            m.kind = Member::Double;
            m.real = number.get_double();
            return true;
    }
    return false;
}

// Decodes one member's value, checking it as a full parser would.
bool FastRecordReader::Impl::read_value(od::value& value, Member& m) {
    od::json_type type;
    if (value.type().get(type)) return false;
    switch (type) {
        case od::json_type::string:
            m.kind = Member::String;
            return plain_string(value.raw_json_token(), m.text) || !value.get_string().get(m.text);
        case od::json_type::number:
            return small_integer(value.raw_json_token(), m) || read_number(value, m);
        case od::json_type::boolean:
            m.kind = Member::Bool;
            return !value.get_bool().get(m.boolean);
        case od::json_type::null: {
            bool null = false;
            m.kind = Member::Null;
            return !value.is_null().get(null) && null;
        }
        case od::json_type::object:
        case od::json_type::array: {
            std::string_view raw;
            if (!raw_text(value, type == od::json_type::object, raw)) return false;
            element parsed;
            if (nested.parse(raw.data(), raw.size(), false).get(parsed)) return false;
            m.kind = Member::Nested;
            m.value = to_json(parsed);
            return true;
        }
    }
    return false;
}

bool FastRecordReader::Impl::read_members(std::string_view text) {
    od::document doc;
    od::object object;
    if (line.iterate(text.data(), text.size(), text.size() + kPadding).get(doc) ||
        doc.get_object().get(object)) {
        return false;
    }
    members.clear();
    for (auto result : object) {
        // By reference: copying simdjson's results stalled on the stores just made (perf).
        if (result.error()) return false;
        od::field& field = result.value_unsafe();
        std::string_view key;
        if (!read_key(field, text, key)) return false;
        od::value& value = field.value();
        Member* m = members.slot(key);  // the last of duplicate keys wins, as in nlohmann
        if (m == nullptr || !read_value(value, *m)) return false;
    }
    // Nothing may follow the object: nlohmann refuses `{…} x`.
    const char* after = nullptr;
    return doc.current_location().get(after) == simdjson::OUT_OF_BOUNDS;
}

FastRecordReader::FastRecordReader() : impl_(std::make_unique<Impl>()) {}
FastRecordReader::~FastRecordReader() = default;

std::optional<Record> FastRecordReader::read_padded(std::string_view line, Symbols& symbols) {
    if (!impl_->depth_limited) return std::nullopt;
    if (!read_flat_line(line, impl_->members) && !impl_->read_members(line)) return std::nullopt;
    FastFields fields(impl_->members, impl_->cache);
    return trace_fields::read_record(fields, symbols);
}

std::optional<Record> FastRecordReader::read(std::string_view line, Symbols& symbols) {
    impl_->padded.assign(line);
    impl_->padded.append(kPadding, '\0');
    return read_padded(std::string_view(impl_->padded.data(), line.size()), symbols);
}

}  // namespace eventlab
