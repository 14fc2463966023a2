// GUI figures: frame build time with 8 windows and a 1M-row filtered log, the cost of changing
// the filter over 1M rows (spread over frames), a 100k events/s flood, and for the real binary
// (when a display is available) idle CPU and the time to the first frame; and the frame of a long
// session (1M listeners, 10k closed windows), whose cost must not grow with what it holds; and
// the frame with 200 windows and 10k listeners beside the same frame with 8 windows.
#include <imgui.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "bench.h"
#include "core/scenario/runner.h"
#include "core/scenario/scenario.h"
#include "ui/app_ui.h"
#include "ui/headless.h"
#include "view/workbench.h"

namespace eventlab::bench {
namespace {

// A bare ImGui context: the frame is built exactly as in the app, only not rasterized by GL.
using Headless = ui::HeadlessContext;

Scenario eight_windows() {
    std::string windows;
    std::string steps;
    for (int i = 1; i <= 8; ++i) {
        const std::string label = "w" + std::to_string(i);
        if (i > 1) windows += ",";
        windows += "\"" + label + "\"";
        steps += R"({"op":"listen","in":")" + label + R"(","event":"test-event"},)";
        steps += R"({"op":"listen","in":")" + label;
        steps += R"(","event":"test-event","target":")" + label + "\"},";
    }
    steps += R"({"op":"listen","in":"rust","event":"test-event"})";
    auto parse =
        parse_scenario(R"({"windows":[)" + windows + R"(],"steps":[)" + steps + "]}", "bench");
    return std::move(*parse);
}

// `count` windows w1..wN, each with `per_window` JS listeners of events e0..e{per_window-1}.
Scenario many_windows(int count, int per_window) {
    std::string windows;
    std::string steps;
    for (int i = 1; i <= count; ++i) {
        const std::string label = "w" + std::to_string(i);
        windows += (i > 1 ? ",\"" : "\"") + label + "\"";
        for (int l = 0; l < per_window; ++l) {
            steps +=
                R"({"op":"listen","in":")" + label + R"(","event":"e)" + std::to_string(l) + "\"},";
        }
    }
    steps += R"({"op":"listen","in":"rust","event":"e0"})";
    auto parse =
        parse_scenario(R"({"windows":[)" + windows + R"(],"steps":[)" + steps + "]}", "bench");
    return std::move(*parse);
}

// This thread's CPU time in seconds: unlike the wall clock, it leaves out the time the thread
// waited for a core on a machine shared with other work.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Seconds one frame takes: pump the webviews as the app does (its share), then build
// the ImGui frame. `cpu`: the CPU time of it.
double frame(Headless& imgui, Workbench& bench, ui::AppUi& ui, double* cpu = nullptr) {
    const double cpu_start = thread_cpu_seconds();
    const auto start = Clock::now();
    bench.pump_for(Workbench::kFramePumpBudget);
    imgui.frame([&] { ui.draw(); });
    const double wall = seconds_since(start);
    if (cpu != nullptr) *cpu = thread_cpu_seconds() - cpu_start;
    return wall;
}

void fill_log(Workbench& bench, std::uint64_t records) {
    const Text payload = make_text(R"({"data":"tick"})");
    while (bench.log().end() < records) {
        for (int i = 0; i < 256; ++i)
            must(bench.session().bus().emit("test-event", payload, Source::rust()));
        bench.pump(SIZE_MAX);
    }
}

void frame_figures(int trials) {
    Headless imgui;
    Workbench bench;
    bench.open(eight_windows(), "bench", BusConfig{});
    fill_log(bench, 1'000'000);
    ui::AppUi ui(bench, nullptr);
    // A filter on: the index catches up over several frames; none may take long.
    ui.context().log_filter_request = "w3";
    double worst_catch_up = 0;
    double worst_catch_up_cpu = 0;
    for (int i = 0; i < 120; ++i) {
        double cpu = 0;
        worst_catch_up = std::max(worst_catch_up, frame(imgui, bench, ui, &cpu));
        worst_catch_up_cpu = std::max(worst_catch_up_cpu, cpu);
    }
    const double steady = median_of(trials, [&] {
        std::vector<double> frames;
        frames.reserve(60);
        for (int i = 0; i < 60; ++i)
            frames.push_back(frame(imgui, bench, ui));
        std::sort(frames.begin(), frames.end());
        return frames[frames.size() / 2];
    });
    // Change the filter: the rescan over 1M rows is spread over frames.
    ui.context().log_filter_request = "w5";
    double rescan_total = 0;
    double rescan_worst = 0;
    for (int i = 0; i < 120; ++i) {
        const double s = frame(imgui, bench, ui);
        rescan_total += s;
        rescan_worst = std::max(rescan_worst, s);
    }
    // Beside the steady frame of the same log and filter: what catching up adds to a frame.
    const std::string peer = "gui.frame_build.8_windows_1M_rows_filtered.median_ms";
    figure(peer, steady * 1e3, "ms");
    compared("gui.filter_change_1M_rows.total_over_frames_ms", rescan_total * 1e3, "ms", peer,
             steady * 1e3);
    compared("gui.filter_change_1M_rows.worst_frame_ms", rescan_worst * 1e3, "ms", peer,
             steady * 1e3);
    compared("gui.first_filter_1M_rows.worst_frame_ms", worst_catch_up * 1e3, "ms", peer,
             steady * 1e3);
    // Its CPU time: the frame's own cost, without the waits for a core of a busy machine.
    compared("gui.first_filter_1M_rows.worst_frame_cpu_ms", worst_catch_up_cpu * 1e3, "ms", peer,
             steady * 1e3);
}

