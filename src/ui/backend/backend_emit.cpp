// The Backend panel's emit form: app.emit / app.emit_to / app.emit_filter from Rust.
#include <imgui.h>

#include <algorithm>
#include <array>

#include "ui/backend/backend_forms.h"

namespace eventlab::ui {
namespace {

constexpr std::array<EmitApi, 3> kApis = {EmitApi::Emit, EmitApi::EmitTo, EmitApi::EmitFilter};

bool is_live(const std::vector<std::string>& labels, const std::string& label) {
    return std::find(labels.begin(), labels.end(), label) != labels.end();
}

// A target naming no open window is allowed (Tauri does not check), but worth saying: only
// listeners that take everything still get the event.
void missing_label_hint(const TargetPicker& picker, const std::vector<std::string>& labels) {
    const auto target = picker.target();
    if (!target || !target->has_label() || is_live(labels, target->label)) return;
    ImGui::PushTextWrapPos(0.0F);
    ImGui::TextColored(dim_color(),
                       "No open window is labelled `%s`: only listeners with target Any (a global "
                       "JS listen, listen_any) get it.",
                       target->label.c_str());
    ImGui::PopTextWrapPos();
}

void draw_accept_list(UiContext& ui, EmitForm& form, const std::vector<std::string>& labels) {
    field_label("accept");
    ImGui::TextDisabled("|t| true for these targets");
    help_marker(
        "emit_filter asks its closure about the target of every listener of the event, except "
        "listeners with target Any, which always get it.");
    // The remove button comes first: a kind with a label makes the picker wider than the panel.
    std::size_t remove = form.accept.size();
    for (std::size_t i = 0; i < form.accept.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button("x")) remove = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("remove this target");
        ImGui::SameLine();
        form.accept[i].draw("accept", labels);
        ImGui::PopID();
    }
    if (remove < form.accept.size()) {
        form.accept.erase(form.accept.begin() + static_cast<std::ptrdiff_t>(remove));
    }
    if (form.accept.empty()) {
        ImGui::TextColored(dim_color(), "Accepts nothing: only listeners with target Any get it.");
    }
    if (ImGui::SmallButton("+ target")) {
        TargetPicker picker;
        picker.allow_none = false;
        picker.choice = TargetPicker::Choice::Kind;
        picker.kind = static_cast<int>(EventTarget::Kind::Window);
        picker.label = labels.empty() ? "main" : labels.front();
        form.accept.push_back(picker);
    }
    ui.note_item("backend/accept/add");
}

void send(UiContext& ui, EmitForm& form) {
    Session& session = ui.workbench.session();
    Text payload = make_text(form.payload.value->dump());
    const std::string& event = form.event.text;
    OpResult result;
    switch (form.api) {
        case EmitApi::Emit:
            result = session.emit(event, std::move(payload), Source::rust());
            break;
        case EmitApi::EmitTo:
            result =
                session.emit_to(*form.target.target(), event, std::move(payload), Source::rust());
            break;
        case EmitApi::EmitFilter: {
            std::vector<EventTarget> accept;
            for (const TargetPicker& picker : form.accept) {
                accept.push_back(*picker.target());
            }
            result =
                session.emit_filter(std::move(accept), event, std::move(payload), Source::rust());
            break;
        }
    }
    form.status.set(result, "Sent `" + event + "` with app." + std::string(to_string(form.api)) +
                                ": the Log and Route panels show who got it.");
    if (!result.ok) ui.notice(form.status.text);
}

}  // namespace

EmitForm::EmitForm() {
    last_valid_payload = payload.value.value_or(nullptr);
    target.allow_none = false;
    target.choice = TargetPicker::Choice::Label;  // emit_to("main", …): the seed guide's call
}

EmitCall emit_call(const EmitForm& form) {
    EmitCall call;
    call.api = form.api;
    call.event = form.event.text;
    call.payload = form.last_valid_payload;
    call.target = form.target.target().value_or(EventTarget::any());
    for (const TargetPicker& picker : form.accept) {
        call.accept.push_back(picker.target().value_or(EventTarget::any()));
    }
    return call;
}

void draw_emit_form(UiContext& ui, EmitForm& form, const std::vector<std::string>& labels) {
    const Mode mode = ui.workbench.config().mode;
    field_label("call");
    for (EmitApi api : kApis) {
        const std::string name = std::string(to_string(api));
        if (ImGui::RadioButton(name.c_str(), form.api == api)) form.api = api;
        ui.note_item("backend/api/" + name);
        ImGui::SameLine();
    }
    help_marker(
        "emit: every listener of the event.\nemit_to(target): listeners whose target it "
        "accepts, plus listeners with target Any.\nemit_filter(f): listeners whose target f "
        "accepts, plus listeners with target Any.");

    field_label("event");
    ImGui::SetNextItemWidth(-1.0F);
    const bool name_ok = form.event.draw("##event", mode, NameCall::RustEmit);
    ui.note_item("backend/event");

    bool target_ok = true;
    if (form.api == EmitApi::EmitTo) {
        field_label("target");
        form.target.draw("emit-to-target", labels);
        missing_label_hint(form.target, labels);
        target_ok = form.target.target().has_value();
    } else if (form.api == EmitApi::EmitFilter) {
        draw_accept_list(ui, form, labels);
    }

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("payload");
    help_marker(
        "JSON, serialized once by the emit. {\"data\": \"...\"} is the seed guide's "
        "TestEventPayload; null is Rust's unit ().");
    form.payload.draw("##payload", 3.0F, ui.mono);
    ui.note_item("backend/payload");
    if (form.payload.valid()) form.last_valid_payload = *form.payload.value;

    const bool ready = name_ok && target_ok && form.payload.valid();
    ImGui::BeginDisabled(!ready);
    const std::string button = "Send with app." + std::string(to_string(form.api));
    const bool clicked = ImGui::Button(button.c_str());
    ui.note_item("backend/" + std::string(to_string(form.api)));
    ImGui::EndDisabled();
    if (!ready) {
        ImGui::SameLine();
        ImGui::TextColored(dim_color(), "%s",
                           !name_ok ? "fix the event name to send" : "fix the payload to send");
    }
    // A disabled button reports no click; checking `ready` again keeps a bad call impossible.
    if (clicked && ready) send(ui, form);
    form.status.draw();
}

}  // namespace eventlab::ui
