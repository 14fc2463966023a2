// eventlab-bench [GROUP...]: every group by default; --help lists the groups (dispatch, threads,
// memory, traces, node, gui or one part of it), and an unknown one is refused. Figures are
// medians over several trials on this machine.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "bench.h"

namespace eventlab::bench {
namespace {

std::size_t status_field(const char* key) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(key, 0) == 0) return std::stoull(line.substr(std::strlen(key))) * 1024;
    }
    return 0;
}

}  // namespace

void print_machine() {
    std::string cpu = "unknown";
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    }
    double load[3] = {};
    if (getloadavg(load, 3) != 3) load[0] = load[1] = load[2] = -1;
    std::printf(
        "{\"machine\": {\"cpu\": \"%s\", \"cores\": %u, \"load_average\": [%.2f, %.2f, "
        "%.2f]}}\n",
        cpu.c_str(), std::thread::hardware_concurrency(), load[0], load[1], load[2]);
    std::fflush(stdout);
}

std::size_t peak_rss_bytes() {
    return status_field("VmHWM:");
}
std::size_t current_rss_bytes() {
    return status_field("VmRSS:");
}

}  // namespace eventlab::bench

namespace {

constexpr const char* kGroups[] = {"node",        "dispatch",    "threads",    "memory",
                                   "traces",      "gui",         "gui-frames", "gui-flood",
                                   "gui-process", "gui-session", "gui-windows"};

void print_usage(std::FILE* to) {
    std::fprintf(to,
                 "usage: eventlab-bench [GROUP...]\nruns every group when none is named; groups:");
    for (const char* group : kGroups)
        std::fprintf(to, " %s", group);
    std::fprintf(to, "\nprints one JSON line per figure, each beside its peer where it has one\n");
}

}  // namespace

int main(int argc, char** argv) {
    using namespace eventlab::bench;
    // A misspelt group would otherwise run nothing and look like a quiet success.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return 0;
        }
        bool known = false;
        for (const char* group : kGroups)
            known = known || std::strcmp(argv[i], group) == 0;
        if (!known) {
            std::fprintf(stderr, "eventlab-bench: unknown group '%s'\n", argv[i]);
            print_usage(stderr);
            return 2;
        }
    }
    const int trials = 5;
    print_machine();
    auto wanted = [&](const char* group) {
        if (argc < 2) return true;
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], group) == 0) return true;
        }
        return false;
    };
    // First, while this process is small: a spawned child's peak memory (ru_maxrss) counts the
    // memory of this process it shared before its exec, so later it would read as ours.
    if (wanted("node")) bench_run_vs_node(trials);
    if (wanted("dispatch")) bench_dispatch(trials);
    if (wanted("threads")) bench_threads(trials);
    if (wanted("memory")) bench_log_memory();
    if (wanted("traces")) bench_traces(trials);
    const bool all_gui = wanted("gui");
    const GuiParts gui{all_gui || wanted("gui-frames"), all_gui || wanted("gui-flood"),
                       all_gui || wanted("gui-process"), all_gui || wanted("gui-session"),
                       all_gui || wanted("gui-windows")};
    if (gui.frames || gui.flood || gui.process || gui.session || gui.windows) {
        bench_gui(trials, gui);
    }
    return 0;
}
