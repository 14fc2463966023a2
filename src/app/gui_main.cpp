// `eventlab [gui]`: the inspector. Draws only when input, an event or an animation needs it,
// so an idle inspector uses no CPU; producer threads wake it through Platform::wake().
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <utility>

#include "app/cli/subcommands.h"
#include "app/default_workspace.h"
#include "app/demos.h"
#include "app/platform/platform.h"
#include "backend/node_backend.h"
#include "bridge/server.h"
#include "core/bus/mode_rules.h"
#include "core/scenario/runner.h"
#include "core/trace/trace.h"
#include "ui/app_ui.h"
#include "view/panels/recent_files.h"
#include "view/workbench.h"

namespace eventlab::app {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kIdleWaitSeconds = 2.0;      // refresh the status bar's rate now and then
constexpr double kFrameSeconds = 1.0 / 60.0;  // no faster than this, however busy the bus is
constexpr int kFramesAfterInput = 3;          // ImGui settles hover and popups over a few frames

std::optional<Scenario> load_workspace(const GuiOptions& options, std::string& name) {
    ScenarioParse parse = options.scenario.empty()
                              ? parse_scenario(kDefaultWorkspace, "default workspace")
                              : load_scenario(options.scenario);
    for (const auto& warning : parse.warnings())
        std::cerr << "eventlab: warning: " << warning << "\n";
    if (!parse.ok()) {
        std::cerr << "eventlab: " << parse.error() << "\n";
        return std::nullopt;
    }
    name = options.scenario.empty() ? "default workspace" : options.scenario;
    return std::move(*parse);
}

// --project: loaded before any window opens (a bad project exits 2 with its error), once for each
// Tauri release a mode checks permissions as, so that switching modes reads no file.
bool load_project_per_release(const std::string& path,
                              std::vector<std::shared_ptr<const acl::Project>>& out) {
    if (path.empty()) return true;
    for (const Mode mode : kAllModes) {
        const bool have = std::any_of(out.begin(), out.end(), [mode](const auto& project) {
            return project->rules->tauri == rules(mode).acl_tauri;
        });
        if (have) continue;
        auto loaded = load_project_for(path, mode);
        if (out.empty()) {  // the same warnings for every release: said once
            for (const auto& warning : loaded.warnings())
                std::cerr << "eventlab: warning: " << warning << "\n";
        }
        if (!loaded) {
            std::cerr << "eventlab: " << loaded.error() << "\n";
            return false;
        }
        out.push_back(*loaded);
    }
    return true;
}

// --trace: read before any window opens, so a bad trace exits 2 with its one-line error, as a
// bad --scenario does. Warnings (a cut-off last line) are printed and the trace still opens.
std::optional<std::shared_ptr<const TraceData>> load_start_trace(const GuiOptions& options) {
    if (options.trace.empty()) return std::shared_ptr<const TraceData>{};
    TraceLoad load = load_trace(options.trace);
    if (!load.ok()) {
        std::cerr << "eventlab: " << load.error() << "\n";
        return std::nullopt;
    }
    for (const auto& warning : load.warnings())
        std::cerr << "eventlab: warning: " << warning << "\n";
    return std::make_shared<const TraceData>(std::move(*load));
}

// --record truncates its file: it must not be the scenario or the trace this run reads.
bool record_target_ok(const GuiOptions& options) {
    for (const std::string* input : {&options.scenario, &options.trace}) {
        std::error_code ec;
        if (!options.record.empty() && !input->empty() &&
            std::filesystem::equivalent(options.record, *input, ec)) {
            std::cerr << "eventlab: --record " << options.record << " is the file this run reads ("
                      << *input << "); recording would destroy it\n";
            return false;
        }
    }
    return true;
}

// Opening a trace adds it to File ▸ Open recent; a list that cannot be written is no reason
// not to show the trace.
void remember_trace(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    const std::filesystem::path file = recent_traces_file(PathEnv::from_process());
    const Result<void> written = write_recent_files(
        file, push_recent_file(read_recent_files(file),
                               ec ? path : absolute.lexically_normal().string()));
    if (!written) std::cerr << "eventlab: warning: " << written.error() << "\n";
}

// The trace of --record is complete once the recording stopped; say what it holds.
void report_recording(const ui::StoppedRecording& stopped, int& status) {
    if (stopped.failed) {
        std::cerr << "eventlab: writing the trace " << stopped.path
                  << " failed part way (disk full?); it holds " << stopped.records
                  << " complete records\n";
        status = 2;
        return;
    }
    std::cout << "eventlab: recorded " << stopped.records << " records to " << stopped.path << "\n";
}

// EVENTLAB_SCREENSHOT_AFTER_ITEM=NAME: the screenshot waits (up to kItemWaitSeconds) until the
// panels have drawn the item a test probe knows as NAME ("win/main/tapped": a tapped app's
// window is shown), then draws kFramesAfterInput more; with EVENTLAB_REPORT_ITEMS=1 the items
// drawn are printed ("eventlab: drawn ITEM"). So a test, or a README screenshot, of what a real
// app connected through --serve shows is taken when it shows, not after a guessed time.
constexpr double kItemWaitSeconds = 120.0;

const char* env_or_null(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

int take_screenshot(Platform& platform, Workbench& bench, ui::AppUi& ui,
                    const GuiOptions& options) {
    const char* wanted = env_or_null("EVENTLAB_SCREENSHOT_AFTER_ITEM");
    const bool report = env_or_null("EVENTLAB_REPORT_ITEMS") != nullptr;
    ui::ItemProbe probe;
    if (wanted != nullptr || report) ui.context().probe = &probe;
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(kItemWaitSeconds));
    int frames_left = options.frames;
    bool seen = wanted == nullptr;
    while (frames_left > 0 || (!seen && Clock::now() < deadline)) {
        // With --serve, real pages need real time to connect and act: frames at 60 Hz.
        if (options.serve) platform.wait_events(kFrameSeconds);
        bench.pump(std::numeric_limits<std::size_t>::max());
        platform.begin_frame();
        ui.draw();
        platform.end_frame();
        --frames_left;
        if (!seen && probe.items.count(wanted) != 0) {
            seen = true;
            frames_left = std::max(frames_left, kFramesAfterInput);  // let the layout settle
        }
    }
    ui.context().probe = nullptr;
    if (report) {
        for (const auto& [item, rect] : probe.items)
            std::cerr << "eventlab: drawn " << item << "\n";
    }
    if (!seen) {
        std::cerr << "eventlab: EVENTLAB_SCREENSHOT_AFTER_ITEM: `" << wanted
                  << "` was not drawn in " << kItemWaitSeconds
                  << " s; the screenshot shows what was\n";
    }
    std::string error;
    if (!platform.save_screenshot(options.screenshot, error)) {
        std::cerr << "eventlab: " << error << "\n";
        return 1;
    }
    return 0;
}

// EVENTLAB_REPORT_LAST_FRAME=1 prints when the last frame ended on the monotonic clock that
// std::chrono::steady_clock reads, so a test can measure how long quitting takes.
void report_last_frame() {
    const char* report = std::getenv("EVENTLAB_REPORT_LAST_FRAME");
    if (report == nullptr || std::string_view(report) != "1") return;
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch());
    std::cerr << "eventlab: last frame at steady_clock_us " << us.count() << std::endl;
}

