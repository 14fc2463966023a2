#include "core/trace/trace_diff.h"

#include <algorithm>
#include <iterator>

namespace eventlab {

std::string listener_identity(Side side, std::string_view webview, const EventTarget& target,
                              std::string_view event) {
    std::string who =
        side == Side::Rust ? "rust listener" : "js listener in " + std::string(webview);
    return who + ", target " + describe(target) + ", event " + std::string(event);
}

void ListenerNames::learn(const Record& listen, const Symbols& symbols) {
    names_[listen.listener] =
        listener_identity(listen.side(), symbols.view(listen.in), record_target(listen, symbols),
                          symbols.view(listen.event));
}

void ListenerNames::learn(const ListenerInfo& info) {
    names_[info.id] = listener_identity(info.side, info.webview, info.target, info.event);
}

std::string ListenerNames::name(const Record& deliver) const {
    auto it = names_.find(deliver.listener);
    return it != names_.end() ? it->second : "listener #" + std::to_string(deliver.listener);
}

std::string emit_call_text(const Record& emit, const Symbols& symbols) {
    std::string call(to_string(static_cast<EmitApi>(emit.code)));
    if (emit.has(flag::kHasTarget)) call += " " + describe(record_target(emit, symbols));
    if (emit.text) call += " " + *emit.text;
    return call + " \"" + std::string(symbols.view(emit.event)) + "\" from " +
           record_source(emit, symbols);
}

std::vector<EmitDeliveries> emit_deliveries(const TraceData& trace) {
    const Symbols& symbols = *trace.symbols;
    ListenerNames names;
    std::vector<EmitDeliveries> emits;
    std::unordered_map<std::uint32_t, std::size_t> index;
    for (std::size_t i = 0; i < trace.records.size(); ++i) {
        const Record& r = trace.records[i];
        if (r.type == RecordType::Listen) {
            names.learn(r, symbols);
        } else if (r.type == RecordType::Emit) {
            index[r.emit] = emits.size();
            emits.push_back({r.emit, i, emit_call_text(r, symbols), {}});
        } else if (r.type == RecordType::Deliver) {
            auto at = index.find(r.emit);
            if (at == index.end()) continue;
            emits[at->second].deliveries.push_back(names.name(r));
        }
    }
    for (EmitDeliveries& e : emits)
        std::sort(e.deliveries.begin(), e.deliveries.end());
    return emits;
}

std::vector<std::string> deliveries_only_in(const std::vector<std::string>& from,
                                            const std::vector<std::string>& other) {
    std::vector<std::string> out;
    std::set_difference(from.begin(), from.end(), other.begin(), other.end(),
                        std::back_inserter(out));
    return out;
}

TraceDiff diff_traces(const TraceData& a, const TraceData& b) {
    const std::vector<EmitDeliveries> left = emit_deliveries(a);
    const std::vector<EmitDeliveries> right = emit_deliveries(b);
    TraceDiff diff;
    diff.emits_a = left.size();
    diff.emits_b = right.size();
    const std::size_t common = std::min(left.size(), right.size());
    for (std::size_t i = 0; i < common; ++i) {
        const EmitDeliveries& x = left[i];
        const EmitDeliveries& y = right[i];
        const std::string head = "emit " + std::to_string(i + 1) + " (" + x.call + ")";
        if (x.call != y.call) {
            diff.differences.push_back(head + ": B made a different call: " + y.call);
            continue;
        }
        for (const auto& who : deliveries_only_in(x.deliveries, y.deliveries)) {
            diff.differences.push_back(head + ": delivered in A only: " + who);
        }
        for (const auto& who : deliveries_only_in(y.deliveries, x.deliveries)) {
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
