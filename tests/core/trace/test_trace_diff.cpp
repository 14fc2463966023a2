// `eventlab diff`: what each emit delivered, compared as a set of listeners (Tauri runs the
// handlers of one emit in a hash map's order, so an oracle trace from the real app and a run
// trace differ in order and must still compare equal), but a listener delivered to twice is not
// the same as once.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/trace/trace_diff.h"
#include "trace_fixture.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

// Three Rust handlers and three JS listeners (two in main) of one event, emitted twice.
const char* const kScenario = R"({
  "order": "%ORDER%", "seed": 7,
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "rust", "event": "sync"},
    {"op": "listen", "in": "rust", "event": "sync", "target": {"kind": "Any"}},
    {"op": "listen", "in": "rust", "event": "sync", "target": {"kind": "Window", "label": "main"}},
    {"op": "listen", "in": "main", "event": "sync"},
    {"op": "listen", "in": "main", "event": "sync", "target": "main"},
    {"op": "listen", "in": "settings", "event": "sync"},
    {"op": "emit", "event": "sync", "payload": 1},
    {"op": "emit", "event": "sync", "payload": 2}
  ]
})";

std::string scenario(const std::string& order) {
    std::string text = kScenario;
    text.replace(text.find("%ORDER%"), 7, order);
    return text;
}

// The listener ids of the deliver records, in trace order.
std::vector<std::uint32_t> delivery_order(const TraceData& trace) {
    std::vector<std::uint32_t> ids;
    for (const Record& r : trace.records) {
        if (r.type == RecordType::Deliver) ids.push_back(r.listener);
    }
    return ids;
}

}  // namespace

TEST_CASE("diff: the handlers of one emit in another order are the same deliveries") {
    const TraceData registration = test::trace_of(scenario("registration"));
    const TraceData shuffled = test::trace_of(scenario("random"));
    // The two runs did deliver in different orders, within the webview main and across sides.
    REQUIRE(delivery_order(registration).size() == 12);
    REQUIRE(delivery_order(registration) != delivery_order(shuffled));
    const TraceDiff diff = diff_traces(registration, shuffled);
    CHECK(diff.equal());
    CHECK(diff.emits_a == 2);
}

TEST_CASE("diff: a listener delivered to twice is not the same as once") {
    // Without cleanup StrictMode leaves two listeners of one identity in main; with it, one.
    const auto strict = [](bool cleanup) {
        return test::trace_of(std::string(R"({"windows": ["main"], "steps": [
          {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "e"}],
           "strict": true, "cleanup": )") +
                              (cleanup ? "true" : "false") + R"(},
          {"op": "emit", "event": "e"}]})");
    };
    const TraceDiff diff = diff_traces(strict(false), strict(true));
    REQUIRE(diff.differences.size() == 1);
    CHECK(diff.differences[0] ==
          "emit 1 (emit \"e\" from rust): delivered in A only: js listener in main, target Any, "
          "event e");
}
