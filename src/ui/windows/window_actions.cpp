// The seed guide's frontend actions, run from inside one simulated window: listen / once,
// emit, emitTo, invoke, and React-style components. Each tab shows the TypeScript it stands for.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "ui/windows/window_state.h"

namespace eventlab::ui {
namespace {

ImVec4 ok_color() {
    return {0.55F, 0.85F, 0.55F, 1.0F};
}

// Field labels in a column of their own, so the inputs line up.
void field_label(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(ImGui::GetFontSize() * 6.0F);
    ImGui::SetNextItemWidth(-1.0F);
}

bool key_button(UiContext& ui, SimWindow& w, const char* label, const char* what, bool enabled) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    ui.note_item("win/" + w.label + "/" + what);
    return pressed && enabled;
}

bool report(UiContext& ui, const OpResult& r) {
    if (!r.ok) ui.notice(r.error);
    return true;
}

std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Text payload_text(const JsonField& field) {
    return make_text(dump(*field.value));
}

bool draw_listen(UiContext& ui, SimWindow& w, const BusSnapshot& snapshot) {
    const Mode mode = ui.workbench.config().mode;
    field_label("event");
    const bool valid = w.listen_event.draw("##event", mode, NameCall::Js, "listen");
    field_label("target");
    w.listen_target.draw("target", snapshot.labels);
    field_label("name");
    const auto target = w.listen_target.target();
    const std::string auto_name =
        default_listener_name(w.label, w.listen_event.text, target, false);
    ImGui::InputTextWithHint("##name", auto_name.c_str(), &w.listen_name);

    const std::string code = ts_listen(w.listen_event.text, target, false, code_columns(ui));
    bool once = false;
    bool pressed = key_button(ui, w, "listen", "listen", valid);
    ImGui::SameLine();
    if (key_button(ui, w, "once", "once", valid)) pressed = once = true;
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("once(): unlistens itself, then calls the handler, on the first event");
    }
    copy_code_button(code);
    draw_code(ui, code);
    if (!pressed) return false;

    ListenRequest request;
    request.side = Side::Js;
    request.in = w.label;
    request.event = w.listen_event.text;
    request.target = target;
    request.once = once;
    request.name = w.listen_name.empty()
                       ? default_listener_name(w.label, w.listen_event.text, target, once)
                       : w.listen_name;
    return report(ui, ui.workbench.session().listen(request));
}

bool draw_emit(UiContext& ui, SimWindow& w) {
    const Mode mode = ui.workbench.config().mode;
    field_label("event");
    const bool name_ok = w.emit_event.draw("##event", mode, NameCall::Js, "emit");
    ImGui::TextUnformatted("payload");
    help_marker("JSON. null stands for emit() without a payload: JS handlers get null.");
    w.emit_payload.draw("##payload", 2.0F, ui.mono);
    const bool valid = name_ok && w.emit_payload.valid();
    const bool pressed = key_button(ui, w, "emit", "emit", valid);
    if (valid) {
        const std::string code =
            ts_emit(w.emit_event.text, *w.emit_payload.value, code_columns(ui));
        copy_code_button(code);
        draw_code(ui, code);
    }
    if (!pressed) return false;
    return report(ui, ui.workbench.session().emit(w.emit_event.text, payload_text(w.emit_payload),
                                                  Source::js(w.label)));
}

bool draw_emit_to(UiContext& ui, SimWindow& w, const BusSnapshot& snapshot) {
    const Mode mode = ui.workbench.config().mode;
    field_label("target");
    w.emit_to_target.draw("target", snapshot.labels);
    field_label("event");
    const bool name_ok = w.emit_to_event.draw("##event", mode, NameCall::Js, "emit_to");
    ImGui::TextUnformatted("payload");
    w.emit_to_payload.draw("##payload", 2.0F, ui.mono);
    const auto target = w.emit_to_target.target();
    const bool valid = name_ok && w.emit_to_payload.valid() && target.has_value();
    const bool pressed = key_button(ui, w, "emitTo", "emitTo", valid);
    if (valid) {
        const std::string code =
            ts_emit_to(*target, w.emit_to_event.text, *w.emit_to_payload.value, code_columns(ui));
        copy_code_button(code);
        draw_code(ui, code);
    }
    if (!pressed) return false;
    return report(
        ui, ui.workbench.session().emit_to(*target, w.emit_to_event.text,
                                           payload_text(w.emit_to_payload), Source::js(w.label)));
}

void prefill_args(SimWindow& w, const Command& command, const BusSnapshot& snapshot) {
    // The seed guide sends to `main`; without a main window the args name this one.
    bool has_main = false;
    for (const auto& l : snapshot.labels)
        has_main = has_main || l == "main";
    w.invoke_args.set(default_invoke_text(command, has_main ? "main" : w.label));
}

