// Built when the GUI is off (EVENTLAB_GUI=OFF): the headless commands still work.
#include <iostream>

#include "app/cli/subcommands.h"

namespace eventlab::app {

int gui_subcommand(const GuiOptions& /*options*/) {
    std::cerr << "eventlab: this build has no GUI (configured with EVENTLAB_GUI=OFF); "
                 "use 'eventlab run'\n";
    return 2;
}

}  // namespace eventlab::app
