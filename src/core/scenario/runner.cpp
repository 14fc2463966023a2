#include "core/scenario/runner.h"

#include <algorithm>

namespace eventlab {
namespace {

Text payload_text(const std::optional<nlohmann::json>& payload) {
    return make_text(payload ? payload->dump() : "null");
}

Cause cause_of(const Event* inside) {
    return inside ? inside->child_cause() : Cause{};
}

Source source_of(const std::string& from) {
    return from == "rust" ? Source::rust() : Source::js(from);
}

}  // namespace

BusConfig resolve_config(const Scenario& scenario, const RunSettings& settings) {
    BusConfig config;
    config.mode = settings.mode.value_or(scenario.mode.value_or(kDefaultMode));
    config.order = settings.order.value_or(scenario.order.value_or(Order::Registration));
    config.seed = settings.seed.value_or(scenario.seed.value_or(0));
    return config;
}

namespace {

void collect_payload_names(const std::vector<Step>& steps, std::set<std::string>& names) {
    for (const Step& step : steps) {
        if (step.expect.payload) {
            for (const auto& [name, value] : *step.expect.payload)
                names.insert(name);
        }
        collect_payload_names(step.actions, names);
    }
}

}  // namespace

void StepExecutor::track_payloads_of(const Scenario& scenario) {
    std::set<std::string> names;
    collect_payload_names(scenario.steps, names);
    payload_names_ = std::move(names);
}

void StepExecutor::prepare(const Scenario& scenario) {
    session_.add_commands(scenario.commands);
    open_windows(scenario.windows);
}

void StepExecutor::open_windows(const std::vector<std::string>& labels) {
    // A project's configured windows are open already (Session::open_project).
    for (const std::string& label : labels) {
        if (!session_.bus().is_alive(label)) {
            already_recorded(session_.bus().create_window(label, false));
        }
    }
}

void StepExecutor::run_step(const Step& step) {
    execute(step, nullptr);
    session_.bus().drain_all();
}

std::vector<ExpectOutcome> StepExecutor::outcomes() const {
    std::lock_guard lock(mutex_);
    return outcomes_;
}

std::size_t StepExecutor::failed() const {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(
        std::count_if(outcomes_.begin(), outcomes_.end(), [](const auto& o) { return !o.ok; }));
}

// A step the app refuses is an `error` record (already_recorded): run's summary counts them, and
// an `expect` step checks what a scenario wants to hold.
void StepExecutor::execute(const Step& step, const Event* inside) {
    EventBus& bus = session_.bus();
    switch (step.op) {
        case Op::Listen:
            listen(step);
            break;
        case Op::Unlisten:
            already_recorded(session_.unlisten_named(step.name));
            break;
        case Op::Emit:
        case Op::EmitTo:
        case Op::EmitFilter:
            emit(step, inside);
            break;
        case Op::Invoke:
            invoke(step, inside);
            break;
        case Op::CreateWindow:
            already_recorded(bus.create_window(step.label, true, cause_of(inside)));
            break;
        case Op::CloseWindow:
            already_recorded(bus.close_window(step.label, cause_of(inside)));
            break;
        case Op::Destroy:
        case Op::PreventDefault:
            window_op(step, inside);
            break;
        case Op::Mount:
            already_recorded(
                session_.mount(step.in, step.component, step.listen, step.cleanup, step.strict));
            break;
        case Op::Unmount:
            already_recorded(session_.unmount(step.in, step.component));
            break;
        case Op::PeriodicStart:
            periodic_start(step);
            break;
        case Op::PeriodicStop:
            already_recorded(session_.periodic_stop(step.id));
            break;
        case Op::Advance:
            if (inside) {
                bus.record_error(step.path + ": advance cannot run inside a handler", "advance",
                                 false);
            } else {
                session_.advance_us(step.ms * 1000);
            }
            break;
        case Op::Expect:
            expect(step);
            break;
    }
}

void StepExecutor::listen(const Step& step) {
    ListenRequest request;
    request.side = step.in == "rust" ? Side::Rust : Side::Js;
    request.in = step.in;
    request.event = step.event;
    request.target = step.target;
    request.once = step.once;
    request.name = step.name;
    request.track_payload = !payload_names_ || payload_names_->count(step.name) != 0;
    if (!step.actions.empty()) {
        // The handler owns what it needs: the executor and its own copy of the actions.
        auto actions = std::make_shared<const std::vector<Step>>(step.actions);
        request.actions = [self = shared_from_this(), actions](const Event& event) {
            for (const Step& action : *actions)
                self->execute(action, &event);
        };
    }
    already_recorded(session_.listen(request));
}

void StepExecutor::emit(const Step& step, const Event* inside) {
    EventBus& bus = session_.bus();
    const Source from = source_of(step.from);
    const Cause cause = cause_of(inside);
    if (step.op == Op::Emit) {
        already_recorded(bus.emit(step.event, payload_text(step.payload), from, cause));
    } else if (step.op == Op::EmitTo) {
        already_recorded(
            bus.emit_to(*step.target, step.event, payload_text(step.payload), from, cause));
    } else {
        already_recorded(
            bus.emit_filter(step.accept, step.event, payload_text(step.payload), from, cause));
    }
}

void StepExecutor::invoke(const Step& step, const Event* inside) {
    const InvokeResult result = session_.invoke(step.in, step.command, step.args, cause_of(inside));
    if (!step.name.empty()) {
        session_.note_result(step.name,
                             result.ok ? result.value.dump() : nlohmann::json(result.error).dump());
    }
}

void StepExecutor::window_op(const Step& step, const Event* inside) {
    EventBus& bus = session_.bus();
    // destroy / prevent_default answer the pending close of the window the event is about
    // (getCurrentWindow().destroy() in an onCloseRequested handler).
    std::string window;
    if (inside != nullptr)
        window = std::string(!inside->window.empty() ? inside->window : inside->webview);
    if (window.empty()) {
        bus.record_error(step.path + ": " + std::string(to_string(step.op)) +
                             " needs a close-requested handler to run in",
                         std::string(to_string(step.op)), false);
        return;
    }
    if (step.op == Op::Destroy) {
        already_recorded(bus.destroy_window(window, cause_of(inside)));
    } else {
        already_recorded(bus.prevent_close(window));
    }
}

void StepExecutor::periodic_start(const Step& step) {
    PeriodicSpec spec;
    spec.id = step.id;
    spec.event = step.event;
    spec.interval_us = step.interval_ms * 1000;
    spec.payload = step.payload.value_or(nullptr);
    spec.target = step.target;
    already_recorded(session_.periodic_start(std::move(spec)));
}

}  // namespace eventlab
