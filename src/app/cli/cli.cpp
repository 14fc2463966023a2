#include "app/cli/cli.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <iostream>

#include "core/bus/mode_rules.h"
#include "core/util/result.h"

namespace eventlab::app {
namespace {

constexpr const char* kProjectHelp =
    "the Tauri app to simulate: its folder, its src-tauri/ or its tauri.conf.json (or "
    "Tauri.toml). Its windows open at start, its app info and withGlobalTauri apply, and every "
    "command is checked against its capabilities as Tauri does (docs/permissions.md). Without "
    "it, every command is allowed";

constexpr const char* kDescription =
    "EventLab simulates and inspects the Tauri v2 event system: which window gets which event, "
    "and why.";

constexpr const char* kBackendHelp =
    "a Node module (.mjs, .js, .cjs) standing in for the app's Rust commands: its default export "
    "is a mockIPC handler (cmd, args, ctx) => value; run by `node` (or EVENTLAB_NODE), restarted "
    "when the file changes";

std::uint16_t parse_port(const std::string& text) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || port > 65535) {
        throw CLI::ValidationError("port", "expected 0 to 65535, got \"" + text + "\"");
    }
    return static_cast<std::uint16_t>(port);
}

struct WindowSize {
    int width = 0;
    int height = 0;
};

// "1600x1000" → width and height.
Result<WindowSize> parse_size(const std::string& text) {
    const auto x = text.find('x');
    WindowSize size;
    try {
        if (x == std::string::npos) throw std::invalid_argument("no x");
        size_t used_w = 0;
        size_t used_h = 0;
        size.width = std::stoi(text.substr(0, x), &used_w);
        size.height = std::stoi(text.substr(x + 1), &used_h);
        if (used_w != x || used_h != text.size() - x - 1) throw std::invalid_argument("junk");
    } catch (const std::exception&) {
        return Failure{"--size: expected WIDTHxHEIGHT such as 1600x1000, got " + text};
    }
    if (size.width < 320 || size.height < 240 || size.width > 16384 || size.height > 16384) {
        return Failure{"--size: from 320x240 to 16384x16384, got " + text};
    }
    return size;
}

// "--tauri MODE" with the releases each mode reproduces, from kModeRules: the help says what
// the oracle measured, and a new row needs no edit here.
std::string mode_help() {
    std::string help = "the Tauri release whose behaviour to reproduce:";
    for (const ModeRules& row : kModeRules) {
        help += "\n  " + std::string(row.name);
        if (!row.aliases.empty()) help += ", also " + std::string(row.aliases);
        if (&row == &kModeRules.back()) help += ", latest";
        if (row.mode == kDefaultMode) help += " (the default)";
        help += ": " + std::string(row.releases) + " (oracle: " + std::string(row.measured) + ")";
    }
    return help;
}

void add_mode_option(CLI::App& app, std::optional<Mode>& mode) {
    app.add_option_function<std::string>(
           "--tauri", [&mode](const std::string& text) { mode = parse_mode(text); }, mode_help())
        ->check(CLI::Validator(
            [](std::string& text) {
                return parse_mode(text) ? std::string() : "expected one of " + mode_choices();
            },
            "MODE"));
}

void add_gui_options(CLI::App& app, GuiOptions& gui, std::string& size) {
    app.add_option("--scenario", gui.scenario,
                   "open this scenario instead of the default workspace")
        ->check(CLI::ExistingFile);
    app.add_option("--trace", gui.trace,
                   "open this trace (.jsonl) read-only: log, route view and timeline show it")
        ->check(CLI::ExistingFile);
    add_mode_option(app, gui.mode);
    app.add_option("--screenshot", gui.screenshot,
                   "render --frames frames, write a PNG of the window to this path and exit");
    app.add_option_function<int>(
           "--frames",
           [&gui](int frames) {
               gui.frames = frames;
               gui.frames_given = true;
           },
           "frames to render before the screenshot (default 3); without --screenshot, quit "
           "after this many frames as File > Quit does")
        ->check(CLI::Range(1, 10000));
    app.add_option("--record", gui.record,
                   "record the live session to this trace (.jsonl) from the start; the file is "
                   "complete when the inspector quits");
    app.add_option("--size", size, "window size WIDTHxHEIGHT (default 1600x1000)");
    app.add_option("--window", gui.window,
                   "start with this simulated window focused (with many windows: its tile open)");
    app.add_option("--panel", gui.panel,
                   "start with this panel in front of the others docked with it (e.g. Plots)");
    app.add_option("--layout", gui.layout,
                   "keep the panels' layout in this file instead of imgui.ini in the "
                   "configuration directory (with --screenshot it is only read)");
    app.add_flag(
        "--pop-out", gui.pop_out,
        "start with the simulated windows popped out as OS windows (View > Pop out windows)");
    // An optional value: `--serve` alone takes the default port.
    app.add_option_function<std::vector<std::string>>(
           "--serve",
           [&gui](const std::vector<std::string>& values) {
               gui.serve = values.empty() ? std::uint16_t{1430} : parse_port(values.front());
           },
           "also run the bridge for real frontends (see `eventlab serve --help`) on PORT "
           "(default 1430; 0 picks a free one)")
        ->expected(0, 1)
        ->type_name("[PORT]");
    app.add_option("--static", gui.serve_static,
                   "with --serve: also serve the files of this folder at / (a frontend without a "
                   "bundler, e.g. examples/seed-frontend)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--project", gui.project, kProjectHelp)->check(CLI::ExistingPath);
    app.add_option("--backend", gui.serve_backend, kBackendHelp)->check(CLI::ExistingFile);
}

