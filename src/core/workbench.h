// What the GUI works on: a session, its in-memory log, and the scenario it was opened from.
// Changing the mode or the order replaces the session and replays that scenario, so the
// windows and listeners come back under the new rules. No ImGui here: tests drive it directly.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/record_log.h"
#include "core/runner.h"
#include "core/scenario.h"
#include "core/session.h"

namespace eventlab {

class Workbench {
public:
    explicit Workbench(std::size_t log_capacity = kDefaultLogCapacity);
    ~Workbench();
    Workbench(const Workbench&) = delete;
    Workbench& operator=(const Workbench&) = delete;

    // Runs the scenario's steps on virtual time (as `run` would), then hands the session to the
    // person: real time from then on, periodic senders on their own threads.
    void open(Scenario scenario, std::string name, BusConfig config);
    // A new session with other rules, replaying the scenario it was opened from.
    void reset(BusConfig config);

    Session& session() { return *session_; }
    const Session& session() const { return *session_; }
    RecordLog& log() { return *log_; }
    const RecordLog& log() const { return *log_; }
    const BusConfig& config() const { return session_->config(); }
    const std::string& name() const { return name_; }
    const std::vector<ExpectOutcome>& outcomes() const { return outcomes_; }
    // Bumped whenever the session and log are replaced, so views drop their cached indices.
    std::uint64_t generation() const { return generation_; }

    // Runs the webviews' JS queues (their event loops) for at most `budget` items.
    std::size_t pump(std::size_t budget);
    // Called from any thread when something happened that the GUI should draw.
    void set_wake(std::function<void()> wake);

private:
    void start(BusConfig config);

    std::size_t log_capacity_;
    std::unique_ptr<Session> session_;
    std::shared_ptr<RecordLog> log_;
    Scenario scenario_;
    std::string name_;
    std::vector<ExpectOutcome> outcomes_;
    std::uint64_t generation_ = 0;
    std::function<void()> wake_;
};

}  // namespace eventlab
