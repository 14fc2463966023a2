// The command line of the spec (cli-and-formats.md): gui (default), run, export, --help, --version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/mode.h"

namespace eventlab::app {

struct GuiOptions {
    std::string scenario;  // empty: the default workspace built into the binary
    std::string trace;     // a trace to open read-only at start (empty: none)
    std::optional<Mode> mode;
    std::string screenshot;  // write a PNG after `frames` frames and exit
    int frames = 3;
    bool frames_given = false;  // --frames without --screenshot: quit after that many frames
    std::string record;         // record the live session to this trace from the start
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

struct ExportOptions {
    std::string trace;
    std::string output;
    std::string format = "perfetto";
};

struct DiffOptions {
    std::string a;
    std::string b;
};

enum class Command { Gui, Run, Export, Diff, Exit };

struct Parsed {
    Command command = Command::Gui;
    int exit_code = 0;  // for Command::Exit (help, version, or a usage error)
    GuiOptions gui;
    RunOptions run;
    ExportOptions export_;
    DiffOptions diff;
};

// Parses argv; usage errors print one message to stderr and come back as Exit with code 2.
Parsed parse_command_line(int argc, char** argv);

}  // namespace eventlab::app