void add_serve_subcommand(CLI::App& app, ServeOptions& serve) {
    CLI::App* sub = app.add_subcommand(
        "serve",
        "run the bridge headless: real Tauri frontends (the unchanged @tauri-apps/api, through "
        "/eventlab-tauri.js) drive a simulated backend; each connected page is a window");
    sub->add_option_function<std::string>(
        "--port", [&serve](const std::string& text) { serve.port = parse_port(text); },
        "TCP port (default 1430; 0 picks a free one and prints it)");
    sub->add_option("--bind", serve.bind,
                    "address to listen on (default 127.0.0.1; anything else is reachable from "
                    "other machines and gets a warning)");
    sub->add_option("--scenario", serve.scenario,
                    "run this scenario first (windows, listeners, declared commands); pages "
                    "join the session it leaves")
        ->check(CLI::ExistingFile);
    add_mode_option(*sub, serve.mode);
    sub->add_option("--trace", serve.trace, "record the session to this trace (.jsonl)");
    sub->add_option("--allow-origin", serve.allow_origins,
                    "also accept WebSocket upgrades from this origin (repeatable); loopback "
                    "origins are always accepted");
    sub->add_option("--static", serve.static_dir, "also serve the files of this folder at /")
        ->check(CLI::ExistingDirectory);
    sub->add_option("--max-message", serve.max_message,
                    "largest message a page may send, in bytes (default 16 MiB; a bigger one "
                    "closes its connection with 1009)")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 32));
    sub->add_option("--max-send-queue", serve.max_send_queue,
                    "bytes that may wait for a page that does not read before it is "
                    "disconnected (default 64 MiB)")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 36));
    sub->add_option("--max-buffered", serve.max_buffered,
                    "bytes all pages together may hold, waiting to be sent or half received; "
                    "past it the page holding the most is disconnected (default 256 MiB)")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 40));
    sub->add_option("--project", serve.project, kProjectHelp)->check(CLI::ExistingPath);
    sub->add_flag("--with-global-tauri", serve.with_global_tauri,
                  "give pages window.__TAURI__, as an app with \"withGlobalTauri\": true does "
                  "(the plain-JS templates need it)");
    sub->add_option("--backend", serve.backend, kBackendHelp)->check(CLI::ExistingFile);
    sub->add_option("--tap-rule", serve.tap_rules,
                    "check a tapped app (tauri-plugin-eventlab) against the mode's rules with "
                    "this one changed, FIELD=true|false (repeatable; a field of "
                    "core/bus/mode_rules.h, e.g. any_label_matching=false): to test the check");
}

Parsed exit_with(int code) {
    Parsed parsed;
    parsed.subcommand = Subcommand::Exit;
    parsed.exit_code = code;
    return parsed;
}

}  // namespace

