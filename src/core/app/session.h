// A simulated Tauri app: the bus plus what the frontend and backend code around it does —
// named listeners whose handlers count calls and keep the last payload, React-style
// components, backend commands, and periodic senders on virtual or real time.
// The one way into the simulated app: the inspector (its panels in src/ui, their models in
// src/view, the frame loop in src/app) calls Session and never bus(); tests/check_layers.cmake
// fails on a `bus()` there. bus() is for the core's own layers above app (the scenario runner
// and run's report), which drive the bus step by step as a scenario says.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/acl/authority.h"
#include "core/app/app_info.h"
#include "core/app/caller.h"
#include "core/app/commands.h"
#include "core/app/component.h"
#include "core/app/periodic_scheduler.h"
#include "core/app/window_states.h"
#include "core/bus/bus.h"
#include "core/record/recorder.h"
#include "core/tap/tap_model.h"
#include "core/util/clock.h"
#include "core/util/result.h"

namespace eventlab {

using ActionHook = std::function<void(const Event&)>;

// A Tauri project (`--project PATH`, acl::load_project) as the mode simulates it: its
// permissions are those of the mode's Tauri release (ModeRules::acl_tauri).
Result<std::shared_ptr<const acl::Project>> load_project_for(const std::string& path, Mode mode);

struct ListenRequest {
    Side side = Side::Js;
    std::string in;  // JS: the webview it lives in
    std::string event;
    std::optional<EventTarget> target;  // absent: JS Any (no target), Rust App (app.listen)
    bool once = false;
    std::string name;
    std::uint32_t component = 0;
    bool track_payload = true;  // keep the last payload (costs a copy per call)
    ActionHook actions;         // what the simulated handler does besides counting
};

struct NameStats {
    std::uint64_t calls = 0;
    std::optional<std::string> last_payload;  // JSON text
};

class Session {
  public:
    explicit Session(BusConfig config);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // The core's own layers above app only (see the top of this file).
    EventBus& bus() { return bus_; }
    const EventBus& bus() const { return bus_; }
    Recorder& recorder() { return recorder_; }
    const SessionClock& clock() const { return clock_; }
    const BusConfig& config() const { return bus_.config(); }
    // The commands `invoke` serves. The reference stays valid until the next add_commands.
    const CommandRegistry& commands() const;
    // Serves declared commands besides the seed guide's (a scenario's "commands", registered
    // before its step 0); one with the name of a command already served replaces it. Safe while
    // other threads invoke: an invoke already running finishes with the commands it started with.
    void add_commands(const std::vector<DeclaredCommand>& commands);

    // ---- listeners with the simulator's standard handler
    OpResult listen(const ListenRequest& request);
    OpResult unlisten(EventId id);                     // the way its side does
    OpResult unlisten_named(const std::string& name);  // every registered listener of that name
    NameStats stats(const std::string& name) const;
    bool knows_name(const std::string& name) const;  // some listener or invoke used it
    // A named invoke: counts as a call of `name` with its resolved value (or error text) as the
    // payload, so `expect` can check what the promise gave.
    void note_result(const std::string& name, const std::string& json_text);
    std::optional<std::string> last_payload(EventId id) const;
    // The payload of the last delivery a tapped app's page reported for its listener `id`.
    std::optional<std::string> observed_payload(EventId id) const;
    std::vector<EventId> ids_named(const std::string& name) const;

    // ---- frontend code
    // A command invoked by `caller`: Tauri's core plugins (`plugin:event|…`, `plugin:window|…`,
    // `plugin:webview|…`, `plugin:app|…`, `plugin:path|…`, core/app/plugins.h) and the app's own
    // commands (the seed guide's and the declared ones). Pages (through the bridge) and simulated
    // windows get the same answers.
    InvokeResult invoke(const Caller& caller, std::string_view command, const nlohmann::json& args,
                        const Cause& cause = {});
    // From a simulated window (no page behind it).
    InvokeResult invoke(std::string_view webview, std::string_view command,
                        const nlohmann::json& args, const Cause& cause = {}) {
        return invoke(Caller::simulated(std::string(webview)), command, args, cause);
    }
    // A command answered elsewhere (the backend stand-in, core/app/stand_in.h), in two halves
    // around it. admit: Tauri's checks before a command runs (the caller's window is open, the
    // capabilities allow it); the refusal, logged and traced as invoke() does, or nullopt.
    // record_answer: the answer that came back, logged and traced as invoke() does.
    std::optional<InvokeResult> admit(const Caller& caller, std::string_view command,
                                      const nlohmann::json& args);
    void record_answer(const Caller& caller, std::string_view command, const nlohmann::json& args,
                       const InvokeResult& result);
    OpResult mount(std::string_view webview, std::string_view component,
                   const std::vector<ListenItem>& items, bool cleanup, bool strict);
    OpResult unmount(std::string_view webview, std::string_view component);
    std::vector<ComponentInfo> components() const;

