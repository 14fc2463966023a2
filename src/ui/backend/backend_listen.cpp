// The Backend panel's Rust listeners: the listen form (app.listen, window.listen, webview.listen,
// webview_window.listen, listen_any, and their once variants) and the table with Unlisten.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui/backend/backend_forms.h"

namespace eventlab::ui {
namespace {

void draw_api_combo(ListenForm& form) {
    const std::string preview = rust_listen_name(form.api, form.once);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::BeginCombo("##api", preview.c_str())) {
        for (RustListenApi api : kRustListenApis) {
            const std::string name = rust_listen_name(api, form.once);
            if (ImGui::Selectable(name.c_str(), api == form.api)) form.api = api;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::Checkbox("once", &form.once);
    help_marker(
        "The target the listener stores: app.listen -> App; window / webview / webview_window "
        ".listen on label L -> Window{L} / Webview{L} / WebviewWindow{L}; listen_any -> Any.\n"
        "once: the handler runs once, then it is removed.");
}

void draw_label_field(ListenForm& form, const std::vector<std::string>& labels) {
    field_label("label");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ImGui::InputText("##label", &form.label);
    ImGui::SameLine();
    if (ImGui::BeginCombo("##labels", nullptr, ImGuiComboFlags_NoPreview)) {
        for (const std::string& l : labels) {
            if (ImGui::Selectable(l.c_str(), l == form.label)) form.label = l;
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("open windows");
    if (std::find(labels.begin(), labels.end(), form.label) == labels.end()) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextColored(dim_color(),
                           "No open window is labelled `%s`: in Tauri the handle lookup returns "
                           "None; here the listener is stored anyway and waits for that label.",
                           form.label.c_str());
        ImGui::PopTextWrapPos();
    }
}

void listen(UiContext& ui, ListenForm& form) {
    const ListenCall call = listen_call(form);
    ListenRequest request;
    request.side = Side::Rust;
    request.event = call.event;
    request.target = listen_target(call);
    request.once = call.once;
    // The name the log shows for its calls: "window(main).listen(test-event)".
    const std::string api = rust_listen_name(call.api, call.once);
    const std::string handle =
        listen_needs_label(call.api)
            ? api.substr(0, api.find('.')) + "(" + call.label + ")" + api.substr(api.find('.'))
            : api;
    request.name = handle + "(" + call.event + ")";
    const OpResult result = ui.workbench.session().listen(request);
    form.status.set(result, "Listening: id " + std::to_string(result.id) + ", target " +
                                describe(*request.target) + ".");
    if (!result.ok) ui.notice(form.status.text);
}

void tag(const char* text, const ImVec4& color, const char* why, bool& first) {
    if (!first) ImGui::SameLine();
    first = false;
    ImGui::TextColored(color, "%s", text);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted(why);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void payload_cell(UiContext& ui, EventId id) {
    const std::optional<std::string> payload = ui.workbench.session().last_payload(id);
    if (!payload) {
        ImGui::TextDisabled("not called yet");
        return;
    }
    if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
    ImGui::TextUnformatted(one_line(*payload, 60).c_str());
    if (ui.mono != nullptr) ImGui::PopFont();
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
        ImGui::TextUnformatted("The JSON text the handler got (event.payload()):");
        if (ui.mono != nullptr) ImGui::PushFont(ui.mono, 0.0F);
        ImGui::TextUnformatted(payload->c_str());
        if (ui.mono != nullptr) ImGui::PopFont();
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

}  // namespace

ListenCall listen_call(const ListenForm& form) {
    ListenCall call;
    call.api = form.api;
    call.label = form.label;
    call.event = form.event.text;
    call.once = form.once;
    return call;
}

void draw_listen_form(UiContext& ui, ListenForm& form, const std::vector<std::string>& labels) {
    field_label("call");
    draw_api_combo(form);
    if (listen_needs_label(form.api)) draw_label_field(form, labels);

    field_label("event");
    ImGui::SetNextItemWidth(-1.0F);
    // A bad name is a panic in Rust (unwrap on IllegalEventName, or an assert in 2.0).
    const bool name_ok =
        form.event.draw("##listen-event", ui.workbench.config().mode, NameCall::RustListen);
    ui.note_item("backend/listen-event");

    ImGui::BeginDisabled(!name_ok);
    const std::string button = "Register with " + rust_listen_name(form.api, form.once);
    const bool clicked = ImGui::Button(button.c_str());
    ui.note_item("backend/listen");
    ImGui::EndDisabled();
    if (!name_ok) {
        ImGui::SameLine();
        ImGui::TextColored(dim_color(), "the call would panic: fix the name");
    }
    if (clicked && name_ok) listen(ui, form);
    form.status.draw();
}

void draw_rust_listeners(UiContext& ui, const std::vector<ListenerInfo>& listeners,
                         std::size_t max_rows) {
    if (listeners.empty()) {
        ImGui::TextDisabled("No Rust listeners. Register one above.");
        return;
    }
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                       ImGuiTableFlags_SizingStretchProp;
    // Tall enough for every row up to `max_rows` (then it scrolls), never taller than needed.
    const float row = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const auto rows = static_cast<float>(std::min(listeners.size(), max_rows) + 1);
    const float height = row * rows + ImGui::GetStyle().CellPadding.y * 2;
    if (!ImGui::BeginTable("rust-listeners", 7, kFlags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("id", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthStretch, 1.0F);
    ImGui::TableSetupColumn("target", ImGuiTableColumnFlags_WidthStretch, 1.3F);
    ImGui::TableSetupColumn("calls", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("last payload", ImGuiTableColumnFlags_WidthStretch, 1.2F);
    ImGui::TableSetupColumn("marks", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("##unlisten", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    const ImVec4 warn(0.95F, 0.75F, 0.35F, 1.0F);
    // A long session has a million of them: draw the rows in view, with fresh counters.
    std::vector<ListenerInfo> shown;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(listeners.size()));
    while (clipper.Step()) {
        shown.assign(listeners.begin() + clipper.DisplayStart,
                     listeners.begin() + clipper.DisplayEnd);
        ui.workbench.session().update_counts(shown);
        for (const ListenerInfo& l : shown) {
            ImGui::PushID(static_cast<int>(l.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%u", l.id);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(l.event.empty() ? "\"\"" : l.event.c_str());
            if (ImGui::IsItemHovered() && !l.name.empty()) ImGui::SetTooltip("%s", l.name.c_str());
            ImGui::TableNextColumn();
            const std::string target = describe(l.target);
            if (l.stale) {
                ImGui::TextColored(warn, "%s", target.c_str());
            } else {
                ImGui::TextUnformatted(target.c_str());
            }
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(l.calls));
            ImGui::TableNextColumn();
            payload_cell(ui, l.id);
            ImGui::TableNextColumn();
            // Marks are short words with the why in a tooltip; the first needs no SameLine.
            bool first = true;
            if (l.once) {
                tag("once", dim_color(), "Registered with once: removed after its first call.",
                    first);
            }
            if (l.stale) {
                tag("stale", warn,
                    "Its window is gone: in 2.0/stable the handler stays and keeps firing (also "
                    "for a new window that reuses the label); next removes it.",
                    first);
            }
            if (l.pending) {
                tag("pending", warn,
                    "Queued behind the handlers lock: registered once the running dispatch ends "
                    "(it misses the event being dispatched).",
                    first);
            }
            ImGui::TableNextColumn();
            const bool unlisten = ImGui::SmallButton("Unlisten");
            ui.note_item("backend/unlisten/" + std::to_string(l.id));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("app.unlisten(%u)", l.id);
            if (unlisten) {
                if (OpResult r = ui.workbench.session().unlisten(l.id); !r.ok) ui.notice(r.error);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace eventlab::ui
