// eventlab: the inspector GUI, and the headless run/export commands for scripts and CI.
#include "app/cli/cli.h"
#include "app/cli/commands.h"

int main(int argc, char** argv) {
    using namespace eventlab::app;
    const Parsed parsed = parse_command_line(argc, argv);
    switch (parsed.command) {
        case Command::Exit:
            return parsed.exit_code;
        case Command::Run:
            return run_command(parsed.run);
        case Command::Serve:
            return serve_command(parsed.serve);
        case Command::Export:
            return export_command(parsed.export_);
        case Command::Diff:
            return diff_command(parsed.diff);
        case Command::Gui:
            return gui_command(parsed.gui);
    }
    return 2;
}
