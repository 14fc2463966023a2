// The headless subcommands, each returning the process exit code.
#pragma once

#include <string>

#include "app/cli/cli.h"

namespace eventlab {
class Session;
class TraceFileSink;
}  // namespace eventlab

namespace eventlab::app {

// Detaches and closes a trace the command wrote; false (after saying why) when the writes
// failed part way. Used by `run` and `serve`.
bool close_trace(Session& session, TraceFileSink& trace, const std::string& path);

int run_command(const RunOptions& options);
int serve_command(const ServeOptions& options);
int export_command(const ExportOptions& options);
int diff_command(const DiffOptions& options);
int gui_command(const GuiOptions& options);

}  // namespace eventlab::app
