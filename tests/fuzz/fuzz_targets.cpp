// Targets from any JSON: parse_target accepts exactly what writes back to an equal target, and
// the delivery matrix answers for every pair without crashing.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bus/mode_rules.h"
#include "core/bus/target.h"
#include "core/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace eventlab;
    const auto value = nlohmann::json::parse(data, data + size, nullptr, false);
    if (value.is_discarded()) return 0;
    std::string error;
    const auto target = parse_target(value, "/target", error);
    if (!target) {
        if (error.empty()) __builtin_trap();
        return 0;
    }
    const auto again = parse_target(nlohmann::json::parse(target_json(*target)), "/t", error);
    if (!again || !(*again == *target)) __builtin_trap();
    for (Mode mode : kAllModes) {
        const MatchResult m = match_listener(*target, EmitFilter::to(*target), mode);
        // emit_to reaches a listener whose target equals the call's, except that 2.0 never
        // matched AnyLabel listeners (PR #11581).
        const bool anylabel_20 =
            mode == Mode::Tauri20 && target->kind == EventTarget::Kind::AnyLabel;
        if (m.matched == anylabel_20) __builtin_trap();
        (void)describe_match(m.reason, *target, EmitFilter::to(*target));
    }
    return 0;
}