    // ---- the app around the bus: what it says about itself, the state of its windows
    AppInfo app() const;
    void set_app(AppInfo app);
    // An open window's state (title, size, focus, …); nullopt when no window of that label is open.
    std::optional<NativeWindowState> window_state(std::string_view label) {
        return windows_.get(label);
    }
    // Changes an open window's state as the platform would, then emits what Tauri's runtime emits
    // for the change (tauri://resize, move, focus, blur, theme-changed, scale-change) to that
    // window. False when no window of that label is open.
    bool update_window(std::string_view label,
                       const std::function<void(NativeWindowState&)>& change,
                       const Cause& cause = {});
    void update_windows(const std::function<void(NativeWindowState&)>& change,
                        const Cause& cause = {});
    // The state the next window of this label starts with: a configured window's (every time it
    // is created), or, with `once`, only the next one's.
    void preset_window(std::string label, NativeWindowState state, bool once = false) {
        windows_.preset(std::move(label), std::move(state), once);
    }

    // ---- the Tauri project (`--project`); without one every command is allowed
    // From now on its capabilities decide every command (a refusal rejects the invoke with
    // Tauri's text and is an error row "permission" saying what to change), app() says what its
    // config says, and its configured windows (`create: true`) are open with their state.
    void open_project(const std::shared_ptr<const acl::Project>& project);
    std::shared_ptr<const acl::Project> project() const;  // null: none
    // For the status bar: "no project: every command allowed", or the project and the Tauri
    // release whose permissions apply.
    std::string permissions_note() const;
    // What the permission check decides for `command` from `caller` now, as invoke() would: the
    // grants that allow it, or the refusal with what to change. The inspector's "why" for a
    // refused invoke asks this rather than working it out again.
    acl::AccessDecision access(const Caller& caller, std::string_view command) const;
    // A real page's window (the bridge): a configured window that is open and has no page yet
    // becomes the page's; any other label is a new window, announced as Tauri announces one.
    OpResult open_page(std::string_view label, std::shared_ptr<PageLink> page);

    // ---- periodic senders: virtual until go_live(), then each on its own thread
    OpResult periodic_start(PeriodicSpec spec) { return periodic_.start(std::move(spec)); }
    OpResult periodic_stop(std::string_view id) { return periodic_.stop(id); }
    std::vector<PeriodicInfo> periodic() const { return periodic_.running(); }
    // Virtual time only: fires the ticks due in the next `us`, running the webviews' queues
    // after each tick (time passes, so the frontend gets to run).
    void advance_us(std::int64_t us) { periodic_.advance_us(us); }
    void go_live() { periodic_.go_live(); }  // hand the session to a person: real time, threads
    bool live() const { return clock_.live(); }
    // Called (from any thread) after a periodic tick, so an idle GUI wakes up to show it.
    void set_wake(std::function<void()> wake) { periodic_.set_wake(std::move(wake)); }

    // ---- the app as the inspector drives and reads it (Tauri's calls, then what a frame reads)
    // Thin on purpose: each is the bus call of the same name, safe from any thread. The reads are
    // named here rather than handed out as a const EventBus&: this list is all a frame reads,
    // and state that later lives beside the bus (a window's size, a page's permissions) reaches
    // every panel through the same calls.
    OpResult emit(std::string_view event, Text payload, const Source& from) {
        return bus_.emit(event, std::move(payload), from);
    }
    OpResult emit_to(const EventTarget& target, std::string_view event, Text payload,
                     const Source& from) {
        return bus_.emit_to(target, event, std::move(payload), from);
    }
    OpResult emit_filter(std::vector<EventTarget> accept, std::string_view event, Text payload,
                         const Source& from) {
        return bus_.emit_filter(std::move(accept), event, std::move(payload), from);
    }
    // WebviewWindowBuilder::new(app, label).build() at run time: announced with
    // tauri://webview-created and tauri://window-created.
    OpResult create_window(std::string_view label) { return bus_.create_window(label); }
    OpResult close_window(std::string_view label) { return bus_.close_window(label); }  // the user
    OpResult destroy_window(std::string_view label) { return bus_.destroy_window(label); }
    // Runs the webviews' JS event loops (their delivery queues) for at most `budget` items.
    std::size_t run_webview_queues(std::size_t budget) { return bus_.drain_all(budget); }