// EVENTLAB_REPORT_GLYPHS=TEXT prints the fallback fonts merged behind the UI's fonts and the code
// points of TEXT the fonts have no glyph for, which ImGui draws as '?', so a test can tell
// whether a payload really renders.
void report_glyphs(const Platform& platform) {
    const char* text = std::getenv("EVENTLAB_REPORT_GLYPHS");
    if (text == nullptr) return;
    std::cerr << "eventlab: fallback fonts:";
    for (const std::string& font : platform.fallback_fonts())
        std::cerr << " " << font;
    std::cerr << "\n";
    std::cerr << "eventlab: missing glyphs:";
    const std::u32string missing = platform.missing_glyphs(text);
    if (missing.empty()) std::cerr << " none";
    for (const char32_t c : missing) {
        char hex[16];
        std::snprintf(hex, sizeof hex, " U+%04X", static_cast<unsigned>(c));
        std::cerr << hex;
    }
    std::cerr << std::endl;
}

// Whether an idle wake-up needs a frame. A wait that ended on its timeout with no record and
// no bus change since the last frame (and that frame already showing the rate fall to zero)
// has nothing new to draw: skipping it keeps an idle window at near-zero CPU.
class IdleGate {
  public:
    explicit IdleGate(Workbench& bench) : bench_(bench) {}
    void drawn() {
        const auto now = activity();
        if (now != seen_) {
            seen_ = now;
            changed_at_ = Clock::now();
        }
    }
    bool quiet_timeout(Clock::time_point wait_started) const {
        const auto waited = std::chrono::duration<double>(Clock::now() - wait_started).count();
        const auto still = std::chrono::duration<double>(Clock::now() - changed_at_).count();
        return waited >= kIdleWaitSeconds * 0.99 && activity() == seen_ && still > kIdleWaitSeconds;
    }

