// `eventlab run` of a 1 ms periodic sender over 500,000 virtual ms to 10 listeners (5M
// deliveries, no trace file) against Node's EventEmitter doing the same fan-out in a plain
// script. Both are timed as whole processes (start-up included), median of several runs.
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "bench.h"

namespace eventlab::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kListeners = 10;
constexpr int kTicks = 500'000;

std::string scenario_json(const std::string& in) {
    std::string steps;
    std::string expect;
    for (int i = 0; i < kListeners; ++i) {
        steps += R"({"op":"listen","in":")" + in + R"(","event":"tick","name":"l)" +
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

// Wall seconds of one whole process, or a negative value when it failed.
double time_command(const std::string& command) {
    const auto start = Clock::now();
    const int status = std::system((command + " >/dev/null").c_str());
    const double s = seconds_since(start);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? s : -1.0;
}

}  // namespace

void bench_run_vs_node(int trials) {
    const fs::path dir = fs::temp_directory_path() / "eventlab-bench-node";
    fs::create_directories(dir);
    std::ofstream(dir / "js.json") << scenario_json("main");
    std::ofstream(dir / "rust.json") << scenario_json("rust");
    std::ofstream(dir / "emitter.js") << kNodeScript;
    const std::string eventlab = std::string(EVENTLAB_BINARY) + " run --quiet ";
    const double js =
        median_of(trials, [&] { return time_command(eventlab + (dir / "js.json").string()); });
    const double rust =
        median_of(trials, [&] { return time_command(eventlab + (dir / "rust.json").string()); });
    const double node =
        median_of(trials, [&] { return time_command("node " + (dir / "emitter.js").string()); });
    figure("run.periodic_1ms_500000ms_10_js_listeners", js, "s");
    figure("run.periodic_1ms_500000ms_10_rust_listeners", rust, "s");
    if (node < 0) {
        std::fprintf(stderr, "bench: node is not available; no peer figure\n");
    } else {
        figure("peer.node_eventemitter_same_fanout", node, "s");
        figure("run.js_listeners.ratio_to_node", js / node, "x");
        figure("run.rust_listeners.ratio_to_node", rust / node, "x");
    }
    fs::remove_all(dir);
}

#ifndef EVENTLAB_BENCH_GUI
void bench_gui(int /*trials*/, GuiParts /*parts*/) {
    std::fprintf(stderr, "bench: built without the GUI; no frame figures\n");
}
#endif

}  // namespace eventlab::bench
