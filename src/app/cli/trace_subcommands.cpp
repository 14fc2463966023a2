// `eventlab export` and `eventlab diff`: traces for other tools and for CI golden checks.
#include <iostream>

#include "app/cli/subcommands.h"
#include "core/trace/perfetto.h"
#include "core/trace/trace_diff.h"

namespace eventlab::app {
namespace {

std::optional<TraceData> load_or_report(const std::string& path) {
    TraceLoad load = load_trace(path);
    if (!load.ok()) {
        std::cerr << "eventlab: " << load.error() << "\n";
        return std::nullopt;
    }
    for (const auto& warning : load.warnings())
        std::cerr << "eventlab: warning: " << warning << "\n";
    return std::move(*load);
}

}  // namespace

int export_subcommand(const ExportOptions& options) {
    const auto trace = load_or_report(options.trace);
    if (!trace) return 2;
    // Streamed to the file: a million records need no more memory than ten.
    const ExportResult result = export_perfetto_file(*trace, options.output);
    if (result.end != ExportEnd::Done) {
        std::cerr << "eventlab: " << result.error << "\n";
        return 2;
    }
    std::cout << "wrote " << options.output << " (" << trace->records.size()
              << " records; open it in ui.perfetto.dev)\n";
    return 0;
}

int diff_subcommand(const DiffOptions& options) {
    const auto a = load_or_report(options.a);
    if (!a) return 2;
    const auto b = load_or_report(options.b);
    if (!b) return 2;
    const TraceDiff diff = diff_traces(*a, *b);
    if (diff.equal()) {
        std::cout << "same deliveries for all " << diff.emits_a << " emits\n";
        return 0;
    }
    std::cout << "A: " << options.a << "\nB: " << options.b << "\n";
    for (const auto& line : diff.differences)
        std::cout << line << "\n";
    std::cout << diff.differences.size() << " difference"
              << (diff.differences.size() == 1 ? "" : "s") << "\n";
    return 1;
}

}  // namespace eventlab::app
