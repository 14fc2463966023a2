// `eventlab run` of a 1 ms periodic sender over 500,000 virtual ms to 10 listeners (5M
// deliveries, no trace file: all in JS, 8 in JS and 2 in Rust, all in Rust) against Node's
// EventEmitter doing the same fan-out in a plain script. All are timed as whole processes
// (start-up included), median of several runs.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "bench.h"

namespace eventlab::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kScenarioListeners = 10;
constexpr int kTicks = 500'000;

// The first `js` listeners are JavaScript ones in `main`, the rest Rust ones.
std::string scenario_json(int js) {
    std::string steps;
    std::string expect;
    for (int i = 0; i < kScenarioListeners; ++i) {
        const char* in = i < js ? "main" : "rust";
        steps += R"({"op":"listen","in":")" + std::string(in) + R"(","event":"tick","name":"l)" +
                 std::to_string(i) + "\"},\n";
        expect += (i ? "," : "") + std::string("\"l") + std::to_string(i) +
                  "\":" + std::to_string(kTicks);
    }
    return R"({"windows":["main"],"steps":[)" + steps +
           R"({"op":"periodic_start","id":"p","event":"tick","interval_ms":1,"payload":{"data":"tick {n}"}},
{"op":"advance","ms":)" +
           std::to_string(kTicks) + R"(},
{"op":"expect","calls":{)" +
           expect + "}}]}\n";
}

constexpr const char* kNodeScript = R"(const { EventEmitter } = require('events');
const emitter = new EventEmitter();
const calls = new Array(10).fill(0);
for (let i = 0; i < 10; i++) emitter.on('tick', (payload) => { calls[i] += payload.data.length > 0 ? 1 : 0; });
for (let n = 1; n <= 500000; n++) emitter.emit('tick', { data: `tick ${n}` });
if (calls.some((c) => c !== 500000)) { console.error('miscounted', calls); process.exit(1); }
)";

// One whole process: wall seconds (negative when it failed) and its peak resident memory.
struct Run {
    double seconds = -1;
    double peak_mib = 0;
};

Run run_command(const std::string& command) {
    const std::string line = "exec " + command + " >/dev/null";
    const char* argv[] = {"/bin/sh", "-c", line.c_str(), nullptr};
    const auto start = Clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ) !=
        0)
        return {};
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) return {};
    const double s = seconds_since(start);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
    return {s, static_cast<double>(usage.ru_maxrss) / 1024.0};
}

// Median wall time and median peak memory of several runs of one command.
Run median(const std::vector<Run>& runs) {
    auto middle = [&](double Run::*field) {
        std::vector<double> v;
        v.reserve(runs.size());
        for (const Run& r : runs)
            v.push_back(r.*field);
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    return {middle(&Run::seconds), middle(&Run::peak_mib)};
}

}  // namespace

void bench_run_vs_node(int trials) {
    const fs::path dir = fs::temp_directory_path() / "eventlab-bench-node";
    fs::create_directories(dir);
    std::ofstream(dir / "js.json") << scenario_json(kScenarioListeners);
    std::ofstream(dir / "mixed.json") << scenario_json(8);
    std::ofstream(dir / "rust.json") << scenario_json(0);
    std::ofstream(dir / "emitter.js") << kNodeScript;
    const std::string eventlab = std::string(EVENTLAB_BINARY) + " run --quiet ";
    const std::string js_run = eventlab + (dir / "js.json").string();
    const std::string mixed_run = eventlab + (dir / "mixed.json").string();
    const std::string rust_run = eventlab + (dir / "rust.json").string();
    const std::string node_run = "node " + (dir / "emitter.js").string();
    // Round-robin trials, so load from elsewhere falls on all four alike.
    std::vector<Run> runs[4];
    for (int i = 0; i < trials; ++i) {
        runs[0].push_back(run_command(js_run));
        runs[1].push_back(run_command(mixed_run));
        runs[2].push_back(run_command(rust_run));
        runs[3].push_back(run_command(node_run));
    }
    const Run js = median(runs[0]);
    const Run mixed = median(runs[1]);
    const Run rust = median(runs[2]);
    const Run node = median(runs[3]);
    if (js.seconds < 0 || mixed.seconds < 0 || rust.seconds < 0)
        std::fprintf(stderr, "bench: eventlab run failed\n");
    if (node.seconds < 0) {
        std::fprintf(stderr, "bench: node is not available; no peer figure\n");
        figure("run.periodic_1ms_500000ms_10_js_listeners", js.seconds, "s");
        figure("run.periodic_1ms_500000ms_8_js_2_rust_listeners", mixed.seconds, "s");
        figure("run.periodic_1ms_500000ms_10_rust_listeners", rust.seconds, "s");
    } else {
        figure("peer.node_eventemitter_same_fanout", node.seconds, "s");
        figure("peer.node_eventemitter_same_fanout.peak_mib", node.peak_mib, "MiB");
        compared("run.periodic_1ms_500000ms_10_js_listeners", js.seconds, "s",
                 "peer.node_eventemitter_same_fanout", node.seconds);
        compared("run.periodic_1ms_500000ms_8_js_2_rust_listeners", mixed.seconds, "s",
                 "peer.node_eventemitter_same_fanout", node.seconds);
        compared("run.periodic_1ms_500000ms_10_rust_listeners", rust.seconds, "s",
                 "peer.node_eventemitter_same_fanout", node.seconds);
        compared("run.js_listeners.peak_mib", js.peak_mib, "MiB",
                 "peer.node_eventemitter_same_fanout.peak_mib", node.peak_mib);
    }
    fs::remove_all(dir);
}

#ifndef EVENTLAB_BENCH_GUI
void bench_gui(int /*trials*/, GuiParts /*parts*/) {
    std::fprintf(stderr, "bench: built without the GUI; no frame figures\n");
}
#endif

}  // namespace eventlab::bench
