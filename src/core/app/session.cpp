// Session: listeners with the simulator's standard handler (calls and last payload per name).
// Invoke and the app around the bus are in session_invoke.cpp, components in
// session_components.cpp, periodic senders in PeriodicScheduler.
#include "core/app/session.h"

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

Session::Session(BusConfig config) : bus_(config, recorder_) {}

Session::~Session() {
    // The senders' handlers use this session (its listeners, its bus): join them all before
    // any member goes.
    periodic_.join_all();
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
        // Not registered here: a real page's listener (the page unlistens it), or nothing.
        if (it == registered_.end()) return bus_.unlisten_in_page(id);
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

}  // namespace eventlab
