// Golden-trace comparison: for each emit (in order) what was delivered, with listeners known by
// side, window, event and target rather than by numeric id, so unrelated id shifts don't count.
// The same identities serve the GUI's replay (view/trace/replay.h), which compares a trace's emits
// with what they deliver when sent again into the live session.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/bus/bus.h"
#include "core/trace/trace.h"

namespace eventlab {

struct TraceDiff {
    std::size_t emits_a = 0;
    std::size_t emits_b = 0;
    std::vector<std::string> differences;  // readable, one per line
    bool equal() const { return differences.empty(); }
};

TraceDiff diff_traces(const TraceData& a, const TraceData& b);

// "js listener in main, target AnyLabel{main}, event test-event" / "rust listener, target App,
// event test-event": what a delivery is compared by.
std::string listener_identity(Side side, std::string_view webview, const EventTarget& target,
                              std::string_view event);

// Listener identities by id, learned from listen records (a trace, a live log) or from the
// bus's listeners (those registered before a log was read); names deliver records.
class ListenerNames {
  public:
    void learn(const Record& listen, const Symbols& symbols);
    void learn(const ListenerInfo& info);
    // The identity of a deliver record's listener; "listener #ID" when its listen was not seen.
    std::string name(const Record& deliver) const;

  private:
    std::unordered_map<std::uint32_t, std::string> names_;
};

// "emit_to AnyLabel{main} \"test-event\" from rust": an emit call, as diff_traces compares it.
std::string emit_call_text(const Record& emit, const Symbols& symbols);

// One emit of a trace and the identities of the listeners it was delivered to (sorted).
struct EmitDeliveries {
    std::uint32_t emit = 0;
    std::size_t record = 0;  // index of the emit record in TraceData::records
    std::string call;
    std::vector<std::string> deliveries;
};
std::vector<EmitDeliveries> emit_deliveries(const TraceData& trace);

// Entries of `from` missing in `other` (multiset difference; both sorted).
std::vector<std::string> deliveries_only_in(const std::vector<std::string>& from,
                                            const std::vector<std::string>& other);

}  // namespace eventlab