  private:
    std::pair<std::uint64_t, std::uint64_t> activity() const {
        return {bench_.live_log().end(), bench_.session().state_version()};
    }
    Workbench& bench_;
    std::pair<std::uint64_t, std::uint64_t> seen_{};
    Clock::time_point changed_at_ = Clock::now();
};

// `max_frames` > 0 (--frames without --screenshot): quit after that many frames.
void run_loop(Platform& platform, Workbench& bench, ui::AppUi& ui, int max_frames) {
    int frames_left = kFramesAfterInput;
    int frames_drawn = 0;
    // As if a frame had just been due: the first one is drawn at once, not a frame's time late.
    auto last_frame = Clock::now() - std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(kFrameSeconds));
    IdleGate idle(bench);
    while (!platform.should_close() && !ui.quit_requested() &&
           (max_frames <= 0 || frames_drawn < max_frames)) {
        // Idle, the loop waits for input; a run told to quit after N frames draws them all
        // (an idle window would otherwise never reach N and never quit).
        if (frames_left <= 0 && !ui.animating() && max_frames <= 0) {
            const auto wait_started = Clock::now();
            platform.wait_events(kIdleWaitSeconds);
            if (idle.quiet_timeout(wait_started)) continue;
            frames_left = kFramesAfterInput;
        }
        // Cap the frame rate: a 1 ms periodic sender must not make us draw 1000 frames/s.
        const double since = std::chrono::duration<double>(Clock::now() - last_frame).count();
        if (since < kFrameSeconds) platform.wait_events(kFrameSeconds - since);
        last_frame = Clock::now();
        bench.pump_for(Workbench::kFramePumpBudget);  // the webviews' event loops run here
        platform.begin_frame();
        ui.draw();
        platform.end_frame();
        idle.drawn();
        --frames_left;
        ++frames_drawn;
    }
}

// --backend: the stand-in for the pages' commands, following the workbench's session too.
std::shared_ptr<backend::NodeBackend> start_stand_in(const GuiOptions& options, Workbench& bench) {
    if (options.serve_backend.empty()) return nullptr;
    auto stand_in =
        std::make_shared<backend::NodeBackend>(backend::backend_options(options.serve_backend));
    stand_in->attach(&bench.session());
    return stand_in;
}

// --serve: the bridge follows the workbench's session (a reset gives pages a new one) and
// wakes the idle frame loop when a page does something, at most every few milliseconds.
std::unique_ptr<bridge::BridgeServer> start_bridge(
    const GuiOptions& options, Workbench& bench, Platform& platform,
    const std::shared_ptr<backend::NodeBackend>& stand_in, int& status) {
    if (!options.serve) return nullptr;
    bridge::BridgeOptions bridge_options;
    bridge_options.port = *options.serve;
    bridge_options.static_dir = options.serve_static;
    bridge_options.stand_in = stand_in;
    bridge_options.wake = [&platform, last = std::make_shared<std::atomic<std::int64_t>>(0)] {
        const std::int64_t now = Clock::now().time_since_epoch().count();
        constexpr std::int64_t kQuiet =
            std::chrono::nanoseconds(std::chrono::milliseconds(4)).count();
        if (now - last->load(std::memory_order_relaxed) < kQuiet) return;
        last->store(now, std::memory_order_relaxed);
        platform.wake();
    };
    auto server = std::make_unique<bridge::BridgeServer>(std::move(bridge_options));
    if (std::string error = server->start(&bench.session()); !error.empty()) {
        std::cerr << "eventlab: --serve: " << error << "\n";
        status = 1;
        return nullptr;
    }
    bench.set_session_observer([raw = server.get(), stand_in](Session* session) {
        raw->attach(session);
        if (stand_in) stand_in->attach(session);
    });
    std::cout << "eventlab: bridge listening on " << server->url() << std::endl;
    return server;
}

