// The subcommands of the command line, each returning the process exit code. (The backend
// commands that `invoke` runs are core/app/commands.h.)
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

int run_subcommand(const RunOptions& options);
int serve_subcommand(const ServeOptions& options);
int export_subcommand(const ExportOptions& options);
int diff_subcommand(const DiffOptions& options);
int gui_subcommand(const GuiOptions& options);
int modes_subcommand();

}  // namespace eventlab::app
