#include "core/workbench.h"

namespace eventlab {

Workbench::Workbench(std::size_t log_capacity) : log_capacity_(log_capacity) {
    start(BusConfig{});
    session_->go_live();
}

Workbench::~Workbench() = default;

void Workbench::start(BusConfig config) {
    // The old session goes first: its sender threads are joined before anything else changes.
    session_.reset();
    log_ = std::make_shared<RecordLog>(log_capacity_);
    session_ = std::make_unique<Session>(config);
    session_->recorder().add_sink(log_);
    session_->set_wake(wake_);
    outcomes_.clear();
    ++generation_;
}

void Workbench::open(Scenario scenario, std::string name, BusConfig config) {
    scenario_ = std::move(scenario);
    name_ = std::move(name);
    reset(config);
}

void Workbench::reset(BusConfig config) {
    start(config);
    auto executor = std::make_shared<StepExecutor>(*session_);
    executor->open_windows(scenario_.windows);
    for (const Step& step : scenario_.steps) executor->run_step(step);
    outcomes_ = executor->outcomes();
    session_->go_live();
}

std::size_t Workbench::pump(std::size_t budget) { return session_->bus().drain_all(budget); }

void Workbench::set_wake(std::function<void()> wake) {
    wake_ = std::move(wake);
    session_->set_wake(wake_);
}

}  // namespace eventlab
