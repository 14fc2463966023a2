#include "view/panels/periodic_form.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "core/util/ascii_fold.h"

namespace eventlab {
namespace {

// Invalid UTF-8 shows as U+FFFD rather than making dump() throw.
constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

constexpr std::string_view kExamples = "250 ms, 10 s, 5 min or 1 h";

struct Unit {
    std::string_view name;
    std::int64_t us;
};

// A unit is the whole word after the number; none means ms, the unit the panel talks in.
constexpr Unit kUnits[] = {
    {"us", 1},         {"µs", 1},           {"ms", 1'000},
    {"", 1'000},       {"s", 1'000'000},    {"sec", 1'000'000},
    {"m", 60'000'000}, {"min", 60'000'000}, {"h", 3'600'000'000LL},
};

std::string_view trim(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return text;
}

}  // namespace

PeriodicSpec seed_ticker_preset() {
    PeriodicSpec spec;
    spec.id = "seed-ticker";
    spec.event = "test-event";
    spec.interval_us = 10'000'000;  // the seed guide's thread::sleep(Duration::from_secs(10))
    spec.payload = {{"data", "tick {n}"}};
    return spec;  // no target: app.emit, to all windows
}

IntervalInput parse_interval(std::string_view text) {
    IntervalInput out;
    text = trim(text);
    if (text.empty()) {
        out.message = "enter an interval, such as " + std::string(kExamples);
        return out;
    }
    double value = 0;
    // from_chars does not take a leading '+'; a person might type one.
    const std::string_view number_text = text.front() == '+' ? text.substr(1) : text;
    const auto [end, error] =
        std::from_chars(number_text.data(), number_text.data() + number_text.size(), value);
    if (error != std::errc() || !std::isfinite(value)) {
        out.message =
            "`" + std::string(text) + "` is not an interval: write " + std::string(kExamples);
        return out;
    }
    const std::string unit =
        ascii_lower(trim(std::string_view(end, number_text.data() + number_text.size() - end)));
    const auto found = std::find_if(std::begin(kUnits), std::end(kUnits),
                                    [&](const Unit& u) { return u.name == unit; });
    if (found == std::end(kUnits)) {
        out.message = "unknown unit `" + unit + "`: write " + std::string(kExamples);
        return out;
    }
    if (value <= 0) {
        // Clamping would start a 1 ms sender nobody asked for: a sender that never waits is no
        // interval at all, so the form refuses it as `run` refuses interval_ms 0.
        out.message =
            "the interval must be more than 0 (from 1 ms to 1 h): write " + std::string(kExamples);
        return out;
    }
    const double us = std::round(value * static_cast<double>(found->us));
    if (us < static_cast<double>(kMinIntervalUs)) {
        out.us = kMinIntervalUs;
        out.clamped = true;
        out.message = "the interval is from 1 ms to 1 h: using 1 ms";
    } else if (us > static_cast<double>(kMaxIntervalUs)) {
        out.us = kMaxIntervalUs;
        out.clamped = true;
        out.message = "the interval is from 1 ms to 1 h: using 1 h";
    } else {
        out.us = static_cast<std::int64_t>(us);
    }
    return out;
}

std::string format_interval(std::int64_t us) {
    constexpr std::pair<std::int64_t, const char*> kShown[] = {
        {3'600'000'000LL, "h"}, {60'000'000, "min"}, {1'000'000, "s"}, {1'000, "ms"}};
    for (const auto& [size, name] : kShown) {
        if (us != 0 && us % size == 0) return std::to_string(us / size) + " " + name;
    }
    return std::to_string(us) + " us";
}

std::string next_sender_id(const std::vector<std::string>& taken) {
    for (int n = 2;; ++n) {
        std::string id = "sender-" + std::to_string(n);
        if (std::find(taken.begin(), taken.end(), id) == taken.end()) return id;
    }
}

std::string payload_text(const nlohmann::json& payload) {
    if (payload.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < payload.size(); ++i) {
            if (i > 0) out += ", ";
            out += payload_text(payload[i]);
        }
        return out + "]";
    }
    if (payload.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto& [key, item] : payload.items()) {
            if (!first) out += ", ";
            first = false;
            out += nlohmann::json(key).dump(-1, ' ', false, kReplace) + ": " + payload_text(item);
        }
        return out + "}";
    }
    return payload.dump(-1, ' ', false, kReplace);
}

std::string describe_periodic(const PeriodicSpec& spec) {
    return spec.event + " every " + format_interval(spec.interval_us) + " to " +
           (spec.target ? describe(*spec.target) : std::string("all windows"));
}

}  // namespace eventlab
