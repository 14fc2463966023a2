// Runs scenario steps against a Session: `eventlab run`, the GUI's --scenario, guided demos.
// Listener `actions` keep running after the scenario ends (in the GUI the person takes over),
// so the executor is shared by the handlers that need it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/app/session.h"
#include "core/scenario/scenario.h"

namespace eventlab {

// Command-line flags override what the scenario says.
struct RunSettings {
    std::optional<Mode> mode;
    std::optional<Order> order;
    std::optional<std::uint64_t> seed;
};
BusConfig resolve_config(const Scenario& scenario, const RunSettings& settings);

struct ExpectOutcome {
    std::string path;  // the expect step's JSON pointer
    bool ok = true;
    std::string message;
};

class StepExecutor : public std::enable_shared_from_this<StepExecutor> {
  public:
    explicit StepExecutor(Session& session) : session_(session) {}

    // Keep last payloads only for these listener names (those an `expect payload` reads), so a
    // headless run does not pay a copy per delivery. Without a call, every listener keeps them
    // (the GUI shows them).
    void track_payloads_of(const Scenario& scenario);

    // What a scenario sets up before its step 0: serves its declared `commands`, then opens its
    // `windows`. Every place that applies a scenario to a session calls this first.
    void prepare(const Scenario& scenario);
    // Opens the scenario's `windows` without tauri://webview-created or tauri://window-created
    // (docs/formats.md, top-level `windows`: they are open before step 0).
    void open_windows(const std::vector<std::string>& labels);
    // A top-level step; afterwards every webview's queue is run to empty.
    void run_step(const Step& step);
    std::vector<ExpectOutcome> outcomes() const;
    std::size_t failed() const;

  private:
    void execute(const Step& step, const Event* inside);
    void listen(const Step& step);
    void emit(const Step& step, const Event* inside);
    void invoke(const Step& step, const Event* inside);
    void window_op(const Step& step, const Event* inside);
    void periodic_start(const Step& step);
    void expect(const Step& step);

    Session& session_;
    std::optional<std::set<std::string>> payload_names_;
    mutable std::mutex mutex_;
    std::vector<ExpectOutcome> outcomes_;
};

// What a whole `run` did, for the summary and the exit code.
struct RunReport {
    BusCounters counters;
    std::vector<ExpectOutcome> outcomes;
    std::size_t steps = 0;
    std::string last_error;
    bool poisoned = false;
    std::vector<std::string> leaks;  // one line per window with leaked or stale listeners
};

RunReport run_scenario(Session& session, const Scenario& scenario);
std::string format_summary(const RunReport& report, const std::string& scenario_name,
                           const BusConfig& config);
// Lines naming the leaked (unmounted without cleanup) and stale (window gone) listeners.
std::vector<std::string> leak_report(const Session& session);

}  // namespace eventlab
