#include "core/record/record.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

namespace eventlab {

std::string_view to_string(RecordType type) {
    static constexpr std::array<std::string_view, kRecordTypeCount> kNames = {
        "window", "listen", "unlisten", "emit",  "deliver", "skip",
        "invoke", "mount",  "unmount",  "error", "expect"};
    return kNames[static_cast<size_t>(type)];
}

std::string_view to_string(WindowAction action) {
    switch (action) {
        case WindowAction::Created:
            return "created";
        case WindowAction::CloseRequested:
            return "close_requested";
        case WindowAction::Destroyed:
            return "destroyed";
    }
    return "created";
}

std::string_view to_string(UnlistenReason reason) {
    switch (reason) {
        case UnlistenReason::Unlisten:
            return "unlisten";
        case UnlistenReason::Once:
            return "once";
        case UnlistenReason::Purge:
            return "purge";
        case UnlistenReason::Unmount:
            return "unmount";
    }
    return "unlisten";
}

std::string_view to_string(EmitApi api) {
    switch (api) {
        case EmitApi::Emit:
            return "emit";
        case EmitApi::EmitTo:
            return "emit_to";
        case EmitApi::EmitFilter:
            return "emit_filter";
    }
    return "emit";
}

std::string_view to_string(Side side) {
    return side == Side::Js ? "js" : "rust";
}

EventTarget record_target(const Record& r, const Symbols& symbols) {
    EventTarget target;
    target.kind = r.target_kind();
    if (target.has_label()) target.label = std::string(symbols.view(r.target_label));
    return target;
}

std::string describe_source(SourceKind kind, std::string_view name) {
    switch (kind) {
        case SourceKind::Rust:
            return "rust";
        case SourceKind::Js:
            return "js:" + std::string(name);
        case SourceKind::Periodic:
            return "periodic:" + std::string(name);
        case SourceKind::Invoke:
            return "invoke:" + std::string(name);
    }
    return "rust";
}

std::string record_source(const Record& r, const Symbols& symbols) {
    return describe_source(r.source_kind(), symbols.view(r.aux));
}

std::string record_match_words(const Record& r, const Symbols& symbols) {
    if (r.text) return *r.text;  // a loaded trace keeps the words it was written with
    const EventTarget listener = record_target(r, symbols);
    EmitFilter call;
    call.target.kind = r.call_kind();
    // Every reached-by-label reason compares equal labels, so the listener's label is the call's.
    if (call.target.has_label()) call.target.label = listener.label;
    return describe_match(static_cast<MatchReason>(r.code), listener, call);
}

std::string record_skip_words(const Record& r) {
    if (r.text) return *r.text;
    switch (static_cast<SkipReason>(r.code)) {
        case SkipReason::WindowGone:
            return "its window was destroyed before the delivery ran";
        case SkipReason::EarlierPage:
            return "registered by an earlier page under this label (its window was closed and "
                   "the listener never removed): this page has no callback for the id";
        case SkipReason::Unregistered:
            break;
    }
    return "unlistened after the emit was queued: the page has no callback for this id";
}

Text skip_listener_list(std::span<const std::uint32_t> ids) {
    if (ids.size() < 2) return nullptr;  // the record's `listener` says it
    std::string out = "[";
    for (const std::uint32_t id : ids) {
        if (out.size() > 1) out += ',';
        out += std::to_string(id);
    }
    out += ']';
    return make_text(std::move(out));
}

std::vector<std::uint32_t> record_skip_listeners(const Record& r) {
    if (r.type != RecordType::Skip || !r.payload) return {r.listener};
    // Written by skip_listener_list (the bus, or a trace reader after checking the list).
    std::vector<std::uint32_t> out;
    const std::string& list = *r.payload;
    const char* at = list.data();
    const char* end = at + list.size();
    while (at < end) {
        std::uint32_t id = 0;
        const auto [next, error] = std::from_chars(at, end, id);
        if (error == std::errc()) {
            out.push_back(id);
            at = next;
        } else {
            ++at;  // '[', ',' or ']'
        }
    }
    if (out.empty()) out.push_back(r.listener);
    return out;
}

std::size_t record_skip_count(const Record& r) {
    if (r.type != RecordType::Skip || !r.payload) return 1;
    return static_cast<std::size_t>(std::count(r.payload->begin(), r.payload->end(), ',')) + 1;
}

std::string list_ids(std::span<const std::uint32_t> ids, std::size_t shown,
                     std::string_view prefix) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < shown; ++i) {
        if (i > 0) out += ", ";
        out += prefix;
        out += std::to_string(ids[i]);
    }
    if (ids.size() > shown) out += ", \u2026";
    return out;
}

std::vector<EventTarget> emit_accept_list(const Record& emit) {
    std::vector<EventTarget> out;
    if (!emit.text) return out;
    const nlohmann::json list = nlohmann::json::parse(*emit.text, nullptr, false);
    if (!list.is_array()) return out;
    std::string error;
    for (const auto& item : list) {
        if (auto target = parse_target(item, "/accept", error)) out.push_back(std::move(*target));
    }
    return out;
}

}  // namespace eventlab
