#include "view/workbench.h"

#include <algorithm>

#include "core/bus/mode_rules.h"

namespace eventlab {

Workbench::Workbench(std::size_t log_capacity) : log_capacity_(log_capacity) {
    start(BusConfig{});
    session_->go_live();
}

Workbench::~Workbench() = default;

void Workbench::start(BusConfig config) {
    // The old session goes first: its sender threads are joined before anything else changes.
    if (session_observer_) session_observer_(nullptr);
    session_.reset();
    session_ = std::make_unique<Session>(config);
    log_ = std::make_shared<RecordLog>(log_capacity_, session_->recorder());
    session_->recorder().add_sink(log_);
    session_->set_wake(wake_);
    open_project();
    outcomes_.clear();
    ++generation_;
    ++session_generation_;
    if (session_observer_) session_observer_(session_.get());
}

void Workbench::set_project(std::vector<std::shared_ptr<const acl::Project>> per_release) {
    projects_ = std::move(per_release);
}

void Workbench::open_project() {
    const std::string_view release = rules(session_->config().mode).acl_tauri;
    for (const auto& project : projects_) {
        if (project->rules->tauri == release) return session_->open_project(project);
    }
}

void Workbench::set_session_observer(std::function<void(Session*)> observer) {
    session_observer_ = std::move(observer);
}

void Workbench::open(Scenario scenario, std::string name, BusConfig config) {
    scenario_ = std::move(scenario);
    name_ = std::move(name);
    reset(config);
}

void Workbench::reset(BusConfig config) {
    start(config);
    stepping_ = false;
    run_steps(scenario_.steps.size());
    session_->go_live();
}

void Workbench::run_steps(std::size_t count) {
    executor_ = std::make_shared<StepExecutor>(*session_);
    executor_->prepare(scenario_);
    steps_run_ = 0;
    for (; steps_run_ < std::min(count, scenario_.steps.size()); ++steps_run_) {
        executor_->run_step(scenario_.steps[steps_run_]);
    }
    outcomes_ = executor_->outcomes();
}

void Workbench::start_stepping(Scenario scenario, std::string name, BusConfig config) {
    scenario_ = std::move(scenario);
    name_ = std::move(name);
    start(config);
    stepping_ = true;
    run_steps(0);
}

bool Workbench::run_next_step() {
    if (!stepping_ || steps_run_ >= scenario_.steps.size()) return false;
    executor_->run_step(scenario_.steps[steps_run_++]);
    outcomes_ = executor_->outcomes();
    return true;
}

void Workbench::rewind(std::size_t steps) {
    // The bus cannot undo: going back means a fresh session replaying the steps before.
    start(config());
    stepping_ = true;
    run_steps(steps);
}

void Workbench::hand_over() {
    stepping_ = false;
    session_->go_live();
}

void Workbench::view_trace(std::shared_ptr<const TraceData> trace, std::string path) {
    trace_ = std::move(trace);
    trace_path_ = std::move(path);
    trace_cursor_ = 0;
    ++trace_generation_;
    set_trace_cursor(trace_->records.size());
}

void Workbench::close_trace() {
    trace_.reset();
    trace_log_.reset();
    trace_path_.clear();
    trace_cursor_ = 0;
    ++generation_;
    ++trace_generation_;
}

void Workbench::set_trace_cursor(std::size_t count) {
    if (!trace_) return;
    count = std::min(count, trace_->records.size());
    if (!trace_log_ || count < trace_cursor_) {
        // Views index the log by position; going back gives them a new log to index.
        trace_log_ = std::make_unique<RecordLog>(std::max<std::size_t>(trace_->records.size(), 1));
        trace_cursor_ = 0;
        ++generation_;
    }
    for (; trace_cursor_ < count; ++trace_cursor_) {
        trace_log_->write(trace_->records[trace_cursor_], *trace_->symbols);
    }
}

std::size_t Workbench::pump(std::size_t budget) {
    return session_->run_webview_queues(budget);
}

std::size_t Workbench::pump_for(std::chrono::microseconds budget) {
    using Clock = std::chrono::steady_clock;
    const auto until = Clock::now() + budget;
    std::size_t ran = 0;
    // Small batches: the clock is read between them, not per item.
    while (Clock::now() < until) {
        const std::size_t n = pump(256);
        ran += n;
        if (n == 0) break;
    }
    return ran;
}

void Workbench::set_wake(std::function<void()> wake) {
    wake_ = std::move(wake);
    session_->set_wake(wake_);
}

}  // namespace eventlab
