#include "bench.h"
namespace eventlab::bench {
void bench_threads(int) {}
void bench_log_memory() {}
void bench_traces(int) {}
void bench_run_vs_node(int) {}
#ifndef EVENTLAB_BENCH_GUI
void bench_gui(int) {}
#endif
}  // namespace eventlab::bench
