#include "view/log/log_rows.h"

#include <cinttypes>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/util/utf8.h"
#include "view/log/log_rows_internal.h"

namespace eventlab {

using namespace log_rows_detail;  // NOLINT(google-build-using-namespace): private helpers

namespace {

// Fixed words shared by the cells and the filter, so that what the filter finds is what the
// row shows.
constexpr std::string_view kQueued = "queued: a Rust handler was running";
// A deferred JS unlisten is 2.0's: the page forgets the callback only when a later eval arrives,
// whether or not a Rust handler was running.
constexpr std::string_view kLaterEval = "pending: the page drops the callback at its next eval";

std::string_view deferred_words(const Record& r) {
    return r.type == RecordType::Unlisten && r.has(flag::kJs) ? kLaterEval : kQueued;
}
constexpr std::string_view kStale = "stale: its component unmounted or its window is gone";

std::string_view window_words(const Record& r) {
    switch (static_cast<WindowAction>(r.code)) {
        case WindowAction::Created:
            return "created";
        case WindowAction::CloseRequested:
            return "close requested";
        case WindowAction::Destroyed:
            return "destroyed";
    }
    return "created";
}

std::string_view unlisten_words(const Record& r) {
    switch (static_cast<UnlistenReason>(r.code)) {
        case UnlistenReason::Unlisten:
            return "unlisten";
        case UnlistenReason::Once:
            return "once: removed when it was called";
        case UnlistenReason::Purge:
            return "purge: its window was destroyed";
        case UnlistenReason::Unmount:
            return "unmount: its component cleaned up";
    }
    return "unlisten";
}

std::string_view mount_words(const Record& r) {
    if (r.type == RecordType::Mount) return r.has(flag::kCleanup) ? "with cleanup" : "no cleanup";
    return r.has(flag::kCleanup) ? "cleanup: its listeners are removed"
                                 : "no cleanup: its listeners leak";
}

// "js:main" for JS listeners (and anything else a webview did), "rust" otherwise.
std::string origin(const Record& r, const Symbols& symbols) {
    if (r.in == kNoSym) return "rust";
    return "js:" + std::string(symbols.view(r.in));
}

// The call that registered an unnamed listener, as its code reads: listen('tick') in a page
// (once() is listen() underneath in @tauri-apps/api), app.listen("tick") and the like in Rust.
std::string listen_call(const Record& r, const Symbols& symbols) {
    const std::string event(symbols.view(r.event));
    if (r.side() == Side::Js) {
        return std::string(r.type == RecordType::Listen && r.has(flag::kOnce) ? "once" : "listen") +
               "('" + event + "')";
    }
    switch (r.target_kind()) {
        case EventTarget::Kind::Any:
            return "app.listen_any(\"" + event + "\")";
        case EventTarget::Kind::App:
            return "app.listen(\"" + event + "\")";
        default:
            return "window.listen(\"" + event + "\")";
    }
}

// A skip record that stands for several listeners (one record per emit, webview and reason):
// ", 40 listeners: ids 5, 8, 11, …"; nothing for a record of one listener.
std::string several_listeners(const Record& r) {
    if (r.type != RecordType::Skip || record_skip_count(r) < 2) return {};
    const std::vector<std::uint32_t> ids = record_skip_listeners(r);
    return ", " + std::to_string(ids.size()) + " listeners: ids " + list_ids(ids, 5);
}

// The listener as a person named it ("feed"), or as its code registered it ("listen('tick')");
// the id is in the row's tooltip and its search fields ("id 3").
std::string listener_cell(const Record& r, const Symbols& symbols) {
    if (r.aux != kNoSym) return std::string(symbols.view(r.aux));
    if (r.event != kNoSym) return listen_call(r, symbols) + several_listeners(r);
    return "id " + std::to_string(r.listener) + several_listeners(r);
}

// The first line of text, control characters as spaces, cut to max_chars code points.
std::string preview(std::string_view text, std::size_t max_chars) {
    const std::string_view line = text.substr(0, text.find_first_of("\r\n"));
    std::string out(utf8::first_chars(line, max_chars));
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    if (out.size() < text.size()) out += "\u2026";
    return out;
}

}  // namespace

namespace log_rows_detail {

// The fields that depend only on what RowMatcher's signature key holds (no ids, no payload,
// no text): computed once per distinct signature.
void signature_fields(const Record& r, const Symbols& symbols, const FieldVisit& visit) {
    visit(to_string(r.type));
    switch (r.type) {
        case RecordType::Window:
            visit(symbols.view(r.in));
            visit(window_words(r));
            break;
        case RecordType::Listen:
            visit(symbols.view(r.event));
            visit(origin(r, symbols));
            visit(symbols.view(r.aux));
            visit("target " + describe(record_target(r, symbols)));
            if (r.has(flag::kOnce)) visit("once");
            if (r.has(flag::kDeferred)) visit(kQueued);
            break;
        case RecordType::Unlisten:
            visit(symbols.view(r.event));
            visit(origin(r, symbols));
            visit(unlisten_words(r));
            if (r.has(flag::kDeferred)) visit(deferred_words(r));
            break;
        case RecordType::Emit:
            visit(symbols.view(r.event));
            visit(record_source(r, symbols));
            // emit_filter's accept list lives in the text: the text field covers it.
            if (static_cast<EmitApi>(r.code) != EmitApi::EmitFilter) {
                visit(emit_call_description(r, symbols));
            }
            visit(to_string(static_cast<EmitApi>(r.code)));
            if (r.has(flag::kDeferred)) visit(kQueued);
            break;
        case RecordType::Deliver:
        case RecordType::Skip: {
            const std::string receiver = receiver_name(r, symbols);
            visit(symbols.view(r.event));
            visit(receiver);
            visit(symbols.view(r.aux));
            visit(delivery_key(symbols.view(r.event), receiver));
            if (r.type == RecordType::Deliver) {
                if (!r.text) visit(record_match_words(r, symbols));
                if (r.has(flag::kStale)) visit(kStale);
            } else if (!r.text) {
                visit(record_skip_words(r));
            }
            break;
        }
        case RecordType::Invoke:
            visit(symbols.view(r.aux));
            visit(origin(r, symbols));
            visit(r.has(flag::kOk) ? "ok" : "error");
            break;
        case RecordType::Mount:
        case RecordType::Unmount:
            visit(symbols.view(r.aux));
            visit(origin(r, symbols));
            visit(mount_words(r));
            break;
        case RecordType::Error:
            visit(symbols.view(r.aux));
            if (r.has(flag::kPanic)) visit("panic");
            break;
        case RecordType::Expect:
            visit(r.has(flag::kOk) ? "ok" : "FAILED");
            break;
    }
}

bool has_emit_id(const Record& r) {
    return r.type == RecordType::Emit || r.type == RecordType::Deliver ||
           r.type == RecordType::Skip;
}

bool has_listener_id(const Record& r) {
    return r.type == RecordType::Listen || r.type == RecordType::Unlisten ||
           r.type == RecordType::Deliver || r.type == RecordType::Skip;
}

bool is_accept_list(const Record& r) {
    return r.type == RecordType::Emit && static_cast<EmitApi>(r.code) == EmitApi::EmitFilter;
}

std::string accept_description(const Record& r) {
    std::string out = "filter[";
    const std::vector<EventTarget> accept = emit_accept_list(r);
    for (std::size_t i = 0; i < accept.size(); ++i) {
        if (i > 0) out += ", ";
        out += describe(accept[i]);
    }
    out += ']';
    return out;
}

}  // namespace log_rows_detail

std::string delivery_warning(const Record& r, std::string_view component) {
    if (r.type != RecordType::Deliver || !r.has(flag::kStale)) return {};
    if (!component.empty())
        return "handler of unmounted component `" + std::string(component) + "` ran";
    if (r.side() == Side::Js) return "handler of an unmounted component ran (leaked listener)";
    return "handler of a closed window's listener ran (stale)";
}

std::string format_time(std::int64_t t_us) {
    char buffer[32];
    const bool negative = t_us < 0;
    const std::uint64_t us =
        negative ? static_cast<std::uint64_t>(-(t_us + 1)) + 1 : static_cast<std::uint64_t>(t_us);
    std::snprintf(buffer, sizeof buffer, "%s%" PRIu64 ".%03" PRIu64 " s", negative ? "-" : "",
                  us / 1'000'000, (us / 1000) % 1000);
    return buffer;
}

std::string receiver_name(const Record& r, const Symbols& symbols) {
    if (r.side() == Side::Rust || r.in == kNoSym) return "rust";
    return "js:" + std::string(symbols.view(r.in));
}

std::string delivery_key(std::string_view event, std::string_view receiver) {
    std::string out = "[";
    out += event;
    out += '@';
    out += receiver;
    out += ']';
    return out;
}

std::string emit_call_description(const Record& emit, const Symbols& symbols) {
    switch (static_cast<EmitApi>(emit.code)) {
        case EmitApi::Emit:
            return "all";
        case EmitApi::EmitTo:
            return describe(record_target(emit, symbols));
        case EmitApi::EmitFilter:
            return accept_description(emit);
    }
    return "all";
}

LogRow describe_row(const Record& r, const Symbols& symbols, const RowStyle& style) {
    LogRow row;
    row.time = format_time(r.t_us);
    row.type = std::string(to_string(r.type));
    if (has_emit_id(r)) row.emit = "#" + std::to_string(r.emit);
    if (has_listener_id(r)) row.listener = listener_cell(r, symbols);
    const std::string_view arrow = style.arrow;
    std::string_view left_arrow = arrow;
    while (!left_arrow.empty() && left_arrow.front() == ' ')
        left_arrow.remove_prefix(1);
    switch (r.type) {
        case RecordType::Window:
            row.route = symbols.view(r.in);
            row.reason = window_words(r);
            break;
        case RecordType::Listen:
            row.event = symbols.view(r.event);
            row.route = origin(r, symbols);
            row.reason = "target " + describe(record_target(r, symbols));
            if (r.has(flag::kOnce)) row.reason += ", once";
            if (r.has(flag::kDeferred)) row.reason += std::string(", ") += kQueued;
            break;
        case RecordType::Unlisten:
            row.event = symbols.view(r.event);
            row.route = origin(r, symbols);
            row.listener = "id " + std::to_string(r.listener);
            row.reason = unlisten_words(r);
            if (r.has(flag::kDeferred)) row.reason += std::string(", ") += deferred_words(r);
            break;
        case RecordType::Emit:
            row.event = symbols.view(r.event);
            row.route = record_source(r, symbols);
            row.route += arrow;
            row.route += emit_call_description(r, symbols);
            row.payload =
                preview(r.payload ? std::string_view(*r.payload) : "null", style.payload_chars);
            row.reason = to_string(static_cast<EmitApi>(r.code));
            if (r.has(flag::kDeferred)) row.reason += std::string(", ") += kQueued;
            break;
        case RecordType::Deliver:
            row.event = symbols.view(r.event);
            row.route = std::string(left_arrow) + receiver_name(r, symbols);
            if (r.payload) row.payload = preview(*r.payload, style.payload_chars);
            row.reason = record_match_words(r, symbols);
            if (r.has(flag::kStale)) {
                row.reason = std::string(kStale) + "; " + row.reason;
                row.warn = true;
                row.warning = delivery_warning(r);
            }
            break;
        case RecordType::Skip:
            row.event = symbols.view(r.event);
            row.route = std::string(left_arrow) + receiver_name(r, symbols);
            row.reason = record_skip_words(r);
            break;
        case RecordType::Invoke: {
            const bool ok = r.has(flag::kOk);
            row.event = symbols.view(r.aux);
            row.route = origin(r, symbols);
            row.route += arrow;
            row.route += "rust";
            row.payload =
                preview(r.payload ? std::string_view(*r.payload) : "{}", style.payload_chars);
            row.reason = (ok ? "ok: " : "error: ") + preview(bounded(r.text), 200);
            row.warn = !ok;
            break;
        }
        case RecordType::Mount:
        case RecordType::Unmount:
            row.event = symbols.view(r.aux);
            row.route = origin(r, symbols);
            row.reason = mount_words(r);
            row.warn = r.type == RecordType::Unmount && !r.has(flag::kCleanup);
            break;
        case RecordType::Error:
            row.event = symbols.view(r.aux);
            row.reason = (r.has(flag::kPanic) ? "panic: " : "") + preview(bounded(r.text), 400);
            row.warn = true;
            break;
        case RecordType::Expect:
            row.reason = (r.has(flag::kOk) ? "ok: " : "FAILED: ") + preview(bounded(r.text), 400);
            row.warn = !r.has(flag::kOk);
            break;
    }
    // A real app's record (through its tap) says so first; a delivery's words already do.
    if (r.observed && !row.reason.starts_with("observed")) row.reason = "observed; " + row.reason;
    return row;
}

void for_each_search_field(const Record& r, const Symbols& symbols, const FieldVisit& visit) {
    signature_fields(r, symbols, visit);
    if (has_emit_id(r)) visit("#" + std::to_string(r.emit));
    if (r.type == RecordType::Skip) {
        for (const std::uint32_t id : record_skip_listeners(r))
            visit("id " + std::to_string(id));
    } else if (has_listener_id(r)) {
        visit("id " + std::to_string(r.listener));
    }
    if (r.payload) visit(bounded(r.payload));
    if (r.text) {
        if (is_accept_list(r)) {
            visit(accept_description(r));
        } else {
            visit(bounded(r.text));
        }
    }
}

}  // namespace eventlab
