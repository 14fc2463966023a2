#include "core/trace_diff.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace eventlab {
namespace {

struct EmitView {
    std::uint32_t id = 0;
    std::string call;                     // "emit_to AnyLabel{main} test-event from rust"
    std::vector<std::string> deliveries;  // listener identities, sorted
};

std::string listener_identity(const Record& listen, const Symbols& symbols) {
    std::string who = listen.side() == Side::Rust
                          ? "rust listener"
                          : "js listener in " + std::string(symbols.view(listen.in));
    return who + ", target " + describe(record_target(listen, symbols)) + ", event " +
           std::string(symbols.view(listen.event));
}

std::string call_of(const Record& emit, const Symbols& symbols) {
    std::string call(to_string(static_cast<EmitApi>(emit.code)));
    if (emit.has(flag::kHasTarget)) call += " " + describe(record_target(emit, symbols));
    if (emit.text) call += " " + *emit.text;
    return call + " \"" + std::string(symbols.view(emit.event)) + "\" from " +
           record_source(emit, symbols);
}

std::vector<EmitView> emits_of(const TraceData& trace) {
    const Symbols& symbols = *trace.symbols;
    std::unordered_map<std::uint32_t, std::string> identities;
    std::vector<EmitView> emits;
    std::unordered_map<std::uint32_t, std::size_t> index;
    for (const Record& r : trace.records) {
        if (r.type == RecordType::Listen) {
            identities[r.listener] = listener_identity(r, symbols);
        } else if (r.type == RecordType::Emit) {
            index[r.emit] = emits.size();
            emits.push_back({r.emit, call_of(r, symbols), {}});
        } else if (r.type == RecordType::Deliver) {
            auto at = index.find(r.emit);
            if (at == index.end()) continue;
            auto id = identities.find(r.listener);
            emits[at->second].deliveries.push_back(
                id != identities.end() ? id->second : "listener #" + std::to_string(r.listener));
        }
    }
    for (EmitView& e : emits)
        std::sort(e.deliveries.begin(), e.deliveries.end());
    return emits;
}

// Entries of `from` missing in `other` (multiset difference; both sorted).
std::vector<std::string> only_in(const std::vector<std::string>& from,
                                 const std::vector<std::string>& other) {
    std::vector<std::string> out;
    std::set_difference(from.begin(), from.end(), other.begin(), other.end(),
                        std::back_inserter(out));
    return out;
}

}  // namespace

TraceDiff diff_traces(const TraceData& a, const TraceData& b) {
    const std::vector<EmitView> left = emits_of(a);
    const std::vector<EmitView> right = emits_of(b);
    TraceDiff diff;
    diff.emits_a = left.size();
    diff.emits_b = right.size();
    const std::size_t common = std::min(left.size(), right.size());
    for (std::size_t i = 0; i < common; ++i) {
        const EmitView& x = left[i];
        const EmitView& y = right[i];
        const std::string head = "emit " + std::to_string(i + 1) + " (" + x.call + ")";
        if (x.call != y.call) {
            diff.differences.push_back(head + ": B made a different call: " + y.call);
            continue;
        }
        for (const auto& who : only_in(x.deliveries, y.deliveries)) {
            diff.differences.push_back(head + ": delivered in A only: " + who);
        }
        for (const auto& who : only_in(y.deliveries, x.deliveries)) {
            diff.differences.push_back(head + ": delivered in B only: " + who);
        }
    }
    if (left.size() != right.size()) {
        diff.differences.push_back("A has " + std::to_string(left.size()) + " emits, B has " +
                                   std::to_string(right.size()));
    }
    return diff;
}

}  // namespace eventlab
