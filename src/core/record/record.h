// One trace record: the unit the log, the trace file, the route view and the export share.
// Compact on purpose (the log holds a million of them): strings are interned Syms, and an
// emission's payload text is one shared allocation that its deliveries point to.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/record/event_target.h"
#include "core/util/symbols.h"

namespace eventlab {

using Text = std::shared_ptr<const std::string>;
inline Text make_text(std::string s) {
    return std::make_shared<const std::string>(std::move(s));
}

enum class RecordType : std::uint8_t {
    Window,
    Listen,
    Unlisten,
    Emit,
    Deliver,
    Skip,
    Invoke,
    Mount,
    Unmount,
    Error,
    Expect
};
inline constexpr int kRecordTypeCount = 11;

enum class Side : std::uint8_t { Rust, Js };
enum class WindowAction : std::uint8_t { Created, CloseRequested, Destroyed };
enum class UnlistenReason : std::uint8_t { Unlisten, Once, Purge, Unmount };
enum class EmitApi : std::uint8_t { Emit, EmitTo, EmitFilter };
enum class SourceKind : std::uint8_t { Rust, Js, Periodic, Invoke };
enum class SkipReason : std::uint8_t { Unregistered, WindowGone, EarlierPage };

namespace flag {
inline constexpr std::uint8_t kOnce = 1;
inline constexpr std::uint8_t kDeferred = 2;
inline constexpr std::uint8_t kStale = 4;
inline constexpr std::uint8_t kOk = 8;
inline constexpr std::uint8_t kPanic = 16;
inline constexpr std::uint8_t kCleanup = 32;
inline constexpr std::uint8_t kJs = 64;          // side == js
inline constexpr std::uint8_t kHasTarget = 128;  // emit: target is not null
}  // namespace flag

struct Record {
    std::uint64_t seq = 0;
    std::int64_t t_us = 0;
    RecordType type = RecordType::Error;
    std::uint8_t code = 0;   // WindowAction | UnlistenReason | EmitApi | MatchReason | SkipReason
    std::uint8_t flags = 0;  // flag::*
    std::uint8_t kinds = 0;  // low nibble: target kind; high nibble: call kind or source kind
    std::uint32_t emit = 0;
    std::uint32_t listener = 0;
    Sym event = kNoSym;
    Sym in = kNoSym;   // webview or window label
    Sym aux = kNoSym;  // listener name | command | component | failed op | source name
    Sym target_label = kNoSym;
    // Seen in a real Tauri app through its tap (tauri-plugin-eventlab), not simulated. Fits in
    // the padding before payload: the record does not grow.
    bool observed = false;
    Text payload;  // emit payload (shared by its deliveries) | invoke args | skip: its ids
    Text text;     // message | invoke result or error | accept list | words of a loaded trace

    bool has(std::uint8_t f) const { return (flags & f) != 0; }
    Side side() const { return has(flag::kJs) ? Side::Js : Side::Rust; }
    EventTarget::Kind target_kind() const { return static_cast<EventTarget::Kind>(kinds & 0xF); }
    EventTarget::Kind call_kind() const { return static_cast<EventTarget::Kind>(kinds >> 4); }
    SourceKind source_kind() const { return static_cast<SourceKind>(kinds >> 4); }
    void set_target_kind(EventTarget::Kind k) {
        kinds = static_cast<std::uint8_t>((kinds & 0xF0) | static_cast<std::uint8_t>(k));
    }
    void set_high_kind(std::uint8_t k) {
        kinds = static_cast<std::uint8_t>((kinds & 0x0F) | (k << 4));
    }
};

std::string_view to_string(RecordType type);
std::string_view to_string(WindowAction action);
std::string_view to_string(UnlistenReason reason);
std::string_view to_string(EmitApi api);
std::string_view to_string(Side side);

// The record's target as an EventTarget (listen: the stored target; emit: the call target).
EventTarget record_target(const Record& r, const Symbols& symbols);
// The emit_filter accept list of an emit record (its text holds the list as JSON).
std::vector<EventTarget> emit_accept_list(const Record& emit);
// Who emitted, as the log, the trace and messages show it: "rust", "js:main", "periodic:tick",
// "invoke:send_test_event_from_backend". The bus's Source and a recorded emit both say it so.
std::string describe_source(SourceKind kind, std::string_view name);
// The source of an emit record (its source kind and name).
std::string record_source(const Record& r, const Symbols& symbols);
// Why a deliver record matched / why a skip happened, in words.
std::string record_match_words(const Record& r, const Symbols& symbols);
std::string record_skip_words(const Record& r);

// A skip record stands for every listener one emit skipped in one webview for one reason (a page
// reloaded 100 times under the same label skips 100 stale listeners per emit: one record, not
// 100). `listener` is the first id; with more than one, the payload holds them all as a JSON
// array, "[5,8,11]", which is also the trace's `listeners` field.
Text skip_listener_list(std::span<const std::uint32_t> ids);
// The ids a skip record stands for (at least its `listener`), in the order the page was sent
// them; and how many, without building the list.
std::vector<std::uint32_t> record_skip_listeners(const Record& r);
std::size_t record_skip_count(const Record& r);
// Listener ids for a row or a tooltip: the first `shown`, each after `prefix`, then "…" for the
// rest: "#5, #8, …".
std::string list_ids(std::span<const std::uint32_t> ids, std::size_t shown,
                     std::string_view prefix = {});

}  // namespace eventlab
