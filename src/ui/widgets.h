// Small widgets several panels share: fields that validate as you type, a target picker,
// and one-line previews. Validation itself lives in core (names, json_io); these only draw it.
#pragma once

#include <imgui.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bus/mode.h"
#include "core/bus/names.h"
#include "core/bus/target.h"
#include "core/record/record.h"

namespace eventlab::ui {

// An event-name input checked against the mode's rule; the caller's error text is shown in red
// under the field. Returns true while the name is valid.
struct EventNameField {
    std::string text = "test-event";
    std::string error;

    bool draw(const char* label, Mode mode, NameCall call, const char* js_command = "emit");
};

// A multi-line JSON editor; invalid JSON shows "payload:LINE:COL: what" and value stays empty.
struct JsonField {
    std::string text;
    std::optional<nlohmann::json> value;
    std::string error;

    explicit JsonField(std::string initial = "null");
    bool draw(const char* label, float lines, ImFont* mono);  // true when the text changed
    void set(std::string text);
    bool valid() const { return value.has_value(); }
};

// Pick a target: none (only where allowed), a bare label (AnyLabel), or a kind with a label.
struct TargetPicker {
    enum class Choice { None, Label, Kind };
    Choice choice = Choice::None;
    int kind = 1;  // index into EventTarget::Kind
    std::string label = "main";
    bool allow_none = true;

    // Draws the picker; `labels` are the live window labels offered in the combo.
    void draw(const char* id, const std::vector<std::string>& labels);
    std::optional<EventTarget> target() const;  // nullopt for None
    std::string describe() const;
};

void help_marker(const char* text);

// The right edge of the window's content region, in window coordinates (as SameLine and
// SetCursorPosX take them): right-aligns an item.
float content_right();
// Begins a small window centred over the main viewport for a long task's progress bar (the
// file's name, the bar, Cancel). End it with ImGui::End() whatever this returns.
bool begin_progress_window(const char* title);
// A modal's Cancel button, which Escape presses too: every modal closes the same way. Closes the
// current modal and returns true when either was pressed. Call it between BeginPopupModal and
// EndPopup.
bool cancel_modal_button();
// A "Copy" button that puts text on the clipboard.
void copy_button(const char* id, const std::string& text);
// The whole text on one line for a table cell: each '\n' and '\r' becomes a space, and past
// max_chars characters (code points, not bytes) the rest is cut and "…" marks the cut.
std::string one_line(std::string_view text, std::size_t max_chars);
ImVec4 record_color(RecordType type);
ImVec4 error_color();
ImVec4 dim_color();

}  // namespace eventlab::ui
