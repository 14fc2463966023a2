// Tauri's EventTarget and what a record keeps about routing: the filter an emission carries and
// why a listener was (or was not) reached, with their words. Below the bus on purpose: a record
// stores these, and the bus, the trace and the views all read them (bus/target.h holds the rule
// that decides a match).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventlab {

// Tauri's EventTarget: six kinds; Any and App carry no label.
struct EventTarget {
    enum class Kind : std::uint8_t { Any, AnyLabel, App, Window, Webview, WebviewWindow };

    Kind kind = Kind::Any;
    std::string label;

    static EventTarget any() { return {Kind::Any, {}}; }
    static EventTarget app() { return {Kind::App, {}}; }
    static EventTarget any_label(std::string l) { return {Kind::AnyLabel, std::move(l)}; }
    static EventTarget window(std::string l) { return {Kind::Window, std::move(l)}; }
    static EventTarget webview(std::string l) { return {Kind::Webview, std::move(l)}; }
    static EventTarget webview_window(std::string l) { return {Kind::WebviewWindow, std::move(l)}; }

    bool has_label() const { return kind != Kind::Any && kind != Kind::App; }
    friend bool operator==(const EventTarget&, const EventTarget&) = default;
};

std::string_view to_string(EventTarget::Kind kind);
std::optional<EventTarget::Kind> parse_target_kind(std::string_view text);
// "Any", "App", "WebviewWindow{main}": the form the GUI and messages use.
std::string describe(const EventTarget& target);
// {"kind":"WebviewWindow","label":"main"}: the trace form (object form always).
std::string target_json(const EventTarget& target);
bool is_window_kind(EventTarget::Kind kind);  // Window, Webview or WebviewWindow
// Targets as scenarios, traces and the bridge write them: "main" is AnyLabel{main}; objects are
// {"kind", "label"}. On failure returns nullopt and sets error to "POINTER: what was expected".
std::optional<EventTarget> parse_target(const nlohmann::json& value, const std::string& pointer,
                                        std::string& error);

// The filter an emission carries; None is a plain emit.
struct EmitFilter {
    enum class Kind : std::uint8_t {
        None,    // emit(): no filter
        Target,  // emit_to(target)
        Accept,  // emit_filter(f) where f accepts exactly the listed targets
        Lost,    // a queued emit_to/emit_filter that lost its filter when it ran (#15759)
    };
    Kind kind = Kind::None;
    EventTarget target;               // for Target
    std::vector<EventTarget> accept;  // for Accept

    static EmitFilter none() { return {}; }
    static EmitFilter to(EventTarget t) { return {Kind::Target, std::move(t), {}}; }
    static EmitFilter accepting(std::vector<EventTarget> a) {
        return {Kind::Accept, {}, std::move(a)};
    }
};

// Why a listener was (or was not) reached; the words come from describe_match().
enum class MatchReason : std::uint8_t {
    // reached
    AnyListener,      // listener target Any: reached by every emission
    NoFilter,         // plain emit: every listener of the event
    AnyLabelAccepts,  // emit_to(AnyLabel{L}) accepts a Window/Webview/WebviewWindow{L} listener
    AnyLabelToLabel,  // emit_to(AnyLabel{L}) accepts an AnyLabel{L} listener (not 2.0)
    EqualTarget,      // emit_to(T) and the listener target is T
    KindToAnyLabel,   // emit_to(Window/Webview/WebviewWindow{L}) accepts AnyLabel{L} (not 2.0)
    FilterAccepts,    // emit_filter: the filter accepted the listener target
    FilterLost,       // the queued emit lost its filter (#15759) and reached everything
    // not reached
    KindsNeverCross,  // Window, Webview and WebviewWindow never accept each other
    LabelDiffers,     // the call names another label
    AppNotLabelled,   // App listeners only get emit, emit_to(App) and filters that accept App
    NotApp,           // emit_to(App) only reaches App (and Any) listeners
    AnyLabel20,       // 2.0: emit_to never reached AnyLabel listeners (fixed by PR #11581)
    FilterRejects,    // emit_filter rejected the listener target
    AnyTargetCall,    // never a miss; placeholder for completeness
};

// Words for the log, the trace and the route view's hover text.
std::string describe_match(MatchReason reason, const EventTarget& listener,
                           const EmitFilter& filter);
// The short stable identifier of a reason ("any_listener", "kinds_never_cross").
std::string_view reason_id(MatchReason reason);

}  // namespace eventlab
