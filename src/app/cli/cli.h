// The command line: gui (the default), run, serve, export, diff, --help, --version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bus/mode.h"

namespace eventlab::app {

struct GuiOptions {
    std::string scenario;  // empty: the default workspace built into the binary
    std::string trace;     // a trace to open read-only at start (empty: none)
    std::optional<Mode> mode;
    std::string screenshot;  // write a PNG after `frames` frames and exit
    int frames = 3;
    bool frames_given = false;  // --frames without --screenshot: quit after that many frames
    std::string record;         // record the live session to this trace from the start
    std::optional<std::uint16_t> serve;  // --serve [PORT]: the bridge inside the inspector
    std::string serve_static;            // --static DIR: files the bridge also serves
    std::string project;                 // --project PATH: the Tauri app (empty: none)
    std::string serve_backend;           // --backend FILE: the pages' backend stand-in
    std::string window;                  // --window LABEL: that window focused at start
    std::string panel;                   // --panel NAME: that panel's tab in front at start
    bool pop_out = false;                // --pop-out: the windows as OS windows from the start
    std::string layout;                  // --layout FILE: this imgui.ini instead of the config's
    int width = 1600;
    int height = 1000;
};

struct RunOptions {
    std::string scenario;
    std::string trace;
    std::optional<Mode> mode;
    std::optional<Order> order;
    std::optional<std::uint64_t> seed;
    bool quiet = false;
};

// `eventlab serve`: the bridge for real frontends, headless.
struct ServeOptions {
    std::uint16_t port = 1430;
    std::string bind = "127.0.0.1";
    std::string scenario;  // run first; pages join the session it leaves
    std::optional<Mode> mode;
    std::string trace;
    std::vector<std::string> allow_origins;
    std::string static_dir;
    std::size_t max_message = 16u << 20;
    std::size_t max_send_queue = 64u << 20;
    std::size_t max_buffered = 256u << 20;
    bool with_global_tauri = false;      // the app's withGlobalTauri: pages get window.__TAURI__
    std::string project;                 // --project PATH: the Tauri app (empty: none)
    std::string backend;                 // a Node module standing in for the app's Rust commands
    std::vector<std::string> tap_rules;  // FIELD=true|false: a what-if row for the tap's check
};

struct ExportOptions {
    std::string trace;
    std::string output;
    std::string format = "perfetto";
};

struct DiffOptions {
    std::string a;
    std::string b;
};

enum class Subcommand { Gui, Run, Serve, Export, Diff, Modes, Exit };

struct Parsed {
    Subcommand subcommand = Subcommand::Gui;
    int exit_code = 0;  // for Subcommand::Exit (help, version, or a usage error)
    GuiOptions gui;
    RunOptions run;
    ServeOptions serve;
    ExportOptions export_;
    DiffOptions diff;
};

// Parses argv; usage errors print one message to stderr and come back as Exit with code 2.
Parsed parse_command_line(int argc, char** argv);

}  // namespace eventlab::app
