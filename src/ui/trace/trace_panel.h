// The trace panel (trace_panel.cpp registers it); declared here for the app, which records
// from the command line, stops the recording before a reset and on quit, and shows its status.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "ui/panel_registry.h"
#include "ui/ui_context.h"

namespace eventlab::ui {

// A recording that was stopped: its file and the complete records it holds.
struct StoppedRecording {
    std::string path;
    std::uint64_t records = 0;
    bool failed = false;  // a write failed part way (disk full?)
};

// Traces: record the session to a .jsonl file, open one read-only with a timeline scrubber,
// replay it against the live workspace, export it for Perfetto.
class TracePanel final : public Panel {
  public:
    TracePanel();
    ~TracePanel() override;
    void draw(UiContext& ui) override;
    void draw_menu_items(std::string_view menu, UiContext& ui) override;  // File: traces
    std::string status(const UiContext& ui) const;  // for the status bar ("" when idle)
    // Before a reset: stops the recording; a disk that is behind finishes it in the background.
    void stop_recording(UiContext& ui);
    // On quit: stops the recording and waits until every file is complete; what the stopped
    // recording wrote (nullopt: none was running).
    std::optional<StoppedRecording> shutdown(UiContext& ui);
    // `eventlab --record FILE`: records to that path from now on, or says why not.
    Result<void> record_to(UiContext& ui, const std::string& path);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eventlab::ui
