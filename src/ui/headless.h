// Dear ImGui without a window or GL, as the panels' tests and the frame benchmark drive it: a
// context whose "renderer" accepts every texture request (so fonts load glyphs on demand as in
// the app) and, on request, a pretend platform that opens pretend OS windows for viewports, so
// docking and windows popped out of the main window are exercised without a display.
#pragma once

#include <imgui.h>
#include <implot.h>

#include <functional>
#include <string>

namespace eventlab::ui {

struct HeadlessOptions {
    float width = 1600;
    float height = 1000;
    // Multi-viewports over the pretend platform: a window dragged (or popped) out of the main
    // window gets a viewport of its own, as it would get an OS window in the app.
    bool viewports = false;
};

class HeadlessContext {
  public:
    explicit HeadlessContext(const HeadlessOptions& options = {});
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    void use() const {
        ImGui::SetCurrentContext(context_);
        ImPlot::SetCurrentContext(plot_);
    }
    // One frame: NewFrame, draw, Render, then the viewports' pretend OS windows are updated.
    void frame(const std::function<void()>& draw) {
        begin_frame();
        draw();
        end_frame();
    }
    void begin_frame();
    void end_frame();

    // A pretend OS window (the main one included): what the app's platform would show.
    struct OsWindow {
        ImVec2 pos;
        ImVec2 size;
        std::string title;
        bool shown = false;
    };
    // The OS window of `viewport`, or nullptr when it has none (viewports off, or not created).
    static const OsWindow* os_window(const ImGuiViewport* viewport);
    // The person resizes the app's OS window: the main viewport takes the new size.
    void resize(float width, float height);

  private:
    ImGuiContext* context_ = nullptr;
    ImPlotContext* plot_ = nullptr;  // ImPlot's context goes with ImGui's
    OsWindow main_;
};

}  // namespace eventlab::ui
