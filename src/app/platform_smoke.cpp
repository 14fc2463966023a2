// eventlab_platform_smoke OUT.png [--hidden] [--persist] [--idle SECONDS]
//
// Proves the platform layer end to end, headless under xvfb-run too: opens a 1280x800 window,
// renders three frames of the ImGui demo plus CJK text in the monospace font, writes a screenshot
// and prints timings to stderr. --idle then sleeps in wait_events() for SECONDS until another
// thread wakes it, and prints the CPU time used meanwhile.
#include <imgui.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "app/platform.h"

namespace {

using eventlab::app::Platform;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Args {
    std::string png_path;
    bool hidden = false;
    bool persist = false;
    double idle_seconds = 0.0;
};

std::optional<Args> parse_args(int argc, char** argv) {
    Args args;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--hidden") {
            args.hidden = true;
        } else if (arg == "--persist") {
            args.persist = true;
        } else if (arg == "--idle" && i + 1 < argc) {
            args.idle_seconds = std::stod(argv[++i]);
        } else if (args.png_path.empty() && !arg.starts_with("--")) {
            args.png_path = arg;
        } else {
            return std::nullopt;
        }
    }
    if (args.png_path.empty()) return std::nullopt;
    return args;
}

void draw(const Platform& platform) {
    ImGui::ShowDemoWindow();
    ImGui::SetNextWindowPos(ImVec2(20, 20), ImGuiCond_FirstUseEver);
    ImGui::Begin("EventLab smoke");
    ImGui::TextUnformatted("Default font: 日本語 中文 ひらがな カタカナ");
    ImGui::PushFont(platform.mono_font());
    ImGui::TextUnformatted("Mono font:    日本語 中文");
    ImGui::TextUnformatted(R"({"event":"tauri://focus","payload":{"label":"main"}})");
    ImGui::PopFont();
    ImGui::Text("content scale %.2f, font atlas %dx%d",
                static_cast<double>(platform.content_scale()), ImGui::GetIO().Fonts->TexWidth,
                ImGui::GetIO().Fonts->TexHeight);
    ImGui::End();
}

void frame(Platform& platform) {
    platform.begin_frame();
    draw(platform);
    platform.end_frame();
}

// A second thread stands in for an event producer: it wakes the loop once, after `seconds`.
// Until then the loop should sleep in wait_events() and use next to no CPU.
void run_idle(Platform& platform, double seconds) {
    std::atomic<bool> done{false};
    std::thread producer([&] {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        done = true;
        platform.wake();
    });
    const auto wall_start = Clock::now();
    const std::clock_t cpu_start = std::clock();
    int wakeups = 0;
    while (!done) {
        platform.wait_events(60.0);
        ++wakeups;
        frame(platform);
    }
    producer.join();
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::fprintf(stderr, "idle: %.0f ms wall, %.1f ms CPU, %d wake-ups\n", ms_since(wall_start),
                 cpu_ms, wakeups);
}

}  // namespace

int main(int argc, char** argv) {
    const std::optional<Args> args = parse_args(argc, argv);
    if (!args) {
        std::fprintf(stderr, "usage: %s OUT.png [--hidden] [--persist] [--idle SECONDS]\n",
                     argv[0]);
        return 2;
    }
    eventlab::app::PlatformOptions options;
    options.width = 1280;
    options.height = 800;
    options.visible = !args->hidden;
    options.title = "EventLab platform smoke";
    options.persist_layout = args->persist;

    const auto start = Clock::now();
    std::string error;
    const std::unique_ptr<Platform> platform = Platform::create(options, error);
    if (!platform) {
        std::fprintf(stderr, "eventlab_platform_smoke: %s\n", error.c_str());
        return 1;
    }
    const double create_ms = ms_since(start);
    const auto first_frame_start = Clock::now();
    frame(*platform);
    std::fprintf(stderr, "create: %.1f ms, first frame: %.1f ms\n", create_ms,
                 ms_since(first_frame_start));
    frame(*platform);
    frame(*platform);  // ImGui sizes auto-fitting windows over the first frames
    if (!platform->save_screenshot(args->png_path, error)) {
        std::fprintf(stderr, "eventlab_platform_smoke: %s\n", error.c_str());
        return 1;
    }
    if (args->idle_seconds > 0.0) run_idle(*platform, args->idle_seconds);
    return 0;
}
