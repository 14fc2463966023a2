// The listener table and components list of one simulated window's panel: which JS listeners
// its webview holds, and which of them a closed page or an unmounted component left behind.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/component.h"
#include "core/app/session.h"
#include "core/bus/bus.h"

namespace eventlab {

struct ListenerRow {
    EventId id = 0;
    std::string event;
    std::string target;  // describe(stored target)
    std::string name;
    bool once = false;
    std::uint64_t calls = 0;
    std::optional<std::string> last_payload;  // JSON text; absent until the first call
    bool leaked = false;
    bool stale = false;
    std::string mark;  // why the row is suspicious, in words; empty when it is not
};

// The JS listeners registered in the webview `label` (also those of an earlier, destroyed page
// under the same label, marked stale), by id. Rust listeners live in no webview and are left out.
// `observed`: the window of that label is a tapped app's (its listeners are the observed ones).
std::vector<ListenerRow> listener_rows(std::string_view label,
                                       const std::vector<ListenerInfo>& listeners,
                                       const std::vector<ComponentInfo>& components,
                                       const Session& session, bool observed = false);

inline constexpr std::string_view kStaleMark = "stale: registered by a closed page, never called";
std::string leaked_mark(std::string_view component);

// A component mounted in one webview, with what became of its listeners.
struct ComponentRow {
    std::uint32_t instance = 0;
    std::string name;
    bool mounted = true;
    bool cleanup = false;
    std::size_t listeners = 0;  // registered when it mounted
    std::size_t leaked = 0;     // still registered although it unmounted without cleanup
};

// The components of the webview `label`, newest first.
std::vector<ComponentRow> component_rows(std::string_view label,
                                         const std::vector<ComponentInfo>& components,
                                         const std::vector<ListenerInfo>& listeners);

}  // namespace eventlab
