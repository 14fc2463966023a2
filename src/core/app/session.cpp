#include "core/app/session.h"

#include <algorithm>

namespace eventlab {

struct Session::PayloadSlot {
    std::mutex mutex;
    Text last;

    void set(const Text& payload) {
        std::lock_guard lock(mutex);
        last = payload;
    }
    std::optional<std::string> get() {
        std::lock_guard lock(mutex);
        if (!last) return std::nullopt;
        return *last;
    }
};

// The calls of every listener registered under one name. Each listener counts its own calls:
// its handler never runs on two threads at once (one Rust dispatch at a time, one draining
// thread per page), so a count is a plain store instead of a contended atomic increment.
struct Session::NameState {
    struct Count {
        std::atomic<std::uint64_t> calls{0};
        void add() {
            calls.store(calls.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        }
    };
    std::mutex mutex;
    std::vector<std::shared_ptr<Count>> counts;
    std::atomic<std::uint64_t> results{0};  // note_result: invoke results, from any thread
    PayloadSlot payload;

    std::shared_ptr<Count> new_count() {
        auto count = std::make_shared<Count>();
        std::lock_guard lock(mutex);
        counts.push_back(count);
        return count;
    }
    std::uint64_t calls() {
        std::lock_guard lock(mutex);
        std::uint64_t sum = results.load(std::memory_order_relaxed);
        for (const auto& c : counts)
            sum += c->calls.load(std::memory_order_relaxed);
        return sum;
    }
};

struct Session::Periodic {
    std::shared_ptr<PeriodicSender> sender;
    std::int64_t next_due_us = 0;  // virtual time only
    std::unique_ptr<PeriodicThread> thread;
};

Session::Session(BusConfig config) : bus_(config, recorder_) {}

Session::~Session() {
    // Join every sender thread before the bus they emit into goes away.
    std::vector<std::unique_ptr<Periodic>> senders;
    {
        std::lock_guard lock(mutex_);
        senders.swap(periodic_);
        for (auto& p : retired_)
            senders.push_back(std::move(p));
        retired_.clear();
    }
    for (auto& p : senders) {
        if (p->thread) p->thread->stop();
    }
}

// ---------------------------------------------------------------------------------------------
// listeners

std::shared_ptr<Session::NameState> Session::name_state(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto& state = names_[name];
    if (!state) state = std::make_shared<NameState>();
    return state;
}

Handler Session::make_handler(const ListenRequest& request) {
    std::shared_ptr<NameState> named = request.name.empty() ? nullptr : name_state(request.name);
    auto count = named ? named->new_count() : nullptr;
    return
        [named, count, track = request.track_payload, actions = request.actions](const Event& e) {
            if (named) {
                count->add();
                if (track) named->payload.set(*e.payload);
            }
            if (actions) actions(e);
        };
}

OpResult Session::listen(const ListenRequest& request) {
    // The per-listener payload slot is filled by a wrapper so the id is known before any call.
    auto slot = request.track_payload ? std::make_shared<PayloadSlot>() : nullptr;
    Handler inner = make_handler(request);
    Handler handler = slot ? Handler([slot, inner](const Event& e) {
        slot->set(*e.payload);
        inner(e);
    })
                           : std::move(inner);
    const ListenOptions options{request.once, request.name, request.component};
    OpResult result =
        request.side == Side::Rust
            ? bus_.listen(request.event, request.target.value_or(EventTarget::app()),
                          std::move(handler), options)
            : bus_.js_listen(request.in, request.event, request.target.value_or(EventTarget::any()),
                             std::move(handler), options);
    if (!result.ok) return result;
    std::lock_guard lock(mutex_);
    registered_[result.id] = {request.side, request.event, request.in, request.name};
    if (slot) payloads_[result.id] = slot;
    if (!request.name.empty()) ids_by_name_[request.name].push_back(result.id);
    return result;
}

OpResult Session::unlisten(EventId id) {
    Registered listener;
    {
        std::lock_guard lock(mutex_);
        auto it = registered_.find(id);
        if (it == registered_.end()) return OpResult::success();  // unknown ids do nothing
        listener = it->second;
    }
    if (listener.side == Side::Rust) {
        bus_.unlisten(id);
        return OpResult::success();
    }
    return bus_.js_unlisten(listener.webview, listener.event, id);
}

OpResult Session::unlisten_named(const std::string& name) {
    const std::vector<EventId> ids = ids_named(name);
    if (ids.empty()) {
        const std::string message = "no listener named `" + name + "` to unlisten";
        bus_.record_error(message, "unlisten", false);
        return OpResult::failure(message);
    }
    for (EventId id : ids) {
        if (OpResult r = unlisten(id); !r.ok) return r;
    }
    return OpResult::success();
}

std::vector<EventId> Session::ids_named(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = ids_by_name_.find(name);
    return it == ids_by_name_.end() ? std::vector<EventId>{} : it->second;
}

NameStats Session::stats(const std::string& name) const {
    std::shared_ptr<NameState> state;
    {
        std::lock_guard lock(mutex_);
        auto it = names_.find(name);
        if (it == names_.end()) return {};
        state = it->second;
    }
    return {state->calls(), state->payload.get()};
}

bool Session::knows_name(const std::string& name) const {
    std::lock_guard lock(mutex_);
    return names_.count(name) != 0;
}

void Session::note_result(const std::string& name, const std::string& json_text) {
    auto state = name_state(name);
    state->results.fetch_add(1, std::memory_order_relaxed);
    state->payload.set(make_text(json_text));
}

std::optional<std::string> Session::last_payload(EventId id) const {
    std::shared_ptr<PayloadSlot> slot;
    {
        std::lock_guard lock(mutex_);
        auto it = payloads_.find(id);
        if (it == payloads_.end()) return std::nullopt;
        slot = it->second;
    }
    return slot->get();
}

// ---------------------------------------------------------------------------------------------
// invoke

const CommandRegistry& Session::commands() const {
    std::lock_guard lock(mutex_);
    return *commands_;
}

void Session::add_commands(const std::vector<DeclaredCommand>& commands) {
    if (commands.empty()) return;
    std::lock_guard lock(mutex_);
    auto registry = std::make_shared<CommandRegistry>(*commands_);
    for (const DeclaredCommand& declared : commands)
        registry->add(make_command(declared));
    commands_ = std::move(registry);
}

InvokeResult Session::invoke(std::string_view webview, std::string_view command,
                             const nlohmann::json& args, const Cause& cause) {
    InvokeResult result;
    if (!bus_.is_alive(webview)) {
        result = {false, nullptr, "no open window `" + std::string(webview) + "` to invoke from"};
    } else {
        std::shared_ptr<const CommandRegistry> commands;
        {
            std::lock_guard lock(mutex_);
            commands = commands_;
        }
        CommandContext context{bus_, webview, Source::invoke(std::string(command)), cause};
        result = commands->invoke(context, command, args);
    }
    if (recorder_.active()) {
        Symbols& symbols = recorder_.symbols();
        Record r;
        r.type = RecordType::Invoke;
        r.aux = symbols.intern(command);
        r.in = symbols.intern(webview);
        r.payload = make_text(args.dump());
        if (result.ok) r.flags |= flag::kOk;
        r.text = make_text(result.ok ? result.value.dump() : result.error);
        bus_.record(std::move(r));
    }
    // The rejected promise is an error the frontend sees, so `expect error` can check it.
    if (!result.ok) bus_.record_error(result.error, "invoke", false);
    return result;
}

// ---------------------------------------------------------------------------------------------
// components

void Session::record_component(RecordType type, std::string_view webview,
                               std::string_view component, bool cleanup) {
    if (!recorder_.active()) return;
    Record r;
    r.type = type;
    r.in = recorder_.symbols().intern(webview);
    r.aux = recorder_.symbols().intern(component);
    if (cleanup) r.flags |= flag::kCleanup;
    bus_.record(std::move(r));
}

std::uint32_t Session::mount_once(std::string_view webview, std::string_view component,
                                  const std::vector<ListenItem>& items, bool cleanup) {
    record_component(RecordType::Mount, webview, component, cleanup);
    ComponentInfo info;
    {
        std::lock_guard lock(mutex_);
        info.instance = ++next_component_;
    }
    info.webview = std::string(webview);
    info.name = std::string(component);
    info.cleanup = cleanup;
    for (const ListenItem& item : items) {
        ListenRequest request;
        request.side = Side::Js;
        request.in = info.webview;
        request.event = item.event;
        request.target = item.target;
        request.name = item.name.empty() ? info.name : item.name;
        request.component = info.instance;
        if (OpResult r = listen(request); r.ok) info.listeners.push_back(r.id);
    }
    std::lock_guard lock(mutex_);
    components_.push_back(std::move(info));
    return components_.back().instance;
}

OpResult Session::mount(std::string_view webview, std::string_view component,
                        const std::vector<ListenItem>& items, bool cleanup, bool strict) {
    if (!bus_.is_alive(webview)) {
        const std::string message = "no open window `" + std::string(webview) + "` to mount in";
        bus_.record_error(message, "mount", false);
        return OpResult::failure(message);
    }
    mount_once(webview, component, items, cleanup);
    if (strict) {
        // React StrictMode (development): mount, unmount, mount again, at once.
        if (OpResult r = unmount(webview, component); !r.ok) return r;
        mount_once(webview, component, items, cleanup);
    }
    return OpResult::success();
}

void Session::unmount_instance(ComponentInfo& component) {
    component.mounted = false;
    record_component(RecordType::Unmount, component.webview, component.name, component.cleanup);
    if (!component.cleanup) {
        // No `return () => unlisten()`: the listeners stay registered and keep firing.
        bus_.mark_leaked(component.instance);
        return;
    }
    for (EventId id : component.listeners) {
        std::string event;
        {
            std::lock_guard lock(mutex_);
            if (auto it = registered_.find(id); it != registered_.end()) event = it->second.event;
        }
        bus_.js_unlisten(component.webview, event, id, UnlistenReason::Unmount);
    }
}

OpResult Session::unmount(std::string_view webview, std::string_view component) {
    ComponentInfo target;
    {
        std::lock_guard lock(mutex_);
        auto it = std::find_if(components_.rbegin(), components_.rend(), [&](const auto& c) {
            return c.mounted && c.webview == webview && c.name == component;
        });
        if (it != components_.rend()) {
            it->mounted = false;
            target = *it;
        }
    }
    if (target.instance == 0) {
        const std::string message = "component `" + std::string(component) +
                                    "` is not mounted in `" + std::string(webview) + "`";
        bus_.record_error(message, "unmount", false);
        return OpResult::failure(message);
    }
    unmount_instance(target);
    return OpResult::success();
}

std::vector<ComponentInfo> Session::components() const {
    std::lock_guard lock(mutex_);
    return components_;
}

// ---------------------------------------------------------------------------------------------
// periodic senders

OpResult Session::periodic_start(PeriodicSpec spec) {
    if (std::string why = check_periodic(spec, config().mode); !why.empty()) {
        bus_.record_error(why, "periodic_start", false);
        return OpResult::failure(why);
    }
    std::lock_guard lock(mutex_);
    for (const auto& p : periodic_) {
        if (p->sender->spec().id == spec.id) {
            const std::string message = "periodic sender `" + spec.id + "` is already running";
            bus_.record_error(message, "periodic_start", false);
            return OpResult::failure(message);
        }
    }
    auto entry = std::make_unique<Periodic>();
    entry->sender = std::make_shared<PeriodicSender>(bus_, std::move(spec));
    entry->next_due_us = clock_.now_us() + entry->sender->spec().interval_us;
    if (clock_.live()) {
        entry->thread = std::make_unique<PeriodicThread>(entry->sender, [this] { notify_wake(); });
    }
    periodic_.push_back(std::move(entry));
    return OpResult::success();
}

OpResult Session::periodic_stop(std::string_view id) {
    std::unique_ptr<Periodic> stopped;
    {
        std::lock_guard lock(mutex_);
        auto it = std::find_if(periodic_.begin(), periodic_.end(),
                               [id](const auto& p) { return p->sender->spec().id == id; });
        if (it != periodic_.end()) {
            stopped = std::move(*it);
            periodic_.erase(it);
        }
    }
    if (!stopped) {
        const std::string message = "no periodic sender `" + std::string(id) + "` is running";
        bus_.record_error(message, "periodic_stop", false);
        return OpResult::failure(message);
    }
    if (stopped->thread && stopped->thread->on_this_thread()) {
        // A handler of this sender's own tick stopped it: the thread cannot join itself, so
        // it is told to stop and joined when the session ends.
        stopped->thread->request_stop();
        std::lock_guard lock(mutex_);
        retired_.push_back(std::move(stopped));
        return OpResult::success();
    }
    if (stopped->thread) stopped->thread->stop();  // joins: no tick after this returns
    return OpResult::success();
}

std::vector<PeriodicInfo> Session::periodic() const {
    std::lock_guard lock(mutex_);
    std::vector<PeriodicInfo> out;
    for (const auto& p : periodic_) {
        out.push_back({p->sender->spec(), p->sender->ticks(), p->thread != nullptr});
    }
    return out;
}

void Session::advance_us(std::int64_t us) {
    if (clock_.live() || us < 0) return;
    const std::int64_t end = clock_.now_us() + us;
    for (;;) {
        // The earliest due sender; ties go to the one started first. The tick runs on its own
        // reference to the sender: a handler may stop (and so destroy the Periodic of) this
        // sender or any other, so nothing found under the lock is used after it is released.
        std::shared_ptr<PeriodicSender> sender;
        {
            std::lock_guard lock(mutex_);
            Periodic* next = nullptr;
            for (const auto& p : periodic_) {
                if (p->next_due_us <= end &&
                    (next == nullptr || p->next_due_us < next->next_due_us)) {
                    next = p.get();
                }
            }
            if (next == nullptr) break;
            clock_.set_virtual_us(next->next_due_us);
            next->next_due_us += next->sender->spec().interval_us;
            sender = next->sender;
        }
        sender->tick();
        bus_.drain_all();
    }
    clock_.set_virtual_us(end);
}

void Session::go_live() {
    std::lock_guard lock(mutex_);
    if (clock_.live()) return;
    clock_.go_live();
    for (auto& p : periodic_) {
        p->thread = std::make_unique<PeriodicThread>(p->sender, [this] { notify_wake(); });
    }
}

void Session::notify_wake() {
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        wake = wake_;
    }
    if (wake) wake();
}

void Session::set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

}  // namespace eventlab
