// How long a test waits for what should happen almost at once (a thread to start, a writer to
// drain) before it fails: only there so that a broken build fails instead of hanging CTest.
#pragma once

#include <chrono>

namespace eventlab::test {

inline constexpr std::chrono::seconds kHangGuard{60};

}  // namespace eventlab::test