Parsed parse_command_line(int argc, char** argv) {
    Parsed parsed;
    CLI::App app{kDescription, "eventlab"};
    app.set_version_flag("--version", std::string("eventlab ") + EVENTLAB_VERSION);
    app.require_subcommand(0, 1);
    app.footer(
        "Examples:\n"
        "  eventlab                                   open the inspector on the default workspace\n"
        "  eventlab --trace t.jsonl                   open a trace read-only, with a timeline\n"
        "  eventlab --record t.jsonl                  record the session from the start\n"
        "  eventlab run scenario.json --trace t.jsonl run headless, write a trace, exit 0/1/2\n"
        "  eventlab serve                             let real frontends in (eventlab-tauri.js)\n"
        "  eventlab --serve                           the inspector, with the bridge inside\n"
        "  eventlab export t.jsonl -o t.json          Chrome trace-event JSON for ui.perfetto.dev\n"
        "  eventlab diff golden.jsonl new.jsonl       exit 1 and name each delivery that differs\n"
        "  eventlab modes                             each --tauri mode's rules, as JSON");

    std::string size;
    add_gui_options(app, parsed.gui, size);

    CLI::App* gui = app.add_subcommand("gui", "open the inspector (the default)");
    std::string gui_size;
    add_gui_options(*gui, parsed.gui, gui_size);

    CLI::App* run = app.add_subcommand("run", "run a scenario headless on virtual time");
    run->add_option("scenario", parsed.run.scenario, "scenario JSON file")->required();
    run->add_option("--trace", parsed.run.trace, "write the trace (JSON Lines) to this file");
    add_mode_option(*run, parsed.run.mode);
    run->add_option_function<std::string>(
           "--order", [&](const std::string& text) { parsed.run.order = parse_order(text); },
           "handler order within one emit: registration (default) or random")
        ->check(CLI::IsMember({"registration", "random"}));
    run->add_option_function<std::string>(
        "--seed",
        [&](const std::string& text) {
            // CLI11 would wrap "-1" into 2^64-1; a seed is a plain non-negative integer.
            std::uint64_t seed = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
            if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
                throw CLI::ValidationError("--seed", "expected an integer from 0 to " +
                                                         std::to_string(UINT64_MAX) + ", got \"" +
                                                         text + "\"");
            }
            parsed.run.seed = seed;
        },
        "seed of the random order (default 0)");
    run->add_flag("-q,--quiet", parsed.run.quiet, "print nothing but failures");

    add_serve_subcommand(app, parsed.serve);
    CLI::App* server = app.get_subcommand("serve");

    CLI::App* exporter = app.add_subcommand("export", "convert a trace for other tools");
    exporter->add_option("trace", parsed.export_.trace, "trace file (.jsonl)")->required();
    exporter->add_option("-o,--output", parsed.export_.output, "output file")->required();
    exporter->add_option("--format", parsed.export_.format, "output format: perfetto (default)")
        ->check(CLI::IsMember({"perfetto"}));

    CLI::App* differ = app.add_subcommand(
        "diff", "compare what two traces delivered, emit by emit (exit 0 same, 1 different)");
    differ->add_option("a", parsed.diff.a, "first trace (.jsonl)")->required();
    differ->add_option("b", parsed.diff.b, "second trace (.jsonl)")->required();

    CLI::App* modes = app.add_subcommand(
        "modes",
        "print the Tauri modes and the rules each applies, as JSON (for scripts and tests)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return exit_with(0);
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return exit_with(0);
    } catch (const CLI::CallForVersion&) {
        std::cout << "eventlab " << EVENTLAB_VERSION << "\n";
        return exit_with(0);
    } catch (const CLI::ParseError& e) {
        // Point at the help of the subcommand the person was using, which lists its flags.
        std::string help = "eventlab --help";
        for (const CLI::App* sub : {gui, run, server, exporter, differ, modes}) {
            if (sub->parsed()) help = "eventlab " + sub->get_name() + " --help";
        }
        std::cerr << "eventlab: " << e.what() << "\nRun '" << help << "' for the usage.\n";
        return exit_with(2);
    }
    if (run->parsed()) parsed.subcommand = Subcommand::Run;
    if (server->parsed()) parsed.subcommand = Subcommand::Serve;
    if (exporter->parsed()) parsed.subcommand = Subcommand::Export;
    if (differ->parsed()) parsed.subcommand = Subcommand::Diff;
    if (modes->parsed()) parsed.subcommand = Subcommand::Modes;
    const std::string& chosen_size = gui->parsed() ? gui_size : size;
    if (!parsed.gui.serve_static.empty() && !parsed.gui.serve) {
        std::cerr << "eventlab: --static needs --serve (it is what the bridge serves)\n";
        return exit_with(2);
    }
    if (!parsed.gui.serve_backend.empty() && !parsed.gui.serve) {
        std::cerr << "eventlab: --backend needs --serve (its commands are the pages')\n";
        return exit_with(2);
    }
    if (!chosen_size.empty()) {
        const Result<WindowSize> window = parse_size(chosen_size);
        if (!window) {
            std::cerr << "eventlab: " << window.error() << "\n";
            return exit_with(2);
        }
        parsed.gui.width = window->width;
        parsed.gui.height = window->height;
    }
    return parsed;
}

}  // namespace eventlab::app
