// What a simulated window's panel shows, built without ImGui so tests can check it: the rows of
// its listener table, the feed of what its page received, and the TypeScript a frontend would
// write for the action being composed.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/bus.h"
#include "core/app/commands.h"
#include "core/record/record_log.h"
#include "core/app/session.h"

namespace eventlab {

// ---------------------------------------------------------------------------------------------
// listener table

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
std::vector<ListenerRow> listener_rows(std::string_view label,
                                       const std::vector<ListenerInfo>& listeners,
                                       const std::vector<ComponentInfo>& components,
                                       const Session& session);

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

// ---------------------------------------------------------------------------------------------
// feed

struct FeedEntry {
    std::uint64_t position = 0;  // in the RecordLog
    std::int64_t t_us = 0;
    bool delivered = true;  // false: a skip (the page had no callback, or the window went)
    EventId listener = 0;
    std::string event;
    std::string listener_name;
    Text payload;     // the emit's JSON text (shared with the emit record); null for a skip
    std::string why;  // the match reason, or why it was skipped
    bool stale = false;
};

// What the current page of one window received (deliveries and skips), caught up incrementally:
// each update() scans at most `budget` new records, so a long log is never rescanned per frame.
// Records from an earlier page under the same label are left out: the newest `created` record
// of the label starts the feed.
class WindowFeed {
  public:
    WindowFeed(Symbols& symbols, std::string_view label);

    bool update(const RecordLog& log, std::size_t budget);  // true when caught up
    std::size_t size() const;
    double progress(const RecordLog& log) const { return index_.progress(log); }
    // The i-th newest entry (0: the newest); nullopt once the log's ring dropped it.
    std::optional<FeedEntry> entry(const RecordLog& log, const Symbols& symbols,
                                   std::size_t newest_index) const;

  private:
    // Shared with the predicate, which runs inside LogIndex::update and sees no positions:
    // counting kept rows lets the page start survive the index pruning dropped rows.
    struct Counts {
        std::uint64_t kept = 0;        // rows the index ever kept
        std::uint64_t page_start = 0;  // `kept` when the newest `created` record went by
    };
    std::size_t first_row() const;

    std::shared_ptr<Counts> counts_;
    LogIndex index_;
};

// ---------------------------------------------------------------------------------------------
// forms

// "a, b ,c" → {"a", "b", "c"}; empty items are dropped.
std::vector<std::string> parse_event_list(std::string_view text);
// The first bad name of the list in the JS `listen` wording, or empty when all are valid.
std::string check_event_list(const std::vector<std::string>& events, Mode mode);

// The name a listener made in the panel gets, in the style of the scenarios:
// "main: listen(test-event, {target: main})".
std::string default_listener_name(std::string_view label, std::string_view event,
                                  const std::optional<EventTarget>& target, bool once);

// The arguments object a JS invoke of `command` needs, camelCase keys, with sample values:
// {"windowLabel": "main", "data": "test data"}.
nlohmann::json default_invoke_args(const Command& command, std::string_view label);
// The same as JSON text in the command's parameter order (JSON objects sort their keys).
std::string default_invoke_text(const Command& command, std::string_view label);

// ---------------------------------------------------------------------------------------------
// TypeScript

// One line each, in the style of the Backend panel's preview (js_value, js_target of
// view/codegen/code_preview.h): `await emitTo("main", "test-event", { data: "x" })`.
// `width` is the columns the code may take: a longer call has its arguments packed onto
// continuation lines (one line when it fits, as it always does with the default).
inline constexpr std::size_t kOneLine = std::string::npos;

std::string ts_listen(std::string_view event, const std::optional<EventTarget>& target, bool once,
                      std::size_t width = kOneLine);
// A payload of null is left out: JS emit() without a payload delivers null.
std::string ts_emit(std::string_view event, const nlohmann::json& payload,
                    std::size_t width = kOneLine);
std::string ts_emit_to(const EventTarget& target, std::string_view event,
                       const nlohmann::json& payload, std::size_t width = kOneLine);
std::string ts_invoke(std::string_view command, const nlohmann::json& args,
                      std::size_t width = kOneLine);
// The useEffect a React component would run, on several lines.
std::string ts_component(std::string_view component, const std::vector<std::string>& events,
                         bool cleanup, bool strict, std::size_t width = kOneLine);

}  // namespace eventlab
