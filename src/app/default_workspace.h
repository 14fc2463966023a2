#pragma once

namespace eventlab::app {

// The JSON text of assets/workspace/default.json, embedded at build time.
extern const char* const kDefaultWorkspace;

}  // namespace eventlab::app