bool draw_invoke(UiContext& ui, SimWindow& w, const BusSnapshot& snapshot) {
    const auto& commands = ui.workbench.session().commands().commands();
    if (commands.empty()) {
        ImGui::TextDisabled("The backend has no commands.");
        return false;
    }
    if (w.command < 0 || w.command >= static_cast<int>(commands.size())) {
        w.command = 0;
        prefill_args(w, commands[0], snapshot);
    }
    field_label("command");
    const Command& current = commands[static_cast<std::size_t>(w.command)];
    if (ImGui::BeginCombo("##command", current.name.c_str())) {
        for (std::size_t i = 0; i < commands.size(); ++i) {
            const bool selected = static_cast<int>(i) == w.command;
            if (ImGui::Selectable(commands[i].name.c_str(), selected) && !selected) {
                w.command = static_cast<int>(i);
                prefill_args(w, commands[i], snapshot);
            }
        }
        ImGui::EndCombo();
    }
    ImGui::TextUnformatted("args");
    help_marker(
        "JSON object; keys are the command's parameters in camelCase (window_label → "
        "windowLabel). A missing or mistyped key rejects the promise.");
    w.invoke_args.draw("##args", 2.0F, ui.mono);
    const Command& command = commands[static_cast<std::size_t>(w.command)];
    const bool pressed = key_button(ui, w, "invoke", "invoke", w.invoke_args.valid());
    std::string code;
    if (w.invoke_args.valid()) {
        code = ts_invoke(command.name, *w.invoke_args.value, code_columns(ui));
        copy_code_button(code);
    }
    if (w.invoke_result && w.invoked == command.name) {
        if (w.invoke_result->ok) {
            ImGui::TextColored(ok_color(), "resolved: %s", dump(w.invoke_result->value).c_str());
        } else {
            ImGui::PushTextWrapPos(0.0F);
            ImGui::TextColored(error_color(), "rejected: %s", w.invoke_result->error.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    if (!code.empty()) draw_code(ui, code);
    if (!pressed) return false;
    w.invoke_result = ui.workbench.session().invoke(w.label, command.name, *w.invoke_args.value);
    w.invoked = command.name;
    return true;
}

void draw_component_list(const SimWindow& w) {
    for (const ComponentRow& c : w.components) {
        ImGui::Bullet();
        ImGui::Text("<%s /> #%u", c.name.c_str(), c.instance);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%zu listener%s registered on mount, %s", c.listeners,
                              c.listeners == 1 ? "" : "s",
                              c.cleanup ? "unlistened by its cleanup" : "no cleanup");
        }
        ImGui::SameLine();
        if (c.mounted) {
            ImGui::TextColored(ok_color(), "mounted");
        } else {
            ImGui::TextColored(dim_color(), "unmounted");
        }
        if (!c.cleanup) {
            ImGui::SameLine();
            ImGui::TextDisabled("no cleanup");
        }
        if (c.leaked > 0) {
            ImGui::SameLine();
            ImGui::TextColored(error_color(), "%zu leaked", c.leaked);
        }
    }
}

bool draw_components(UiContext& ui, SimWindow& w) {
    const Mode mode = ui.workbench.config().mode;
    field_label("component");
    ImGui::InputText("##component", &w.component_name);
    field_label("events");
    ImGui::InputTextWithHint("##events", "comma separated", &w.component_events);
    const std::vector<std::string> events = parse_event_list(w.component_events);
    const Result<void> names = check_event_list(events, mode);
    if (!names) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextColored(error_color(), "%s", names.error().c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::Checkbox("cleanup", &w.cleanup);
    ui.note_item("win/" + w.label + "/cleanup");
    help_marker(
        "return () => unlisten() from useEffect. Without it the listeners stay registered "
        "after unmount and keep firing (leaked).");
    ImGui::SameLine();
    ImGui::Checkbox("StrictMode", &w.strict);
    ui.note_item("win/" + w.label + "/strict");
    help_marker("React StrictMode in development: mount, unmount and mount again at once.");

    const bool named = !w.component_name.empty();
    const bool mount = key_button(ui, w, "mount", "mount", named && names.ok());
    ImGui::SameLine();
    const bool unmount = key_button(ui, w, "unmount", "unmount", named);
    const std::string code =
        ts_component(w.component_name, events, w.cleanup, w.strict, code_columns(ui));
    copy_code_button(code);
    draw_code(ui, code);
    draw_component_list(w);

    Session& session = ui.workbench.session();
    if (mount) {
        std::vector<ListenItem> items;
        for (const std::string& event : events)
            items.push_back({event, std::nullopt, {}});
        return report(ui, session.mount(w.label, w.component_name, items, w.cleanup, w.strict));
    }
    if (unmount) return report(ui, session.unmount(w.label, w.component_name));
    return false;
}

bool tab(UiContext& ui, const SimWindow& w, const char* label) {
    const bool open = ImGui::BeginTabItem(label);
    ui.note_item("win/" + w.label + "/tab/" + label);
    return open;
}

}  // namespace

bool draw_actions(UiContext& ui, SimWindow& w, const BusSnapshot& snapshot) {
    bool changed = false;
    if (!ImGui::BeginTabBar("actions")) return false;
    if (tab(ui, w, "listen")) {
        changed = draw_listen(ui, w, snapshot);
        ImGui::EndTabItem();
    }
    if (tab(ui, w, "emit")) {
        changed = draw_emit(ui, w);
        ImGui::EndTabItem();
    }
    if (tab(ui, w, "emitTo")) {
        changed = draw_emit_to(ui, w, snapshot);
        ImGui::EndTabItem();
    }
    if (tab(ui, w, "invoke")) {
        changed = draw_invoke(ui, w, snapshot);
        ImGui::EndTabItem();
    }
    if (tab(ui, w, "components")) {
        changed = draw_components(ui, w);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    return changed;
}

}  // namespace eventlab::ui
