// A real Tauri app seen through its tap (tauri-plugin-eventlab): what the app reports becomes
// observed records in the session's log and trace, and every delivery the app makes to a page is
// checked against EventLab's model of the app's Tauri release (one row of mode_rules.h).
//
// The model keeps a mirror of what the tap has shown: the live windows and the JS listeners
// with Tauri's own ids. A page's emit or emit_to predicts, by the same matching rule the bus
// applies, which of those listeners Tauri delivers it to. The deliveries the pages then report
// are matched to it: one the model did not predict is flagged at once, one it predicted that
// has not arrived when the emit settles is flagged then; each flag is an `expect` record with
// ok false that names the rule.
//
// What a plugin cannot see is not checked: Rust listeners, and emits made in Rust (a delivery
// of one is recorded with an emit inferred from it, from "rust").
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/bus.h"
#include "core/bus/mode_rules.h"
#include "core/bus/target.h"
#include "core/record/record.h"

namespace eventlab {

class EventBus;
class Recorder;

struct TapCounts {
    std::uint64_t records = 0;     // observed records taken
    std::uint64_t deliveries = 0;  // observed deliveries
    std::uint64_t checked = 0;     // of those, checked against the model
    std::uint64_t unexpected = 0;  // delivered, not predicted
    std::uint64_t missing = 0;     // predicted, not delivered
};

// `row` with one rule changed, from "FIELD=true|false" (a field of ModeRules): a what-if row
// for testing the tap's check (`eventlab serve --tap-rule`). nullopt and `error` when unusable.
std::optional<ModeRules> override_rule(ModeRules row, std::string_view assignment,
                                       std::string& error);

class TapModel {
  public:
    // `row`: the rules the deliveries are checked against (the session's mode, or a test's);
    // `name` names them in the records (default: the row's mode name).
    TapModel(EventBus& bus, Recorder& recorder, const ModeRules& row, std::string name = {});

    // One record the tap sent ({"type": "listen" | "unlisten" | "emit" | "deliver" | "invoke" |
    // "window" | "page_load" | "error", ...}, docs/bridge.md). Returns an error text for one
    // that cannot be used (nothing is recorded then), else an empty string.
    std::string observe(const nlohmann::json& record, std::int64_t now_us);
    // Judges the emits older than `settle_us` (all of them with `all`, when the tap leaves):
    // their predicted deliveries that did not arrive are flagged.
    void settle(std::int64_t now_us, bool all);

    TapCounts counts() const;
    const ModeRules& row() const { return row_; }

    // The app as the panels show it, beside the simulated one (Session::windows, listeners):
    // the windows the tap reported (live first, then destroyed ones, each `observed`) and the JS
    // listeners still registered in them, with Tauri's ids and the deliveries seen so far.
    std::vector<WindowInfo> windows() const;
    std::vector<ListenerInfo> listeners() const;
    // Sets the calls of `rows` (observed listeners copied earlier) to the deliveries seen since.
    void update_counts(std::span<ListenerInfo> rows) const;
    // Moves with every change to the windows or listeners above (not with deliveries).
    std::uint64_t version() const;
    // The payload (JSON text) of the last delivery to listener `id`; none before the first.
    std::optional<std::string> last_payload(std::uint32_t id) const;

    // Tapped windows get instances from here up, so they never share one with a simulated
    // window (the panels tell windows apart by instance).
    static constexpr std::uint32_t kFirstInstance = 0x8000'0000U;

    static constexpr std::int64_t kSettleUs = 2'000'000;

  private:
    struct Listener {
        std::string webview;
        std::string event;
        EventTarget target;
        bool unlistened = false;  // 2.0: the page may still run it for deliveries under way
        std::uint64_t calls = 0;  // deliveries the page reported
        std::optional<std::string> last_payload;
    };
    struct Window {
        std::string label;
        std::uint32_t instance = 0;
        bool alive = true;
        std::string url;  // its page's, once the tap said
    };
    struct OpenEmit {
        std::uint32_t id = 0;
        std::string event;
        std::string payload;  // canonical JSON text
        std::string description;
        EmitFilter filter;
        bool inferred = false;  // made in Rust: seen only through its deliveries, not checked
        std::int64_t t_us = 0;
        std::map<std::uint32_t, MatchReason> predicted;  // listener -> why
        std::set<std::uint32_t> delivered;
    };

    std::string listen(const nlohmann::json& r);
    std::string unlisten(const nlohmann::json& r);
    std::string emit(const nlohmann::json& r, std::int64_t now_us);
    std::string deliver(const nlohmann::json& r, std::int64_t now_us);
    std::string invoke(const nlohmann::json& r);
    std::string window(const nlohmann::json& r);
    std::string page_load(const nlohmann::json& r);
    std::string error(const nlohmann::json& r);

    OpenEmit* open_emit_for(std::string_view event, const std::string& payload,
                            std::uint32_t listener);
    OpenEmit& infer_emit(std::string_view event, const std::string& payload, std::int64_t now_us);
    void record_emit(const OpenEmit& emit, EmitApi api, std::string_view from,
                     const EventTarget* target);
    // Drops a webview's listeners from the model (and their pending predictions).
    void forget_webview(const std::string& label, bool record_purge);
    void flag(std::string message);
    std::string rule_words(MatchReason reason) const;
    void append(Record&& r);
    Window* live_window(std::string_view label);

    EventBus& bus_;
    Recorder& recorder_;
    const ModeRules row_;
    std::string model_name_;

    mutable std::mutex mutex_;
    std::vector<Window> windows_;  // as the tap reported them, oldest first
    std::uint32_t next_instance_ = kFirstInstance;
    std::uint64_t version_ = 0;
    std::set<std::string> loaded_;                 // webviews whose page has loaded once
    std::map<std::uint32_t, Listener> listeners_;  // JS listeners, by Tauri's EventId
    std::deque<OpenEmit> open_;                    // oldest first
    TapCounts counts_;
};

}  // namespace eventlab
