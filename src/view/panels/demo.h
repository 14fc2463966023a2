// Guided demos: scenario files with a title and, per step, a sentence ("say") and the code it
// stands for ("code"; see scenario.h), played one step at a time by the Demo window. What the
// window shows at each step is computed here, without ImGui, so tests can check it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/bus.h"
#include "core/scenario/runner.h"
#include "core/scenario/scenario.h"
#include "core/util/result.h"

namespace eventlab {

// One demo as the binary embeds it (generated from assets/demos at configure time).
struct DemoSource {
    std::string name;            // the file name: "03-strictmode-without-cleanup.json"
    const char* json = nullptr;  // its text
};

struct Demo {
    std::string name;   // as DemoSource::name
    std::string title;  // the scenario's "title", or the file name without ".json"
    Scenario scenario;

    // The rules the demo is played under: its "tauri", "order" and "seed".
    BusConfig config() const { return resolve_config(scenario, RunSettings{}); }
};

using DemoLoad = Result<Demo>;
DemoLoad load_demo(const DemoSource& source);

// What the Demo window shows after `steps_run` steps have run.
struct DemoFrame {
    std::size_t step = 0;   // the step that ran last, 1-based; 0 before the first
    std::size_t total = 0;  // steps in the demo
    std::string counter;    // "Step 3 of 9", or "9 steps" before the first
    std::string sentence;   // that step's "say" (the description before the first step)
    std::string next;       // the following step's "say": what Next will do
    // The code beside the sentence: the step's own, or else the latest earlier step's (the
    // screen should not go blank on a step that changes no code). Highlights mark the lines
    // that matter only on the step that brought the code.
    const StepCode* code = nullptr;
    bool own_code = false;
    std::optional<ExpectOutcome> outcome;  // the step is an expect: whether it held
    std::size_t passed = 0;                // expects so far that held
    std::size_t failed = 0;
    bool finished = false;  // every step has run
};
DemoFrame demo_frame(const Scenario& scenario, std::size_t steps_run,
                     const std::vector<ExpectOutcome>& outcomes);

struct CodeLine {
    std::string_view text;
    bool highlighted = false;
};
// The code's lines (a trailing newline adds no empty line), highlighted where asked.
std::vector<CodeLine> code_lines(const StepCode& code, bool show_highlight);

// Auto-play: one step per `interval` seconds on the caller's clock (ImGui time in the GUI).
class AutoPlay {
  public:
    static constexpr double kInterval = 1.5;

    void start(double now) {
        playing_ = true;
        last_ = now;
    }
    void stop() { playing_ = false; }
    bool playing() const { return playing_; }
    // True when the next step is due; the interval then starts again from `now`.
    bool due(double now) {
        if (!playing_ || now - last_ < kInterval) return false;
        last_ = now;
        return true;
    }

  private:
    bool playing_ = false;
    double last_ = 0;
};

}  // namespace eventlab
