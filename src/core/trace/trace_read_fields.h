// What each record type reads, written once for both readers of a record line (trace_read_dom.cpp
// over nlohmann's DOM, trace_read_fast.cpp over simdjson), so that they cannot drift apart. F
// is either reader's field access: ok(), fail(why), get(key, required) -> const json*,
// str(key), sym(key, symbols), words(key), sym_or_null(key, symbols, required), num(key),
// integer(key), boolean(key, required). sym interns a string member; words is a short text that
// many records repeat (match words, skip reasons), which a reader may share between them.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/target.h"
#include "core/record/record.h"

namespace eventlab::trace_fields {

using json = nlohmann::json;

// Index of text in names, stored as a record code; false when it is none of them.
template <size_t N>
bool parse_code(std::string_view text, const std::array<std::string_view, N>& names,
                std::uint8_t& code) {
    for (size_t i = 0; i < N; ++i) {
        if (names[i] == text) {
            code = static_cast<std::uint8_t>(i);
            return true;
        }
    }
    return false;
}

inline constexpr std::array<std::string_view, kRecordTypeCount> kTypes = {
    "window", "listen", "unlisten", "emit",  "deliver", "skip",
    "invoke", "mount",  "unmount",  "error", "expect"};
inline constexpr std::array<std::string_view, 3> kActions = {"created", "close_requested",
                                                             "destroyed"};
inline constexpr std::array<std::string_view, 4> kReasons = {"unlisten", "once", "purge",
                                                             "unmount"};
inline constexpr std::array<std::string_view, 3> kApis = {"emit", "emit_to", "emit_filter"};

template <typename F>
bool read_target(F& f, const json* value, Record& r, Symbols& symbols) {
    if (value == nullptr || !value->is_object()) {
        f.fail("\"target\" must be an object {\"kind\": …}");
        return false;
    }
    std::string error;
    const auto target = parse_target(*value, "/target", error);
    if (!target) {
        f.fail(error);
        return false;
    }
    r.set_target_kind(target->kind);
    r.target_label = target->has_label() ? symbols.intern(target->label) : kNoSym;
    return true;
}

template <typename F>
void read_side(F& f, Record& r) {
    const std::string_view side = f.str("side");
    if (side == "js") {
        r.flags |= flag::kJs;
    } else if (side != "rust" && f.ok()) {
        f.fail("\"side\" must be \"rust\" or \"js\"");
    }
}

template <typename F>
void read_source(F& f, Record& r, Symbols& symbols) {
    const std::string_view from = f.str("from");
    const auto colon = from.find(':');
    const std::string_view kind = from.substr(0, colon);
    const std::string_view name =
        colon == std::string_view::npos ? std::string_view() : from.substr(colon + 1);
    SourceKind source = SourceKind::Rust;
    if (kind == "js") {
        source = SourceKind::Js;
    } else if (kind == "periodic") {
        source = SourceKind::Periodic;
    } else if (kind == "invoke") {
        source = SourceKind::Invoke;
    } else if (from != "rust" && f.ok()) {
        f.fail("\"from\" must be rust, js:LABEL, periodic:ID or invoke:COMMAND");
    }
    r.set_high_kind(static_cast<std::uint8_t>(source));
    r.aux = name.empty() ? kNoSym : symbols.intern(name);
}

template <typename F>
void read_listen(F& f, Record& r, Symbols& symbols) {
    r.listener = static_cast<std::uint32_t>(f.num("listener"));
    r.event = f.sym("event", symbols);
    read_side(f, r);
    r.in = f.sym_or_null("in", symbols);
    read_target(f, f.get("target"), r, symbols);
    if (f.boolean("once")) r.flags |= flag::kOnce;
    r.aux = f.sym_or_null("name", symbols, false);
    if (f.boolean("deferred")) r.flags |= flag::kDeferred;
}

template <typename F>
void read_emit(F& f, Record& r, Symbols& symbols) {
    r.emit = static_cast<std::uint32_t>(f.num("emit"));
    if (!parse_code(f.str("api"), kApis, r.code)) {
        f.fail("\"api\" must be emit, emit_to or emit_filter");
    }
    r.event = f.sym("event", symbols);
    if (const json* target = f.get("target"); target != nullptr && !target->is_null()) {
        if (read_target(f, target, r, symbols)) r.flags |= flag::kHasTarget;
    }
    if (const json* accept = f.get("accept"); accept != nullptr && !accept->is_null()) {
        r.text = make_text(accept->dump());
    }
    read_source(f, r, symbols);
    if (const json* payload = f.get("payload")) r.payload = make_text(payload->dump());
    if (f.boolean("deferred")) r.flags |= flag::kDeferred;
}

template <typename F>
void read_deliver(F& f, Record& r, Symbols& symbols) {
    r.emit = static_cast<std::uint32_t>(f.num("emit"));
    r.listener = static_cast<std::uint32_t>(f.num("listener"));
    read_side(f, r);
    r.in = f.sym_or_null("in", symbols);
    r.event = f.sym("event", symbols);
    r.text = f.words("match");  // the words it was written with
    if (f.boolean("stale")) r.flags |= flag::kStale;
    r.aux = f.sym_or_null("name", symbols, false);
}

// A listener id in a list: an integer that fits Tauri's u32 EventId.
inline bool listener_id(const json& value, std::uint32_t& id) {
    if (!value.is_number_integer()) return false;
    const std::int64_t n = value.get<std::int64_t>();  // a u64 beyond i64 turns negative here
    if (n < 0 || n > std::int64_t{UINT32_MAX}) return false;
    id = static_cast<std::uint32_t>(n);
    return true;
}

// A skip record stands for every listener one emit skipped in one webview for one reason:
// `listeners` lists them (`listener` is the first) and `count` counts them. A trace written
// before that has `listener` alone: one skipped listener.
template <typename F>
void read_skip_listeners(F& f, Record& r) {
    std::vector<std::uint32_t> ids;
    if (const json* list = f.get("listeners", false)) {
        if (!list->is_array() || list->empty()) {
            f.fail("\"listeners\" must be a non-empty array of listener ids");
            return;
        }
        ids.reserve(list->size());
        for (const json& item : *list) {
            if (!listener_id(item, ids.emplace_back())) {
                f.fail("\"listeners\" must be a non-empty array of listener ids");
                return;
            }
        }
        if (ids.front() != r.listener) {
            f.fail("\"listener\" must be the first of \"listeners\"");
            return;
        }
    }
    if (const json* count = f.get("count", false)) {
        std::uint32_t n = 0;
        if (!listener_id(*count, n) || n != std::max<std::size_t>(ids.size(), 1)) {
            f.fail("\"count\" must be the number of \"listeners\"");
            return;
        }
    }
    r.payload = skip_listener_list(ids);
}

template <typename F>
void read_invoke(F& f, Record& r, Symbols& symbols) {
    r.aux = f.sym("command", symbols);
    r.in = f.sym_or_null("in", symbols);
    if (const json* args = f.get("args")) r.payload = make_text(args->dump());
    const bool ok = f.boolean("ok");
    if (ok) {
        r.flags |= flag::kOk;
        const json* result = f.get("result", false);
        r.text = make_text(result != nullptr ? result->dump() : "null");
    } else {
        r.text = make_text(std::string(f.str("error")));
    }
}

template <typename F>
void read_fields(F& f, Record& r, Symbols& symbols) {
    switch (r.type) {
        case RecordType::Window:
            if (!parse_code(f.str("action"), kActions, r.code)) {
                f.fail("\"action\" must be created, close_requested or destroyed");
            }
            r.in = f.sym("label", symbols);
            break;
        case RecordType::Listen:
            read_listen(f, r, symbols);
            break;
        case RecordType::Unlisten:
            r.listener = static_cast<std::uint32_t>(f.num("listener"));
            if (!parse_code(f.str("reason"), kReasons, r.code)) {
                f.fail("\"reason\" must be unlisten, once, purge or unmount");
            }
            if (f.boolean("deferred")) r.flags |= flag::kDeferred;
            r.event = f.sym_or_null("event", symbols, false);
            break;
        case RecordType::Emit:
            read_emit(f, r, symbols);
            break;
        case RecordType::Deliver:
            read_deliver(f, r, symbols);
            break;
        case RecordType::Skip:
            r.emit = static_cast<std::uint32_t>(f.num("emit"));
            r.listener = static_cast<std::uint32_t>(f.num("listener"));
            if (f.ok()) read_skip_listeners(f, r);
            r.text = f.words("reason");
            r.in = f.sym_or_null("in", symbols, false);
            r.event = f.sym_or_null("event", symbols, false);
            r.flags |= flag::kJs;
            break;
        case RecordType::Invoke:
            read_invoke(f, r, symbols);
            break;
        case RecordType::Mount:
        case RecordType::Unmount:
            r.in = f.sym_or_null("in", symbols);
            r.aux = f.sym("component", symbols);
            if (f.boolean("cleanup")) r.flags |= flag::kCleanup;
            break;
        case RecordType::Error:
            r.text = make_text(std::string(f.str("message")));
            r.aux = f.sym("op", symbols);
            if (f.boolean("panic")) r.flags |= flag::kPanic;
            break;
        case RecordType::Expect:
            if (f.boolean("ok")) r.flags |= flag::kOk;
            r.text = make_text(std::string(f.str("message")));
            break;
    }
}

// seq, t_us, type, then the type's fields.
template <typename F>
std::optional<Record> read_record(F& f, Symbols& symbols) {
    Record r;
    r.seq = f.num("seq");
    r.t_us = f.integer("t_us");
    std::uint8_t type = 0;
    const std::string_view type_name = f.str("type");
    if (!parse_code(type_name, kTypes, type) && f.ok()) {
        f.fail("unknown record type \"" + std::string(type_name) + "\"");
    }
    r.type = static_cast<RecordType>(type);
    if (f.ok()) read_fields(f, r, symbols);
    if (f.ok()) r.observed = f.boolean("observed", false);
    if (!f.ok()) return std::nullopt;
    return r;
}

}  // namespace eventlab::trace_fields