std::string bridge_status(const bridge::BridgeServer& server, const Session& session,
                          const backend::NodeBackend* stand_in) {
    std::string status = "bridge " + server.url() + " · " + bridge::describe_peers(server.pages()) +
                         " · " + session.permissions_note();
    if (stand_in != nullptr) {
        status += " · backend " + std::filesystem::path(stand_in->file()).filename().string() +
                  ": " + stand_in->status().text;
    }
    return status;
}

// What the Backend panel's JavaScript tab shows.
ui::StandInView stand_in_view(const backend::NodeBackend& stand_in) {
    ui::StandInView view;
    view.file = stand_in.file();
    const backend::BackendStatus status = stand_in.status();
    view.state = status.text;
    view.failed = status.state == backend::BackendStatus::State::Failed ||
                  status.state == backend::BackendStatus::State::Stopped;
    for (const backend::AnsweredCommand& command : stand_in.answered())
        view.answered.push_back({command.name, command.resolved, command.rejected});
    return view;
}

}  // namespace

int gui_subcommand(const GuiOptions& options) {
    std::string name;
    std::optional<Scenario> scenario = load_workspace(options, name);
    if (!scenario) return 2;
    const auto trace = load_start_trace(options);
    if (!trace) return 2;
    if (!record_target_ok(options)) return 2;
    const BusConfig config = resolve_config(*scenario, RunSettings{options.mode, {}, {}});
    std::vector<std::shared_ptr<const acl::Project>> projects;  // empty: no --project
    if (!load_project_per_release(options.project, projects)) return 2;

    PlatformOptions platform_options;
    platform_options.width = options.width;
    platform_options.height = options.height;
    platform_options.persist_layout = options.screenshot.empty();
    platform_options.layout_file = options.layout;
    std::string error;
    std::unique_ptr<Platform> platform = Platform::create(platform_options, error);
    if (!platform) {
        std::cerr << "eventlab: " << error << "\n";
        return 1;
    }
    if (!platform->has_viewports()) {
        std::cerr << "eventlab: note: this display cannot give a panel an OS window of its own "
                     "(Wayland without GLFW's support); the windows stay docked\n";
    }

    Workbench bench;
    Platform* raw = platform.get();
    bench.set_wake([raw] { raw->wake(); });
    bench.set_project(std::move(projects));
    bench.open(std::move(*scenario), name, config);
    for (const ExpectOutcome& o : bench.outcomes()) {
        if (!o.ok)
            std::cerr << "eventlab: " << name << ": FAIL " << o.path << ": " << o.message << "\n";
    }
    if (*trace) {
        bench.view_trace(*trace, options.trace);
        if (options.screenshot.empty()) remember_trace(options.trace);
    }

    int status = 0;
    const std::shared_ptr<backend::NodeBackend> stand_in = start_stand_in(options, bench);
    std::unique_ptr<bridge::BridgeServer> bridge =
        start_bridge(options, bench, *platform, stand_in, status);
    if (options.serve && !bridge) return status;
    {
        ui::AppUi ui(bench, platform->mono_font());
        if (bridge) {
            ui.context().bridge_status = [raw = bridge.get(), &bench, js = stand_in.get()] {
                return bridge_status(*raw, bench.session(), js);
            };
        }
        if (stand_in) {
            ui.context().stand_in = [js = stand_in.get()] { return stand_in_view(*js); };
        }
        ui.set_demos(embedded_demos());
        ui.context().requests.focus_window = options.window;
        ui.context().requests.focus_panel = options.panel;
        ui.context().requests.pop_out_windows = options.pop_out;
        const Result<void> recording =
            options.record.empty() ? Result<void>{} : ui.record_to(options.record);
        if (!recording) {
            std::cerr << "eventlab: --record: " << recording.error() << "\n";
            status = 2;
        } else if (!options.screenshot.empty()) {
            status = take_screenshot(*platform, bench, ui, options);
        } else {
            run_loop(*platform, bench, ui, options.frames_given ? options.frames : 0);
        }
        report_last_frame();
        report_glyphs(*platform);
        if (const auto stopped = ui.shutdown(); stopped && !options.record.empty()) {
            report_recording(*stopped, status);
        }
    }
    if (bridge) {
        bridge->stop();  // before the session goes: its pages' windows are destroyed, recorded
        if (stand_in) stand_in->stop();
        bench.set_session_observer({});
    }
    bench.set_wake({});  // no thread may wake a platform that is going away
    return status;
}

}  // namespace eventlab::app
