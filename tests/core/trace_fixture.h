// Shared by the trace suites (replay, trace listeners): a scenario run into a TraceData exactly
// as `eventlab run --trace` writes and load_trace reads it, and a scenario into a RecordLog.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/record/record_log.h"
#include "core/scenario/runner.h"
#include "core/trace/trace.h"

namespace eventlab::test {

// Collects the trace text a run writes, as TraceFileSink would (seq and t_us as recorded).
class TraceTextSink final : public RecordSink {
  public:
    void write(const Record& record, const Symbols& symbols) override {
        append_record_json(text, record, symbols);
        text += '\n';
    }
    std::string text;
};

// A loaded trace written back as trace text (header line, one record per line), to compare with
// the text it was loaded from.
inline std::string rewrite(const TraceData& data) {
    std::string out = trace_header_line(data.header) + "\n";
    for (const Record& r : data.records) {
        append_record_json(out, r, *data.symbols);
        out += '\n';
    }
    return out;
}

inline Scenario scenario_of(const std::string& json) {
    ScenarioParse parse = parse_scenario(json, "test.json");
    REQUIRE_MESSAGE(parse.ok(), parse.error());
    return std::move(*parse);
}

// Runs the scenario headless and reads its trace back with parse_trace.
inline TraceData trace_of(const std::string& scenario_json) {
    const Scenario scenario = scenario_of(scenario_json);
    const BusConfig config = resolve_config(scenario, {});
    Session session(config);
    auto sink = std::make_shared<TraceTextSink>();
    session.recorder().add_sink(sink);
    run_scenario(session, scenario);
    session.recorder().remove_sink(sink.get());
    const std::string text =
        trace_header_line({kTraceVersion, config.mode, config.order, config.seed}) + "\n" +
        sink->text;
    TraceLoad load = parse_trace(text, "test.jsonl");
    REQUIRE_MESSAGE(load.ok(), load.error());
    return std::move(*load);
}

}  // namespace eventlab::test
