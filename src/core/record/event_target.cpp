#include "core/record/event_target.h"

#include <array>
#include <nlohmann/json.hpp>

#include "core/util/json_io.h"
#include "core/util/json_text.h"

namespace eventlab {
namespace {

using Kind = EventTarget::Kind;

constexpr std::array<std::string_view, 6> kKindNames = {"Any",    "AnyLabel", "App",
                                                        "Window", "Webview",  "WebviewWindow"};
// The same, as parse_target's messages list them.
constexpr std::string_view kKindList = "Any, AnyLabel, App, Window, Webview, WebviewWindow";

}  // namespace

std::string_view to_string(Kind kind) {
    return kKindNames[static_cast<size_t>(kind)];
}

std::optional<Kind> parse_target_kind(std::string_view text) {
    for (size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == text) return static_cast<Kind>(i);
    }
    return std::nullopt;
}

bool is_window_kind(Kind kind) {
    return kind == Kind::Window || kind == Kind::Webview || kind == Kind::WebviewWindow;
}

std::string describe(const EventTarget& target) {
    std::string out(to_string(target.kind));
    if (target.has_label()) {
        out += '{';
        out += target.label;
        out += '}';
    }
    return out;
}

std::string target_json(const EventTarget& target) {
    std::string out = R"({"kind":")";
    out += to_string(target.kind);
    out += '"';
    if (target.has_label()) {
        out += R"(,"label":)";
        append_json_string(out, target.label);
    }
    out += '}';
    return out;
}

std::string_view reason_id(MatchReason reason) {
    switch (reason) {
        case MatchReason::AnyListener:
            return "any_listener";
        case MatchReason::NoFilter:
            return "no_filter";
        case MatchReason::AnyLabelAccepts:
            return "anylabel_accepts";
        case MatchReason::AnyLabelToLabel:
            return "anylabel_to_anylabel";
        case MatchReason::EqualTarget:
            return "equal_target";
        case MatchReason::KindToAnyLabel:
            return "kind_to_anylabel";
        case MatchReason::FilterAccepts:
            return "filter_accepts";
        case MatchReason::FilterLost:
            return "filter_lost";
        case MatchReason::KindsNeverCross:
            return "kinds_never_cross";
        case MatchReason::LabelDiffers:
            return "label_differs";
        case MatchReason::AppNotLabelled:
            return "app_not_labelled";
        case MatchReason::NotApp:
            return "not_app";
        case MatchReason::AnyLabel20:
            return "anylabel_2_0";
        case MatchReason::FilterRejects:
            return "filter_rejects";
        case MatchReason::AnyTargetCall:
            return "any_target_call";
    }
    return "unknown";
}

std::string describe_match(MatchReason reason, const EventTarget& listener,
                           const EmitFilter& filter) {
    const std::string l = describe(listener);
    const std::string call = describe(filter.target);
    switch (reason) {
        case MatchReason::AnyListener:
            return "listener target Any: a global listener gets every emit, targeted or not";
        case MatchReason::NoFilter:
            return "emit has no target: every listener of the event";
        case MatchReason::AnyLabelAccepts:
            return "emit_to " + call + " accepts " + l + " (a bare label matches every kind)";
        case MatchReason::AnyLabelToLabel:
            return "emit_to " + call + " accepts " + l;
        case MatchReason::EqualTarget:
            return "emit_to " + call + " equals the listener target";
        case MatchReason::KindToAnyLabel:
            return "emit_to " + call + " also reaches " + l + " listeners";
        case MatchReason::FilterAccepts:
            return "emit_filter accepted " + l;
        case MatchReason::FilterLost:
            return "queued while a Rust handler ran; the queued emit lost its filter (#15759)";
        case MatchReason::KindsNeverCross:
            return "target " + l + ": emit_to " + call +
                   " does not reach it (Window, Webview and WebviewWindow never cross)";
        case MatchReason::LabelDiffers:
            return "target " + l + ": emit_to is for " + call;
        case MatchReason::AppNotLabelled:
            return "target App: only emit, emit_to(App) or emit_filter reach it";
        case MatchReason::NotApp:
            return "target " + l + ": emit_to(App) only reaches App";
        case MatchReason::AnyLabel20:
            return "target " + l + ": in 2.0 emit_to never reached AnyLabel listeners (PR #11581)";
        case MatchReason::FilterRejects:
            return "target " + l + ": emit_filter rejected it";
        case MatchReason::AnyTargetCall:
            return "emit_to Any behaves as emit";
    }
    return "unknown";
}

std::optional<EventTarget> parse_target(const nlohmann::json& value, const std::string& pointer,
                                        std::string& error) {
    using Kind = EventTarget::Kind;
    if (value.is_string()) return EventTarget::any_label(value.get<std::string>());
    if (!value.is_object()) {
        error = json_pointer_message(pointer,
                                     R"(expected a target: a label or {"kind", "label"}; got )" +
                                         describe_json_value(value));
        return std::nullopt;
    }
    const auto kind_it = value.find("kind");
    if (kind_it == value.end()) {
        error = json_pointer_message(
            pointer, R"(target needs "kind" (one of )" + std::string(kKindList) + ")");
        return std::nullopt;
    }
    const std::optional<Kind> kind = kind_it->is_string()
                                         ? parse_target_kind(kind_it->get_ref<const std::string&>())
                                         : std::nullopt;
    if (!kind) {
        error = json_pointer_message(
            json_pointer_child(pointer, "kind"),
            "expected one of " + std::string(kKindList) + "; got " + describe_json_value(*kind_it));
        return std::nullopt;
    }
    EventTarget target{*kind, {}};
    // Any and App carry no label: one written anyway is ignored.
    if (!target.has_label()) return target;
    const auto label_it = value.find("label");
    if (label_it == value.end()) {
        error = json_pointer_message(
            pointer, "kind " + json_quote(to_string(*kind)) + R"( needs "label" (a string))");
        return std::nullopt;
    }
    if (!label_it->is_string()) {
        error = json_pointer_message(json_pointer_child(pointer, "label"),
                                     "expected a string; got " + describe_json_value(*label_it));
        return std::nullopt;
    }
    target.label = label_it->get<std::string>();
    return target;
}

}  // namespace eventlab
