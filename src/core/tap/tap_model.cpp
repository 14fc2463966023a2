#include "core/tap/tap_model.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/bus/bus.h"
#include "core/record/recorder.h"

namespace eventlab {
namespace {

using json = nlohmann::json;

// The string member `key`, or empty with `error` set (nothing else in a tap record is required).
std::string tap_string(const json& r, const char* key, std::string& error) {
    const auto it = r.find(key);
    if (it == r.end() || !it->is_string()) {
        if (error.empty()) error = std::string("\"") + key + "\" must be a string";
        return {};
    }
    return it->get<std::string>();
}

std::uint32_t tap_id(const json& r, const char* key, std::string& error) {
    const auto it = r.find(key);
    if (it == r.end() || !it->is_number_unsigned() ||
        it->get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()) {
        if (error.empty()) error = std::string("\"") + key + "\" must be a listener id (a u32)";
        return 0;
    }
    return it->get<std::uint32_t>();
}

// A payload as one canonical text: JS and Rust write the same value with keys in any order.
std::string tap_payload(const json& r) {
    const auto it = r.find("payload");
    return it == r.end() ? std::string("null") : it->dump();
}

std::string tap_target(const json& r, EventTarget& target) {
    const auto it = r.find("target");
    if (it == r.end() || it->is_null()) {
        target = EventTarget::any();
        return {};
    }
    std::string error;
    auto parsed = parse_target(*it, "/target", error);
    if (!parsed) return error;
    target = std::move(*parsed);
    return {};
}

// The mode_rules.h field a match reason depends on, for the words of a flag.
std::string_view tap_rule_field(MatchReason reason) {
    switch (reason) {
        case MatchReason::AnyLabel20:
        case MatchReason::AnyLabelToLabel:
        case MatchReason::KindToAnyLabel:
            return "any_label_matching";
        default:
            return {};
    }
}

}  // namespace

TapModel::TapModel(EventBus& bus, Recorder& recorder, const ModeRules& row, std::string name)
    : bus_(bus), recorder_(recorder), row_(row), model_name_(std::move(name)) {
    if (model_name_.empty()) model_name_ = row_.name;
}

std::optional<ModeRules> override_rule(ModeRules row, std::string_view assignment,
                                       std::string& error) {
    const auto equals = assignment.find('=');
    const std::string_view field = assignment.substr(0, equals);
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view() : assignment.substr(equals + 1);
    if (value != "true" && value != "false") {
        error =
            "a rule override is FIELD=true or FIELD=false, not `" + std::string(assignment) + "`";
        return std::nullopt;
    }
    std::string known;
    for (const RuleFlag& flag : kRuleFlags) {
        if (flag.name == field) {
            row.*flag.field = value == "true";
            return row;
        }
        known += (known.empty() ? "" : ", ") + std::string(flag.name);
    }
    error = "unknown rule `" + std::string(field) + "` (" + known + ")";
    return std::nullopt;
}

std::string TapModel::observe(const json& record, std::int64_t now_us) {
    if (!record.is_object()) return "an observed record must be a JSON object";
    std::string error;
    const std::string type = tap_string(record, "type", error);
    if (!error.empty()) return error;
    std::lock_guard lock(mutex_);
    if (type == "listen") {
        error = listen(record);
    } else if (type == "unlisten") {
        error = unlisten(record);
    } else if (type == "emit") {
        error = emit(record, now_us);
    } else if (type == "deliver") {
        error = deliver(record, now_us);
    } else if (type == "invoke") {
        error = invoke(record);
    } else if (type == "window") {
        error = window(record);
    } else if (type == "page_load") {
        error = page_load(record);
    } else if (type == "error") {
        error = this->error(record);
    } else {
        error = "unknown observed record type \"" + type +
                "\" (listen, unlisten, emit, deliver, invoke, window, page_load, error)";
    }
    if (error.empty()) ++counts_.records;
    return error;
}

std::string TapModel::listen(const json& r) {
    std::string error;
    Listener l;
    l.webview = tap_string(r, "in", error);
    l.event = tap_string(r, "event", error);
    const std::uint32_t id = tap_id(r, "listener", error);
    if (error.empty()) error = tap_target(r, l.target);
    if (!error.empty()) return error;
    Symbols& symbols = recorder_.symbols();
    Record rec;
    rec.type = RecordType::Listen;
    rec.listener = id;
    rec.event = symbols.intern(l.event);
    rec.in = symbols.intern(l.webview);
    rec.set_target_kind(l.target.kind);
    if (l.target.has_label()) rec.target_label = symbols.intern(l.target.label);
    rec.flags |= flag::kJs;
    append(std::move(rec));
    // A page that listens has a window, even one whose creation the tap did not see.
    if (live_window(l.webview) == nullptr) {
        windows_.push_back({l.webview, next_instance_++, true, {}});
    }
    listeners_[id] = std::move(l);
    ++version_;
    return {};
}

std::string TapModel::unlisten(const json& r) {
    std::string error;
    const std::uint32_t id = tap_id(r, "listener", error);
    if (!error.empty()) return error;
    Record rec;
    rec.type = RecordType::Unlisten;
    rec.code = static_cast<std::uint8_t>(UnlistenReason::Unlisten);
    rec.listener = id;
    rec.flags |= flag::kJs;
    if (const auto event = r.find("event"); event != r.end() && event->is_string()) {
        rec.event = recorder_.symbols().intern(event->get<std::string>());
    }
    // The page it came from, for the panels (the lifecycle keeps a removed listener under its
    // window); the trace's unlisten record has no `in`.
    const auto listener = listeners_.find(id);
    if (const auto in = r.find("in"); in != r.end() && in->is_string()) {
        rec.in = recorder_.symbols().intern(in->get<std::string>());
    } else if (listener != listeners_.end()) {
        rec.in = recorder_.symbols().intern(listener->second.webview);
    }
    append(std::move(rec));
    // Kept, marked: nothing more is predicted for it, and a later delivery is judged by
    // js_unlisten_at_once (before @tauri-apps/api 2.6 the page kept the callback until a later
    // eval, so deliveries already under way could still reach it).
    if (listener != listeners_.end()) listener->second.unlistened = true;
    ++version_;
    return {};
}

std::string TapModel::emit(const json& r, std::int64_t now_us) {
    std::string error;
    const std::string from = tap_string(r, "in", error);
    const std::string api = tap_string(r, "api", error);
    OpenEmit e;
    e.event = tap_string(r, "event", error);
    if (!error.empty()) return error;
    EventTarget target;
    if (api == "emit_to") {
        error = tap_target(r, target);
        if (!error.empty()) return error;
        e.filter = EmitFilter::to(target);
    } else if (api != "emit") {
        return "\"api\" must be emit or emit_to (what a page can call)";
    }
    e.id = bus_.reserve_emit_id();
    e.payload = tap_payload(r);
    e.t_us = now_us;
    e.description = "emit " + std::to_string(e.id) + " `" + e.event + "` (" + api +
                    (api == "emit_to" ? " " + describe(target) : std::string()) +
                    " from js:" + from + ")";
    for (const auto& [id, l] : listeners_) {
        if (l.unlistened || l.event != e.event) continue;
        const MatchResult m = match_filtered(l.target, e.filter, row_);
        if (m.matched) e.predicted.emplace(id, m.reason);
    }
    record_emit(e, api == "emit" ? EmitApi::Emit : EmitApi::EmitTo, "js:" + from,
                api == "emit_to" ? &target : nullptr);
    open_.push_back(std::move(e));
    return {};
}

void TapModel::record_emit(const OpenEmit& e, EmitApi api, std::string_view from,
                           const EventTarget* target) {
    Symbols& symbols = recorder_.symbols();
    Record rec;
    rec.type = RecordType::Emit;
    rec.code = static_cast<std::uint8_t>(api);
    rec.emit = e.id;
    rec.event = symbols.intern(e.event);
    if (target != nullptr) {
        rec.flags |= flag::kHasTarget;
        rec.set_target_kind(target->kind);
        if (target->has_label()) rec.target_label = symbols.intern(target->label);
    }
    const bool js = from.starts_with("js:");
    rec.set_high_kind(static_cast<std::uint8_t>(js ? SourceKind::Js : SourceKind::Rust));
    if (js) rec.aux = symbols.intern(from.substr(3));
    rec.payload = make_text(e.payload);
    append(std::move(rec));
}

TapModel::OpenEmit* TapModel::open_emit_for(std::string_view event, const std::string& payload,
                                            std::uint32_t listener) {
    for (auto& e : open_) {
        if (e.event == event && e.payload == payload && e.delivered.count(listener) == 0) return &e;
    }
    return nullptr;
}

TapModel::OpenEmit& TapModel::infer_emit(std::string_view event, const std::string& payload,
                                         std::int64_t now_us) {
    OpenEmit e;
    e.id = bus_.reserve_emit_id();
    e.event = std::string(event);
    e.payload = payload;
    e.inferred = true;
    e.t_us = now_us;
    e.description = "emit " + std::to_string(e.id) + " `" + e.event + "` (made in Rust)";
    record_emit(e, EmitApi::Emit, "rust", nullptr);
    open_.push_back(std::move(e));
    return open_.back();
}

std::string TapModel::deliver(const json& r, std::int64_t now_us) {
    std::string error;
    const std::string webview = tap_string(r, "in", error);
    const std::string event = tap_string(r, "event", error);
    const std::uint32_t id = tap_id(r, "listener", error);
    if (!error.empty()) return error;
    ++counts_.deliveries;
    const std::string payload = tap_payload(r);
    OpenEmit* e = open_emit_for(event, payload, id);
    if (e == nullptr) e = &infer_emit(event, payload, now_us);
    e->delivered.insert(id);

    const auto l = listeners_.find(id);
    if (l != listeners_.end()) {
        ++l->second.calls;
        l->second.last_payload = payload;
    }
    const auto predicted = e->predicted.find(id);
    std::string words;
    if (e->inferred) {
        words = "observed; not checked: the emit was made in Rust, which a tap cannot see";
    } else if (l == listeners_.end()) {
        words = "observed; not checked: the tap saw no listen for this listener";
    } else if (predicted != e->predicted.end()) {
        ++counts_.checked;
        words = "observed, as the " + model_name_ + " model predicts: " +
                describe_match(predicted->second, l->second.target, e->filter);
    } else if (l->second.unlistened && !row_.js_unlisten_at_once) {
        ++counts_.checked;
        words = "observed after the page's unlisten, as " + model_name_ +
                " allows (the page drops the callback later)";
    } else if (l->second.unlistened) {
        ++counts_.checked;
        ++counts_.unexpected;
        const std::string why =
            "the page had unlistened it, and drops the callback at once (rule "
            "js_unlisten_at_once = true, PR #13306)";
        words = "observed, not predicted by the " + model_name_ + " model: " + why;
        flag("Tauri delivered " + e->description + " to listener " + std::to_string(id) + " in " +
             webview + " after its unlisten: " + why);
    } else {
        ++counts_.checked;
        ++counts_.unexpected;
        const MatchResult m = l->second.event == event
                                  ? match_filtered(l->second.target, e->filter, row_)
                                  : MatchResult{false, MatchReason::FilterRejects};
        const std::string why = l->second.event == event
                                    ? describe_match(m.reason, l->second.target, e->filter)
                                    : "the listener is for `" + l->second.event + "`";
        words = "observed, not predicted by the " + model_name_ + " model: " + why;
        flag("Tauri delivered " + e->description + " to listener " + std::to_string(id) + " in " +
             webview + ", which the " + model_name_ + " model does not predict: " + why + "; " +
             rule_words(m.reason));
    }
    Symbols& symbols = recorder_.symbols();
    Record rec;
    rec.type = RecordType::Deliver;
    rec.emit = e->id;
    rec.listener = id;
    rec.flags |= flag::kJs;
    rec.in = symbols.intern(webview);
    rec.event = symbols.intern(event);
    rec.text = make_text(std::move(words));
    append(std::move(rec));
    return {};
}

std::string TapModel::invoke(const json& r) {
    std::string error;
    const std::string webview = tap_string(r, "in", error);
    const std::string command = tap_string(r, "command", error);
    const auto ok = r.find("ok");
    if (error.empty() && (ok == r.end() || !ok->is_boolean())) error = "\"ok\" must be a boolean";
    if (!error.empty()) return error;
    Symbols& symbols = recorder_.symbols();
    Record rec;
    rec.type = RecordType::Invoke;
    rec.aux = symbols.intern(command);
    rec.in = symbols.intern(webview);
    const auto args = r.find("args");
    rec.payload = make_text(args == r.end() || args->is_null() ? "{}" : args->dump());
    if (ok->get<bool>()) {
        rec.flags |= flag::kOk;
        const auto result = r.find("result");
        rec.text = make_text(result == r.end() ? "null" : result->dump());
    } else {
        const auto why = r.find("error");
        rec.text = make_text(why == r.end()     ? std::string()
                             : why->is_string() ? why->get<std::string>()
                                                : why->dump());
    }
    append(std::move(rec));
    return {};
}

std::string TapModel::window(const json& r) {
    std::string error;
    const std::string action = tap_string(r, "action", error);
    const std::string label = tap_string(r, "label", error);
    if (!error.empty()) return error;
    WindowAction code = WindowAction::Created;
    Window* live = live_window(label);
    if (action == "created") {
        if (live == nullptr)
            live = &windows_.emplace_back(Window{label, next_instance_++, true, {}});
        if (const auto url = r.find("url"); url != r.end() && url->is_string()) {
            live->url = url->get<std::string>();
        }
    } else if (action == "close_requested") {
        code = WindowAction::CloseRequested;
    } else if (action == "destroyed") {
        code = WindowAction::Destroyed;
        if (live != nullptr) live->alive = false;
    } else {
        return "\"action\" must be created, close_requested or destroyed";
    }
    ++version_;
    Record rec;
    rec.type = RecordType::Window;
    rec.code = static_cast<std::uint8_t>(code);
    rec.in = recorder_.symbols().intern(label);
    append(std::move(rec));
    if (code != WindowAction::Destroyed) return {};
    // Its page is gone: nothing more can reach its listeners. 2.12 also purges them from Tauri's
    // table, which Tauri does not tell: the model records that purge itself (not observed).
    forget_webview(label, row_.destroy_purges_listeners);
    return {};
}

void TapModel::forget_webview(const std::string& label, bool record_purge) {
    for (auto it = listeners_.begin(); it != listeners_.end();) {
        if (it->second.webview != label) {
            ++it;
            continue;
        }
        if (record_purge) {
            Record purge;
            purge.type = RecordType::Unlisten;
            purge.code = static_cast<std::uint8_t>(UnlistenReason::Purge);
            purge.listener = it->first;
            purge.flags |= flag::kJs;
            purge.event = recorder_.symbols().intern(it->second.event);
            recorder_.append(std::move(purge));
        }
        for (auto& e : open_)
            e.predicted.erase(it->first);
        it = listeners_.erase(it);
        ++version_;
    }
}

std::string TapModel::page_load(const json& r) {
    std::string error;
    const std::string label = tap_string(r, "label", error);
    const std::string phase = tap_string(r, "phase", error);
    if (!error.empty()) return error;
    if (Window* live = live_window(label); live != nullptr) {
        if (const auto url = r.find("url"); url != r.end() && url->is_string()) {
            live->url = url->get<std::string>();
            ++version_;
        }
    }
    if (phase != "started") return {};
    // A page that loads again has none of the old page's callbacks: Tauri keeps their entries,
    // but nothing reaches them any more, so the model stops predicting deliveries to them.
    if (!loaded_.insert(label).second) forget_webview(label, false);
    return {};
}

std::string TapModel::error(const json& r) {
    std::string error;
    const std::string message = tap_string(r, "message", error);
    if (!error.empty()) return error;
    Record rec;
    rec.type = RecordType::Error;
    rec.text = make_text(message);
    rec.aux = recorder_.symbols().intern("tap");
    append(std::move(rec));
    return {};
}

void TapModel::settle(std::int64_t now_us, bool all) {
    std::lock_guard lock(mutex_);
    while (!open_.empty() && (all || open_.front().t_us + kSettleUs <= now_us)) {
        const OpenEmit& e = open_.front();
        for (const auto& [id, reason] : e.predicted) {
            if (e.delivered.count(id) != 0) continue;
            ++counts_.missing;
            const auto l = listeners_.find(id);
            const std::string where =
                l == listeners_.end() ? std::string() : " in " + l->second.webview;
            const EventTarget target = l == listeners_.end() ? EventTarget{} : l->second.target;
            flag("the " + model_name_ + " model predicts that " + e.description +
                 " reaches listener " + std::to_string(id) + where + " (" +
                 describe_match(reason, target, e.filter) + "), and Tauri did not deliver it; " +
                 rule_words(reason));
        }
        open_.pop_front();
    }
}

std::vector<WindowInfo> TapModel::windows() const {
    std::lock_guard lock(mutex_);
    std::vector<WindowInfo> out;
    out.reserve(windows_.size());
    for (const Window& w : windows_) {
        WindowInfo info;
        info.label = w.label;
        info.instance = w.instance;
        info.alive = w.alive;
        info.page_url = w.url;
        info.observed = true;
        out.push_back(std::move(info));
    }
    std::stable_partition(out.begin(), out.end(), [](const WindowInfo& w) { return w.alive; });
    return out;
}

std::vector<ListenerInfo> TapModel::listeners() const {
    std::lock_guard lock(mutex_);
    std::vector<ListenerInfo> out;
    for (const auto& [id, l] : listeners_) {
        if (l.unlistened) continue;  // the page took it back: gone, as far as it can tell
        ListenerInfo info;
        info.id = id;
        info.side = Side::Js;
        info.event = l.event;
        info.target = l.target;
        info.webview = l.webview;
        info.calls = l.calls;
        info.observed = true;
        out.push_back(std::move(info));
    }
    return out;
}

void TapModel::update_counts(std::span<ListenerInfo> rows) const {
    std::lock_guard lock(mutex_);
    for (ListenerInfo& row : rows) {
        if (const auto it = listeners_.find(row.id); it != listeners_.end()) {
            row.calls = it->second.calls;
        }
    }
}

std::uint64_t TapModel::version() const {
    std::lock_guard lock(mutex_);
    return version_;
}

std::optional<std::string> TapModel::last_payload(std::uint32_t id) const {
    std::lock_guard lock(mutex_);
    const auto it = listeners_.find(id);
    return it == listeners_.end() ? std::nullopt : it->second.last_payload;
}

TapModel::Window* TapModel::live_window(std::string_view label) {
    for (Window& w : windows_) {
        if (w.alive && w.label == label) return &w;
    }
    return nullptr;
}

TapCounts TapModel::counts() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

std::string TapModel::rule_words(MatchReason reason) const {
    std::string out = "rule " + std::string(reason_id(reason));
    if (tap_rule_field(reason) == "any_label_matching") {
        out += std::string(", any_label_matching = ") +
               (row_.any_label_matching ? "true" : "false") + " (PR #11581)";
    }
    return out;
}

void TapModel::flag(std::string message) {
    Record rec;
    rec.type = RecordType::Expect;
    rec.text = make_text("tap: " + std::move(message));
    recorder_.append(std::move(rec));
}

void TapModel::append(Record&& r) {
    r.observed = true;
    recorder_.append(std::move(r));
}

}  // namespace eventlab
