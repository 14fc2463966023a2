// The reference reader of a record line: nlohmann's DOM, with an error that names what is
// missing or mistyped.
#include <nlohmann/json.hpp>

#include "core/trace/trace_read_fields.h"
#include "core/trace/trace_read_internal.h"
#include "core/util/json_io.h"

namespace eventlab {
namespace {

using json = nlohmann::json;

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
    Sym sym(const char* key, Symbols& symbols) { return symbols.intern(str(key)); }
    Text words(const char* key) { return make_text(std::string(str(key))); }
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

// Whether the line's value is an object, for a line that is JSON: after nlohmann's optional
// BOM and white space it opens with '{'.
bool opens_object(std::string_view line) {
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    const size_t first = line.find_first_not_of(" \t\n\r");
    return first != std::string_view::npos && line[first] == '{';
}

// A line nested deeper than kMaxJsonDepth is never built (see json_too_deep_at). It is still
// "not a JSON object" when it is not one, as a line the parser refuses is.
json parse_line(std::string_view line, bool& too_deep) {
    too_deep = json_too_deep_at(line).has_value();
    if (!too_deep) return json::parse(line, nullptr, false);
    return json::accept(line) && opens_object(line) ? json::object()
                                                    : json(json::value_t::discarded);
}

}  // namespace

std::optional<Record> read_record_dom(std::string_view line, Symbols& symbols, std::string& error) {
    bool too_deep = false;
    const json value = parse_line(line, too_deep);
    if (value.is_discarded() || !value.is_object()) {
        error = "not a JSON object";
        return std::nullopt;
    }
    if (too_deep) {
        error = json_too_deep_message();
        return std::nullopt;
    }
    Fields f(value, error);
    return trace_fields::read_record(f, symbols);
}

}  // namespace eventlab
