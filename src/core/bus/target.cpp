#include "core/bus/target.h"

#include <algorithm>

#include "core/bus/mode_rules.h"

namespace eventlab {
namespace {

using Kind = EventTarget::Kind;

// emit_to(call) against one listener target, per Tauri's filter_target (2.1+) or the 2.0 rule.
MatchResult match_emit_to(const EventTarget& listener, const EventTarget& call,
                          const ModeRules& row) {
    const bool modern = row.any_label_matching;
    if (call.kind == Kind::Any) return {true, MatchReason::NoFilter};
    if (call.kind == Kind::AnyLabel) {
        if (listener.kind == Kind::AnyLabel) {
            if (!modern) return {false, MatchReason::AnyLabel20};
            return listener.label == call.label ? MatchResult{true, MatchReason::AnyLabelToLabel}
                                                : MatchResult{false, MatchReason::LabelDiffers};
        }
        if (is_window_kind(listener.kind)) {
            return listener.label == call.label ? MatchResult{true, MatchReason::AnyLabelAccepts}
                                                : MatchResult{false, MatchReason::LabelDiffers};
        }
        return {false, MatchReason::AppNotLabelled};
    }
    if (call.kind == Kind::App) {
        return listener.kind == Kind::App ? MatchResult{true, MatchReason::EqualTarget}
                                          : MatchResult{false, MatchReason::NotApp};
    }
    // call is Window, Webview or WebviewWindow{L}
    if (listener.kind == Kind::App) return {false, MatchReason::AppNotLabelled};
    if (listener.kind == Kind::AnyLabel) {
        if (!modern) return {false, MatchReason::AnyLabel20};
        return listener.label == call.label ? MatchResult{true, MatchReason::KindToAnyLabel}
                                            : MatchResult{false, MatchReason::LabelDiffers};
    }
    if (listener.kind != call.kind) return {false, MatchReason::KindsNeverCross};
    return listener.label == call.label ? MatchResult{true, MatchReason::EqualTarget}
                                        : MatchResult{false, MatchReason::LabelDiffers};
}

}  // namespace

MatchResult match_filtered(const EventTarget& listener, const EmitFilter& filter, Mode mode) {
    return match_filtered(listener, filter, rules(mode));
}

MatchResult match_filtered(const EventTarget& listener, const EmitFilter& filter,
                           const ModeRules& row) {
    if (listener.kind == Kind::Any) return {true, MatchReason::AnyListener};
    switch (filter.kind) {
        case EmitFilter::Kind::None:
            return {true, MatchReason::NoFilter};
        case EmitFilter::Kind::Lost:
            return {true, MatchReason::FilterLost};
        case EmitFilter::Kind::Target:
            return match_emit_to(listener, filter.target, row);
        case EmitFilter::Kind::Accept: {
            const bool accepted = std::find(filter.accept.begin(), filter.accept.end(), listener) !=
                                  filter.accept.end();
            return {accepted, accepted ? MatchReason::FilterAccepts : MatchReason::FilterRejects};
        }
    }
    return {false, MatchReason::FilterRejects};
}

}  // namespace eventlab
