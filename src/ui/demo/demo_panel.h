// The guided demos' panel (demo_panel.cpp registers it); declared here for the app, which tells
// it the demos the binary embeds, and for the tests that read its status.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ui/panel_registry.h"
#include "ui/ui_context.h"
#include "view/panels/demo.h"

namespace eventlab::ui {

// Guided demos of listener cleanup: a scenario played step by step with a sentence and the
// matching TypeScript/Rust for each step.
class DemoPanel final : public Panel {
  public:
    DemoPanel();
    ~DemoPanel() override;
    void draw(UiContext& ui) override;
    void draw_menu_items(std::string_view menu, UiContext& ui) override;  // Demos
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
