// The Backend panel's two forms (emit, Rust listeners) and the code block both show. Split from
// backend_panel.cpp to keep each file readable; only the Backend panel includes this.
#pragma once

#include <string>
#include <vector>

#include "core/bus/bus.h"
#include "ui/ui_context.h"
#include "ui/widgets.h"
#include "view/codegen/code_preview.h"

namespace eventlab::ui {

// What the last button press did, shown beside the button (errors also go to ui.notice).
struct FormStatus {
    std::string text;
    bool error = false;

    void set(const OpResult& result, std::string success);
    void draw() const;
};

struct EmitForm {
    EmitForm();

    EmitApi api = EmitApi::Emit;
    EventNameField event;
    // The seed guide's TestEventPayload, so the Rust preview starts with the struct.
    JsonField payload{R"({"data": "hello from Rust"})"};
    nlohmann::json last_valid_payload;  // the preview keeps showing it while the text is broken
    TargetPicker target;                // emit_to
    std::vector<TargetPicker> accept;   // emit_filter: the closure accepts exactly these
    FormStatus status;
};

struct ListenForm {
    RustListenApi api = RustListenApi::App;
    std::string label = "main";  // window / webview / webview_window handles
    EventNameField event;
    bool once = false;
    FormStatus status;
};

// A label on the left of the field that follows, so the fields of a form line up.
inline constexpr float kLabelEms = 5.5F;
void field_label(const char* text);

void draw_emit_form(UiContext& ui, EmitForm& form, const std::vector<std::string>& labels);
EmitCall emit_call(const EmitForm& form);

void draw_listen_form(UiContext& ui, ListenForm& form, const std::vector<std::string>& labels);
// The Rust listeners with their Unlisten buttons; scrolls past `max_rows` rows. Only the rows
// in view are drawn, with their calls and marks read from the bus this frame.
void draw_rust_listeners(UiContext& ui, const std::vector<ListenerInfo>& listeners,
                         std::size_t max_rows);
ListenCall listen_call(const ListenForm& form);

// The Rust and then the TypeScript of `preview`, in the mono font, each with a Copy button.
void draw_code(UiContext& ui, const char* id, const CodePreview& preview);
// The JavaScript backend tab (--backend): its state and the commands it answered.
void draw_stand_in(UiContext& ui, const StandInView& view);
// How many monospace characters fit the current content width (for line breaking the preview).
std::size_t code_columns(const UiContext& ui, float width);

}  // namespace eventlab::ui