// The ImGui part of a frame alone (the webviews are pumped first, untimed): what the panels
// cost to build, which is what grows with the windows shown. `cpu`: the CPU time of it.
double frame_build(Headless& imgui, Workbench& bench, ui::AppUi& ui, double* cpu = nullptr) {
    bench.pump_for(Workbench::kFramePumpBudget);
    const double cpu_start = thread_cpu_seconds();
    const auto start = Clock::now();
    imgui.frame([&] { ui.draw(); });
    const double wall = seconds_since(start);
    if (cpu != nullptr) *cpu = thread_cpu_seconds() - cpu_start;
    return wall;
}

// `count` windows with `per_window` listeners each, drawn headless, w1's tile open as in use.
class WindowsRig {
  public:
    WindowsRig(int count, int per_window) {
        imgui_.use();
        bench_.open(many_windows(count, per_window), "bench", BusConfig{});
        ui_ = std::make_unique<ui::AppUi>(bench_, nullptr);
        ui_->context().requests.focus_window_step = 1;
        for (int i = 0; i < 20; ++i)
            frame_build(imgui_, bench_, *ui_);  // first frames: layout, snapshots
    }
    // The median frame of `frames`, each after an emit that reaches every window when
    // `ticking`; every frame's wall and CPU time is kept in `all` and `all_cpu`.
    double frames(int frames, bool ticking, std::vector<double>* all = nullptr,
                  std::vector<double>* all_cpu = nullptr) {
        imgui_.use();
        const Text payload = make_text(R"({"data":"tick"})");
        std::vector<double> times;
        for (int i = 0; i < frames; ++i) {
            if (ticking)
                must(bench_.session().bus().emit("e0", payload, Source::periodic("bench")));
            double cpu = 0;
            times.push_back(frame_build(imgui_, bench_, *ui_, &cpu));
            if (all_cpu != nullptr) all_cpu->push_back(cpu);
        }
        if (all != nullptr) all->insert(all->end(), times.begin(), times.end());
        std::sort(times.begin(), times.end());
        return times[times.size() / 2];
    }

    ~WindowsRig() { imgui_.use(); }  // the UI goes in its own context
    WindowsRig(const WindowsRig&) = delete;
    WindowsRig& operator=(const WindowsRig&) = delete;

  private:
    Headless imgui_;
    Workbench bench_;
    std::unique_ptr<ui::AppUi> ui_;
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1,
                           static_cast<std::size_t>(static_cast<double>(values.size()) * p))];
}

