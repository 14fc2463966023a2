// The headless subcommands, each returning the process exit code.
#pragma once

#include "app/cli.h"

namespace eventlab::app {

int run_command(const RunOptions& options);
int serve_command(const ServeOptions& options);
int export_command(const ExportOptions& options);
int diff_command(const DiffOptions& options);
int gui_command(const GuiOptions& options);

}  // namespace eventlab::app
