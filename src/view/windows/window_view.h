// What a simulated window's panel shows, built without ImGui so tests can check it: its listener
// table and components (listener_table.h), the feed of what its page received (window_feed.h),
// what its forms prefill (window_forms.h) and the TypeScript a frontend would write for the
// action being composed (view/codegen/ts_code.h). The panel shows them all, so it includes this.
#pragma once

#include "view/codegen/ts_code.h"
#include "view/windows/listener_table.h"
#include "view/windows/window_feed.h"
#include "view/windows/window_forms.h"