// 200 windows with 50 listeners each (10k) against the 8 windows of the other figures, in the
// same run, their trials taking turns, so the ratio is what the grid and the overview cost at
// scale. The ticking frames run long enough (trials × 2 s at 60 frames) to include the panels'
// periodic refreshes (the windows' counts ten times a second, the lifecycle bar twice).
void windows_figures(int trials) {
    WindowsRig eight(8, 2);
    WindowsRig many(200, 50);
    const Pair idle = paired_medians(
        trials, [&] { return eight.frames(60, false); }, [&] { return many.frames(60, false); });
    std::vector<double> eight_all;
    std::vector<double> many_all;
    std::vector<double> eight_cpu;
    std::vector<double> many_cpu;
    const Pair ticking = paired_medians(
        trials, [&] { return eight.frames(120, true, &eight_all, &eight_cpu); },
        [&] { return many.frames(120, true, &many_all, &many_cpu); });
    const std::string eight_name = "gui.frame_build.8_windows.";
    const std::string many_name = "gui.frame_build.200_windows_10k_listeners.";
    figure(eight_name + "idle.median_ms", idle.a * 1e3, "ms");
    compared(many_name + "idle.median_ms", idle.b * 1e3, "ms", eight_name + "idle.median_ms",
             idle.a * 1e3);
    figure("gui.frame_build.200_vs_8_windows.idle.ratio", idle.b / idle.a, "x");
    figure(eight_name + "ticking.median_ms", ticking.a * 1e3, "ms");
    compared(many_name + "ticking.median_ms", ticking.b * 1e3, "ms",
             eight_name + "ticking.median_ms", ticking.a * 1e3);
    compared(many_name + "ticking.p95_ms", percentile(many_all, 0.95) * 1e3, "ms",
             eight_name + "ticking.p95_ms", percentile(eight_all, 0.95) * 1e3);
    compared(many_name + "ticking.max_ms", percentile(many_all, 1.0) * 1e3, "ms",
             eight_name + "ticking.max_ms", percentile(eight_all, 1.0) * 1e3);
    figure("gui.frame_build.200_vs_8_windows.ticking.ratio", ticking.b / ticking.a, "x");
    // The worst frame's CPU time: what the frame itself cost, without the waits for a core that
    // a busy machine adds to the wall-clock worst frame of either side.
    compared(many_name + "ticking.max_cpu_ms", percentile(many_cpu, 1.0) * 1e3, "ms",
             eight_name + "ticking.max_cpu_ms", percentile(eight_cpu, 1.0) * 1e3);
}

// A session that has been used for a long time: 10k windows opened and closed, 1M listeners
// (Rust, so the Backend panel lists them all). Nothing changes between frames, so a frame
// should cost what it costs for a fresh session.
void session_figures(int trials) {
    Headless imgui;
    Workbench bench;
    bench.open(eight_windows(), "bench", BusConfig{});
    EventBus& bus = bench.session().bus();
    for (int i = 0; i < 10'000; ++i) {
        const std::string label = "closed-" + std::to_string(i);
        must(bus.create_window(label, false));
        must(bus.destroy_window(label));
    }
    for (int i = 0; i < 1'000'000; ++i)
        must(bus.listen("test-event", EventTarget::app(), [](const Event&) {}));
    ui::AppUi ui(bench, nullptr);
    for (int i = 0; i < 10; ++i)
        frame(imgui, bench, ui);  // first frames: layout, snapshots
    const double steady = median_of(trials, [&] {
        std::vector<double> frames;
        frames.reserve(30);
        for (int i = 0; i < 30; ++i)
            frames.push_back(frame(imgui, bench, ui));
        std::sort(frames.begin(), frames.end());
        return frames[frames.size() / 2];
    });
    // The peer: what the frame paid before the snapshot, when the Backend panel and the status
    // bar copied the listeners and every window (closed ones too) each frame.
    const double copies = median_of(trials, [&] {
        const auto start = Clock::now();
        std::size_t rust = 0;
        for (const ListenerInfo& l : bus.listeners())
            rust += l.side == Side::Rust ? 1 : 0;
        std::size_t alive = 0;
        for (int i = 0; i < 2; ++i) {
            for (const WindowInfo& w : bus.windows())
                alive += w.alive ? 1 : 0;
        }
        const double s = seconds_since(start);
        if (rust + alive == 0) std::abort();  // keeps the copies from being optimized away
        return s;
    });
    figure("gui.frame_build.1M_listeners_10k_closed_windows.median_ms", steady * 1e3, "ms");
    figure("peer.per_frame_bus_copies.1M_listeners_10k_closed_windows_ms", copies * 1e3, "ms");
}

