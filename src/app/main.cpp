// eventlab: the inspector GUI (the default, or `gui`), and the headless subcommands for scripts
// and CI: run, serve, export, diff, modes.
#include "app/cli/cli.h"
#include "app/cli/subcommands.h"

int main(int argc, char** argv) {
    using namespace eventlab::app;
    const Parsed parsed = parse_command_line(argc, argv);
    switch (parsed.subcommand) {
        case Subcommand::Exit:
            return parsed.exit_code;
        case Subcommand::Run:
            return run_subcommand(parsed.run);
        case Subcommand::Serve:
            return serve_subcommand(parsed.serve);
        case Subcommand::Export:
            return export_subcommand(parsed.export_);
        case Subcommand::Diff:
            return diff_subcommand(parsed.diff);
        case Subcommand::Modes:
            return modes_subcommand();
        case Subcommand::Gui:
            return gui_subcommand(parsed.gui);
    }
    return 2;
}
