// `eventlab export` and `eventlab diff`: traces for other tools and for CI golden checks.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "core/perfetto.h"
#include "core/trace_diff.h"

namespace eventlab::app {
namespace {

std::optional<TraceData> load_or_report(const std::string& path) {
    TraceLoad load = load_trace(path);
    if (!load.data) {
        std::cerr << "eventlab: " << load.error << "\n";
        return std::nullopt;
    }
    for (const auto& warning : load.data->warnings)
        std::cerr << "eventlab: warning: " << warning << "\n";
    return std::move(load.data);
}

// Writes next to the target and renames, so a failure never leaves a half-written output.
bool write_file(const std::string& path, const std::string& text, std::string& error) {
    const std::string temp = path + ".partial";
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (file == nullptr) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const bool closed = std::fclose(file) == 0;
    std::error_code ec;
    if (!written || !closed) {
        error = "cannot write " + path + ": " + std::strerror(errno);
    } else {
        std::filesystem::rename(temp, path, ec);
        if (ec) error = "cannot write " + path + ": " + ec.message();
    }
    if (!error.empty()) std::filesystem::remove(temp, ec);
    return error.empty();
}

}  // namespace

int export_command(const ExportOptions& options) {
    const auto trace = load_or_report(options.trace);
    if (!trace) return 2;
    std::string error;
    if (!write_file(options.output, export_perfetto(*trace), error)) {
        std::cerr << "eventlab: " << error << "\n";
        return 2;
    }
    std::cout << "wrote " << options.output << " (" << trace->records.size()
              << " records; open it in ui.perfetto.dev)\n";
    return 0;
}

int diff_command(const DiffOptions& options) {
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
