// A small harness: run a workload several times, report the median, print JSON lines.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

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

inline void figure(const std::string& name, double value, const std::string& unit) {
    std::printf("{\"name\": \"%s\", \"value\": %.6g, \"unit\": \"%s\"}\n", name.c_str(), value,
                unit.c_str());
    std::fflush(stdout);
}

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
