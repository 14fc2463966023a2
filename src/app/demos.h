#pragma once

#include <vector>

#include "view/panels/demo.h"

namespace eventlab::app {

// Every file of assets/demos (name and JSON text), embedded at build time, sorted by name:
// the Demos menu works from any directory, like the default workspace.
std::vector<DemoSource> embedded_demos();

}  // namespace eventlab::app
