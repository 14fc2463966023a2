// A small harness: run a workload several times, report the median, print JSON lines.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/bus/bus.h"

namespace eventlab::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Median of `trials` runs of `run`, which returns the measured value of one trial.
inline double median_of(int trials, const std::function<double()>& run) {
    std::vector<double> values;
    for (int i = 0; i < trials; ++i)
        values.push_back(run());
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Medians of two workloads whose trials alternate (a, b, a, b, ...), so that a burst of load
// from elsewhere on a shared machine falls on both sides of a ratio instead of on one.
struct Pair {
    double a = 0;
    double b = 0;
};
inline Pair paired_medians(int trials, const std::function<double()>& run_a,
                           const std::function<double()>& run_b) {
    std::vector<double> a;
    std::vector<double> b;
    for (int i = 0; i < trials; ++i) {
        a.push_back(run_a());
        b.push_back(run_b());
    }
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return {a[a.size() / 2], b[b.size() / 2]};
}

inline void figure(const std::string& name, double value, const std::string& unit) {
    std::printf("{\"name\": \"%s\", \"value\": %.6g, \"unit\": \"%s\"}\n", name.c_str(), value,
                unit.c_str());
    std::fflush(stdout);
}

// A figure beside its peer measured in the same run: on a shared, noisy machine only the ratio
// means something from one run to the next. `ratio` is value / peer_value, so for times lower is
// better and for rates higher is better.
inline void compared(const std::string& name, double value, const std::string& unit,
                     const std::string& peer, double peer_value) {
    std::printf(
        "{\"name\": \"%s\", \"value\": %.6g, \"unit\": \"%s\", \"peer\": \"%s\", "
        "\"peer_value\": %.6g, \"ratio\": %.4g}\n",
        name.c_str(), value, unit.c_str(), peer.c_str(), peer_value,
        peer_value != 0 ? value / peer_value : 0.0);
    std::fflush(stdout);
}

// A setup step or an emit a figure relies on: a refusal would make the figure measure
// something else, so it is said on stderr beside the figures.
inline void must(const OpResult& result) {
    if (!result.ok) std::fprintf(stderr, "bench: refused: %s\n", result.error.c_str());
}

// One line before the figures: what the machine is and what it was doing when the run started.
void print_machine();

// Peak resident memory of this process so far, in bytes (VmHWM).
std::size_t peak_rss_bytes();
std::size_t current_rss_bytes();

// Benchmark groups, each in its own file.
void bench_dispatch(int trials);
void bench_threads(int trials);
void bench_log_memory();
void bench_traces(int trials);
void bench_run_vs_node(int trials);
struct GuiParts {
    bool frames = true;   // frame build and filter changes over a 1M-row log
    bool flood = true;    // 100k events/s for 10 s
    bool process = true;  // the real binary: startup and idle CPU (needs a display)
    bool session = true;  // a long session: 1M listeners and 10k closed windows
    bool windows = true;  // 200 windows with 10k listeners, beside 8 windows
};
void bench_gui(int trials, GuiParts parts);

}  // namespace eventlab::bench