    // The windows and listeners below are the simulated app's and, after them, those of a real
    // app seen through its tap (marked `observed`): the panels show both alike.
    std::vector<ListenerInfo> listeners() const;
    // The call counts (and leaked, stale) of listeners already copied, in one lock.
    void update_counts(std::span<ListenerInfo> rows) const;
    std::vector<WindowInfo> windows() const;  // live first, closed too
    std::vector<WindowInfo> live_windows() const;
    // app.get_webview_window(label).is_some()
    bool has_window(std::string_view label) const { return bus_.is_alive(label); }
    // Moves with every change to listeners or windows: a view copies them again only then.
    std::uint64_t state_version() const;
    BusCounters counters() const { return bus_.counters(); }

    // ---- a real Tauri app seen through its tap (tauri-plugin-eventlab, via the bridge)
    // Checks the app's deliveries against `row` instead of the session mode's row (a test's
    // deliberately wrong row); only before the first observed record.
    void set_tap_rules(const ModeRules& row, std::string name);
    // One record the tap sent: recorded as observed and checked (core/tap/tap_model.h). Returns
    // an error text for an unusable record, else an empty string.
    std::string observe(const nlohmann::json& record);
    // Flags the predicted deliveries that have not arrived in time (all pending ones with
    // `all`, when the tap leaves).
    void tap_settle(bool all);
    std::optional<TapCounts> tap_counts() const;  // none before a tap sent anything

  private:
    struct Registered {
        Side side;
        std::string event;
        std::string webview;
        std::string name;
    };
    struct PayloadSlot;
    struct NameState;

    const TapModel* tap_model() const;  // null before a tap sent anything

    Handler make_handler(const ListenRequest& request);
    std::uint32_t mount_once(std::string_view webview, std::string_view component,
                             const std::vector<ListenItem>& items, bool cleanup);
    void unmount_instance(ComponentInfo& component);
    void record_component(RecordType type, std::string_view webview, std::string_view component,
                          bool cleanup);
    std::shared_ptr<NameState> name_state(const std::string& name);
    InvokeResult run_command(const Caller& caller, std::string_view command,
                             const nlohmann::json& args, const Cause& cause);
    std::optional<acl::Refusal> authorize(const Caller& caller, std::string_view command) const;
    void record_refusal(const acl::Refusal& refusal);
    void emit_window_changes(const std::vector<WindowChange>& changes, const Cause& cause);
    void record_invoke(std::string_view webview, std::string_view command,
                       const nlohmann::json& args, const InvokeResult& result);

    SessionClock clock_;
    Recorder recorder_{clock_};
    EventBus bus_;
    PeriodicScheduler periodic_{bus_, clock_};
    WindowStates windows_{bus_};

    mutable std::mutex tap_mutex_;  // guards the two below (the model locks itself)
    std::optional<ModeRules> tap_rules_;
    std::string tap_rules_name_;
    std::unique_ptr<TapModel> tap_;

    mutable std::mutex mutex_;  // guards everything below
    // Replaced as a whole by add_commands (copy on write): invoke runs commands unlocked, and a
    // command's emit can run handlers that invoke again.
    std::shared_ptr<const CommandRegistry> commands_ =
        std::make_shared<const CommandRegistry>(CommandRegistry::seed_guide());
    std::unordered_map<EventId, Registered> registered_;
    std::unordered_map<EventId, std::shared_ptr<PayloadSlot>> payloads_;
    std::map<std::string, std::shared_ptr<NameState>> names_;
    std::map<std::string, std::vector<EventId>> ids_by_name_;
    std::vector<ComponentInfo> components_;
    std::uint32_t next_component_ = 0;
    AppInfo app_;
    acl::Authority authority_;  // no project: allows everything
};

}  // namespace eventlab
