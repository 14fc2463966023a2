// The inspector's panels, one class (and one file) each. A panel reads the workbench and calls
// core functions; it keeps only view state (form fields, scroll, selection) of its own.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/ui_context.h"
#include "view/panels/demo.h"

namespace eventlab::ui {

// One ImGui window per simulated Tauri window: its listeners, what it received, and the
// frontend actions of the seed guide (listen, once, unlisten, emit, emitTo, invoke, components).
class WindowsPanel {
  public:
    WindowsPanel();
    ~WindowsPanel();
    void draw(UiContext& ui);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// The Rust backend: emit / emit_to / emit_filter, Rust listeners, and the equivalent code.
class BackendPanel {
  public:
    BackendPanel();
    ~BackendPanel();
    void draw(UiContext& ui);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// Periodic senders, each a real thread emitting into the bus (the seed guide's thread::spawn).
class PeriodicPanel {
  public:
    PeriodicPanel();
    ~PeriodicPanel();
    void draw(UiContext& ui);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// Every trace record as a row: filter, type toggles, pause, autoscroll, selection.
class LogPanel {
  public:
    LogPanel();
    ~LogPanel();
    void draw(UiContext& ui);

    // What the view shows (the status line, read by tests: no need to parse drawn text).
    struct Status {
        std::size_t rows = 0;   // rows shown after filter, clear and pause
        double progress = 1.0;  // 0..1 while a filter change rescans the log
        bool paused = false;
        std::uint64_t new_while_paused = 0;  // records recorded since the pause
        bool following = true;               // autoscroll: the view sticks to the newest row
    };
    Status status() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// Where the selected emit went (and where it did not, and why), plus the events × windows matrix.
class RoutePanel {
  public:
    RoutePanel();
    ~RoutePanel();
    void draw(UiContext& ui);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// Rates and queues as curves: events per second per event, deliveries per window, JS queue
// depth per window, emit-to-delivery latency per bridged page (ImPlot over view/plots).
class PlotsPanel {
  public:
    PlotsPanel();
    ~PlotsPanel();
    void draw(UiContext& ui);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// A recording that was stopped: its file and the complete records it holds.
struct StoppedRecording {
    std::string path;
    std::uint64_t records = 0;
    bool failed = false;  // a write failed part way (disk full?)
};

// Traces: record the session to a .jsonl file, open one read-only with a timeline scrubber,
// replay it against the live workspace, export it for Perfetto.
class TracePanel {
  public:
    TracePanel();
    ~TracePanel();
    void draw(UiContext& ui);
    void draw_file_menu(UiContext& ui);             // items of the File menu
    std::string status(const UiContext& ui) const;  // for the status bar ("" when idle)
    // Before a reset: stops the recording; a disk that is behind finishes it in the background.
    void stop_recording(UiContext& ui);
    // On quit: stops the recording and waits until every file is complete; what the stopped
    // recording wrote (nullopt: none was running).
    std::optional<StoppedRecording> shutdown(UiContext& ui);
    // `eventlab --record FILE`: records to that path from now on; empty on success, else why not.
    std::string record_to(UiContext& ui, const std::string& path);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// Every listener by window and component, with its lifecycle state (live, leaked, stale,
// removed) and per-window counters.
class LifecyclePanel {
  public:
    LifecyclePanel();
    ~LifecyclePanel();
    void draw(UiContext& ui);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// Guided demos of listener cleanup: a scenario played step by step with a sentence and the
// matching TypeScript/Rust for each step.
class DemoPanel {
  public:
    DemoPanel();
    ~DemoPanel();
    void draw(UiContext& ui);
    void draw_demos_menu(UiContext& ui);            // items of the Demos menu
    void set_demos(std::vector<DemoSource> demos);  // what the menu offers, by file name

    // What the demo window shows (read by tests: no need to parse drawn text).
    struct Status {
        bool active = false;  // a demo is open
        std::string title;
        std::size_t steps_run = 0;
        std::size_t step_count = 0;
        bool playing = false;  // auto-play
    };
    Status status(const UiContext& ui) const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eventlab::ui