void flood_figures() {
    Headless imgui;
    Workbench bench;
    bench.open(eight_windows(), "bench", BusConfig{});
    ui::AppUi ui(bench, nullptr);
    constexpr int kProducers = 4;
    constexpr int kRatePerProducer = 25'000;  // 100k events/s in all
    constexpr double kSeconds = 10.0;
    std::atomic<bool> stop{false};
    std::vector<std::thread> producers;
    producers.reserve(kProducers);
    const Text payload = make_text(R"({"data":"flood"})");
    for (int p = 0; p < kProducers; ++p) {
        producers.emplace_back([&] {
            auto next = Clock::now();
            while (!stop.load()) {
                // 25 events per millisecond, paced on a fixed grid.
                for (int i = 0; i < kRatePerProducer / 1000; ++i) {
                    must(bench.session().bus().emit("test-event", payload,
                                                    Source::periodic("flood")));
                }
                next += std::chrono::milliseconds(1);
                std::this_thread::sleep_until(next);
            }
        });
    }
    const auto start = Clock::now();
    double worst_second_fps = 1e9;
    std::size_t rss_at_5s = 0;
    int frames_this_second = 0;
    auto second_start = start;
    while (seconds_since(start) < kSeconds) {
        frame(imgui, bench, ui);
        ++frames_this_second;
        if (seconds_since(second_start) >= 1.0) {
            worst_second_fps =
                std::min(worst_second_fps, frames_this_second / seconds_since(second_start));
            frames_this_second = 0;
            second_start = Clock::now();
        }
        if (rss_at_5s == 0 && seconds_since(start) >= 5.0) rss_at_5s = current_rss_bytes();
    }
    stop = true;
    const BusCounters counters = bench.session().bus().counters();
    const std::uint64_t emits = counters.emits;
    for (auto& t : producers)
        t.join();
    const std::size_t rss_end = current_rss_bytes();
    figure("gui.flood.events_per_s_sent", static_cast<double>(emits) / kSeconds, "events/s");
    figure("gui.flood.worst_second_fps", worst_second_fps, "frames/s");
    // What the webviews had not yet run when the flood stopped (their queues' backlog).
    figure("gui.flood.js_deliveries_queued_at_end", static_cast<double>(counters.queued_js),
           "deliveries");
    figure("gui.flood.rss_growth_5s_to_10s",
           (static_cast<double>(rss_end) - static_cast<double>(rss_at_5s)) / 1e6, "MB");
}

// Wall time of a command, or -1 when it failed.
double time_command(const std::string& command) {
    const auto start = Clock::now();
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? seconds_since(start) : -1.0;
}

void process_figures(int trials) {
    if (std::getenv("DISPLAY") == nullptr) {
        std::fprintf(stderr, "bench: no DISPLAY (run under xvfb-run): no idle/startup figures\n");
        return;
    }
    // Start-up to first frame: open the default workspace, draw and present one frame, exit.
    // The exit is included, so this bounds the figure from above.
    // Beside a bare GLFW + ImGui window's first frame, the two taking turns.
    const auto inspector = [] {
        return time_command(std::string(EVENTLAB_BINARY) + " --frames 1");
    };
    const Pair startup =
        paired_medians(trials, inspector, [] { return time_command(EVENTLAB_BARE_WINDOW); });
    compared("gui.startup_to_first_frame_ms", startup.a * 1e3, "ms",
             "peer.bare_glfw_imgui_window.startup_to_first_frame_ms", startup.b * 1e3);
    // Beside the same bare window filling its OS window: under a software rasteriser a first
    // frame of a whole window of pixels costs more than the small window's, whoever draws it.
    const Pair filled = paired_medians(trials, inspector, [] {
        return time_command(std::string(EVENTLAB_BARE_WINDOW) + " --fill");
    });
    compared("gui.startup_to_first_frame_ms.vs_filled_window", filled.a * 1e3, "ms",
             "peer.bare_glfw_imgui_window_filled.startup_to_first_frame_ms", filled.b * 1e3);
    // Idle: start the inspector, let it settle, then read its CPU time over 5 s.
    const std::string script = "/tmp/eventlab-bench-idle.sh";
    {
        std::FILE* f = std::fopen(script.c_str(), "w");
        if (f == nullptr) return;
        std::fprintf(f,
                     "\"%s\" & pid=$!\nsleep 2\n"
                     "a=$(awk '{print $14+$15}' /proc/$pid/stat)\nsleep 5\n"
                     "b=$(awk '{print $14+$15}' /proc/$pid/stat)\nkill $pid\necho $((b - a))\n",
                     EVENTLAB_BINARY);
        std::fclose(f);
    }
    FILE* pipe = popen(("sh " + script).c_str(), "r");
    long ticks = -1;
    if (pipe != nullptr) {
        if (std::fscanf(pipe, "%ld", &ticks) != 1) ticks = -1;
        pclose(pipe);
    }
    std::remove(script.c_str());
    if (ticks >= 0) {
        const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
        figure("gui.idle_cpu_percent_of_one_core", static_cast<double>(ticks) / hz / 5.0 * 100.0,
               "%");
    }
}

}  // namespace

void bench_gui(int trials, GuiParts parts) {
    if (parts.frames) frame_figures(trials);
    if (parts.session) session_figures(trials);
    if (parts.flood) flood_figures();
    if (parts.process) process_figures(trials);
    if (parts.windows) windows_figures(trials);
}

}  // namespace eventlab::bench
