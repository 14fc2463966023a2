// `eventlab run`: a scenario on virtual time, a trace if asked, a summary, exit 0/1/2.
#include <filesystem>
#include <iostream>
#include <utility>

#include "app/cli/subcommands.h"
#include "core/scenario/runner.h"
#include "core/trace/trace.h"

namespace eventlab::app {

bool close_trace(Session& session, TraceFileSink& trace, const std::string& path) {
    session.recorder().remove_sink(&trace);
    trace.close();
    if (!trace.failed()) return true;
    std::cerr << "eventlab: writing the trace " << path
              << " failed part way (disk full?); it holds " << trace.records_written()
              << " complete records\n";
    return false;
}

int run_subcommand(const RunOptions& options) {
    const ScenarioParse parse = load_scenario(options.scenario);
    for (const auto& warning : parse.warnings())
        std::cerr << "eventlab: warning: " << warning << "\n";
    if (!parse.ok()) {
        // Unusable input: nothing has been opened for writing yet, so no output is touched.
        std::cerr << "eventlab: " << parse.error() << "\n";
        return 2;
    }
    const BusConfig config =
        resolve_config(*parse, RunSettings{options.mode, options.order, options.seed});
    Session session(config);

    std::shared_ptr<TraceFileSink> trace;
    std::error_code same_error;
    if (!options.trace.empty() &&
        std::filesystem::equivalent(options.trace, options.scenario, same_error)) {
        std::cerr << "eventlab: --trace " << options.trace
                  << " is the scenario itself; writing the trace would destroy it\n";
        return 2;
    }
    if (!options.trace.empty()) {
        // Virtual time and nothing else waiting on the bus: the trace waits for the disk rather
        // than drop a record, so the same input gives the same file, byte for byte.
        TraceSinkOptions sink_options;
        sink_options.when_behind = WhenBehind::Wait;
        auto opened = TraceFileSink::open(options.trace,
                                          {kTraceVersion, config.mode, config.order, config.seed},
                                          0, std::move(sink_options));
        if (!opened) {
            std::cerr << "eventlab: " << opened.error() << "\n";
            return 2;
        }
        trace = std::move(*opened);
        session.recorder().add_sink(trace);
    }

    const RunReport report = run_scenario(session, *parse);
    std::size_t failed = 0;
    for (const auto& outcome : report.outcomes)
        failed += outcome.ok ? 0 : 1;

    if (trace) {
        if (!close_trace(session, *trace, options.trace)) return 2;
    }
    if (!options.quiet) {
        std::cout << format_summary(report, options.scenario, config);
        if (trace) {
            std::cout << "  trace: " << options.trace << " (" << trace->records_written()
                      << " records)\n";
        }
    } else {
        for (const auto& o : report.outcomes) {
            if (!o.ok) std::cerr << "FAIL " << o.path << ": " << o.message << "\n";
        }
    }
    return failed > 0 ? 1 : 0;
}

}  // namespace eventlab::app
