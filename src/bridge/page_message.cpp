#include "bridge/page_message.h"

#include "core/util/json_io.h"

namespace eventlab::bridge {
namespace {

// nlohmann reads a number without fraction or exponent that starts with '-' as a signed
// integer and one without as unsigned, so a signed 0 can only have been written `-0`. serde_json
// reads that as f64 -0.0, since no integer is negative zero. The depth is bounded by
// parse_json_text's check.
void as_serde_reads(nlohmann::json& value) {
    if (value.is_number_integer() && !value.is_number_unsigned() &&
        value.get<std::int64_t>() == 0) {
        value = -0.0;
        return;
    }
    if (value.is_structured()) {
        for (auto& child : value)
            as_serde_reads(child);
    }
}

}  // namespace

std::optional<nlohmann::json> parse_page_message(std::string_view text, std::string& error) {
    auto message = parse_json_text(text, "message", error);
    if (message) as_serde_reads(*message);
    return message;
}

}  // namespace eventlab::bridge
