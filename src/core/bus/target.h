// The delivery matrix: which listener targets an emit, emit_to or emit_filter reaches, per mode
// (the targets and reasons themselves are in record/event_target.h).
#pragma once

#include "core/bus/mode.h"
#include "core/record/event_target.h"

namespace eventlab {

struct ModeRules;

struct MatchResult {
    bool matched = false;
    MatchReason reason = MatchReason::NoFilter;
};

// The rule for filtered emits (emit_to, emit_filter); match_listener handles the rest inline.
MatchResult match_filtered(const EventTarget& listener, const EmitFilter& filter, Mode mode);
// The same rule under one row of mode_rules.h, given whole: the tap checks a real app's
// deliveries against it, and a test can hand it a row no release has.
MatchResult match_filtered(const EventTarget& listener, const EmitFilter& filter,
                           const ModeRules& row);

// The single rule the bus applies to every listener (Rust and JS alike). Inline because it runs
// once per listener per emit, and most calls are a plain emit or a global listener.
inline MatchResult match_listener(const EventTarget& listener, const EmitFilter& filter,
                                  Mode mode) {
    // Tauri's match_any_or_filter: an Any listener is never shown to the filter.
    if (listener.kind == EventTarget::Kind::Any) return {true, MatchReason::AnyListener};
    if (filter.kind == EmitFilter::Kind::None) return {true, MatchReason::NoFilter};
    return match_filtered(listener, filter, mode);
}

}  // namespace eventlab
