// The Periodic panel: the seed guide's `thread::spawn` loop, as many as a person wants. Each row
// is a sender's settings (view state); whether it runs, and its ticks, come from the session on
// every frame, so a session reset (which joins every sender thread) shows the rows off again.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <map>
#include <memory>

#include "ui/panel_registry.h"
#include "ui/widgets.h"
#include "view/panels/periodic_form.h"

namespace eventlab::ui {

// Periodic senders, each a real thread emitting into the bus (the seed guide's thread::spawn).
class PeriodicPanel final : public Panel {
  public:
    PeriodicPanel();
    ~PeriodicPanel() override;
    void draw(UiContext& ui) override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

namespace {

constexpr float kLabelEms = 5.0F;
const ImVec4 kWarnColor(0.95F, 0.75F, 0.35F, 1.0F);

struct SenderRow {
    explicit SenderRow(const PeriodicSpec& spec, int row_uid) : uid(row_uid) { load(spec); }

    int uid;  // ImGui id: stays when rows before it are removed or the id is edited
    std::string id;
    EventNameField event;
    std::string interval_text;
    IntervalInput interval;
    JsonField payload;
    TargetPicker target;              // "no target": app.emit to all windows
    std::uint64_t last_ticks = 0;     // what it had sent when stopped from here
    std::optional<bool> was_running;  // to fold the options when it starts, unfold when it stops

    void load(const PeriodicSpec& spec) {
        id = spec.id;
        event.text = spec.event;
        interval_text = format_interval(spec.interval_us);
        interval = parse_interval(interval_text);
        payload.set(payload_text(spec.payload));
        target = TargetPicker{};
        if (spec.target) {
            const bool bare = spec.target->kind == EventTarget::Kind::AnyLabel;
            target.choice = bare ? TargetPicker::Choice::Label : TargetPicker::Choice::Kind;
            target.kind = static_cast<int>(spec.target->kind);
            target.label = spec.target->has_label() ? spec.target->label : "main";
        }
    }

    // The spec the row stands for; empty while a field is invalid.
    std::optional<PeriodicSpec> spec() const {
        if (!interval.us || !payload.valid() || !event.error.empty()) return std::nullopt;
        PeriodicSpec s;
        s.id = id;
        s.event = event.text;
        s.interval_us = *interval.us;
        s.payload = *payload.value;
        s.target = target.target();
        return s;
    }
};

bool same_spec(const PeriodicSpec& a, const PeriodicSpec& b) {
    return a.id == b.id && a.event == b.event && a.interval_us == b.interval_us &&
           a.payload == b.payload && a.target == b.target;
}

void field_label(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(ImGui::GetFontSize() * kLabelEms);
}

}  // namespace

struct PeriodicPanel::State {
    State() { rows.emplace_back(seed_ticker_preset(), next_uid++); }

    std::vector<SenderRow> rows;
    int next_uid = 0;
    std::uint64_t generation = 0;
};

PeriodicPanel::PeriodicPanel() : state_(std::make_unique<State>()) {}
PeriodicPanel::~PeriodicPanel() = default;

namespace {

// The row can start, or why not. The fields show their own errors; this names the first.
Result<void> startable(const SenderRow& row, const std::vector<SenderRow>& rows) {
    if (row.id.empty()) return Failure{"give it an id"};
    const auto same_id =
        std::count_if(rows.begin(), rows.end(), [&](const SenderRow& r) { return r.id == row.id; });
    if (same_id > 1) return Failure{"another sender has the id `" + row.id + "`"};
    if (!row.event.error.empty()) return Failure{"fix the event name"};
    if (!row.interval.us) return Failure{"fix the interval"};
    if (!row.payload.valid()) return Failure{"fix the payload"};
    return {};
}

void draw_fields(UiContext& ui, SenderRow& row, bool running,
                 const std::vector<std::string>& labels) {
    // A running thread has its spec; changing the fields under it would lie about what it sends.
    ImGui::BeginDisabled(running);
    field_label("id");
    ImGui::SetNextItemWidth(-1.0F);
    ImGui::InputText("##id", &row.id);
    help_marker("Names the sender in the log: source periodic:ID.");

    field_label("event");
    ImGui::SetNextItemWidth(-1.0F);
    row.event.draw("##event", ui.workbench.config().mode, NameCall::RustEmit);

    field_label("every");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::InputText("##interval", &row.interval_text, ImGuiInputTextFlags_AutoSelectAll)) {
        row.interval = parse_interval(row.interval_text);
    }
    ui.note_item("periodic/" + row.id + "/interval");
    ImGui::SameLine();
    ImGui::TextDisabled("1 ms to 1 h");
    if (!row.interval.message.empty()) {
        ImGui::PushTextWrapPos(0.0F);
        ImGui::TextColored(row.interval.us ? kWarnColor : error_color(), "%s",
                           row.interval.message.c_str());
        ImGui::PopTextWrapPos();
    }

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("payload");
    help_marker("JSON; {n} inside a string becomes the tick number, from 1.");
    row.payload.draw("##payload", 2.0F, ui.mono);

    field_label("target");
    row.target.draw("target", labels);
    if (row.target.choice == TargetPicker::Choice::None) {
        ImGui::SameLine();
        ImGui::TextDisabled("app.emit to all");
    }
    ImGui::EndDisabled();
}

}  // namespace

void PeriodicPanel::draw(UiContext& ui) {
    UiContext::place(ui.layout.periodic);
    if (!ImGui::Begin("Periodic senders")) {
        ImGui::End();
        return;
    }
    State& s = *state_;
    Session& session = ui.workbench.session();
    if (s.generation != ui.workbench.generation()) {
        // A new session: the old one joined its threads, so nothing here is running any more.
        s.generation = ui.workbench.generation();
        for (SenderRow& row : s.rows) {
            row.last_ticks = 0;
        }
    }
    std::map<std::string, PeriodicInfo> running;
    for (PeriodicInfo& info : session.periodic()) {
        running.emplace(info.spec.id, std::move(info));
    }
    for (const auto& entry : running) {
        const PeriodicInfo& info = entry.second;
        // Senders the scenario started get a row too; a row that runs shows what really runs.
        auto row = std::find_if(s.rows.begin(), s.rows.end(),
                                [&](const SenderRow& r) { return r.id == entry.first; });
        if (row == s.rows.end()) {
            s.rows.emplace_back(info.spec, s.next_uid++);
        } else if (const auto spec = row->spec(); !spec || !same_spec(*spec, info.spec)) {
            row->load(info.spec);
        }
    }

    ImGui::TextWrapped(
        "Each sender is a thread that emits every interval, like the seed guide's "
        "thread::spawn loop.");
    ui.live.refresh(ui.workbench);  // cheap when unchanged; a panel drawn alone has no AppUi
    const std::vector<std::string>& labels = ui.live.labels();

    std::size_t remove = s.rows.size();
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        SenderRow& row = s.rows[i];
        const auto info = running.find(row.id);
        const bool is_running = info != running.end();
        ImGui::PushID(row.uid);
        ImGui::Separator();

        const Result<void> can_start = is_running ? Result<void>{} : startable(row, s.rows);
        bool on = is_running;
        ImGui::BeginDisabled(!can_start);
        const std::string toggle = (row.id.empty() ? std::string("(no id)") : row.id) + "##on";
        const bool toggled = ImGui::Checkbox(toggle.c_str(), &on);
        ui.note_item("periodic/" + row.id + "/toggle");
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            ImGui::SetTooltip("%s", can_start
                                        ? (is_running ? "stop: joins its thread" : "start a thread")
                                        : ("cannot start: " + can_start.error()).c_str());
        }
        ImGui::SameLine();
        if (is_running) {
            ImGui::TextColored(record_color(RecordType::Deliver), "%llu sent",
                               static_cast<unsigned long long>(info->second.ticks));
        } else if (row.last_ticks > 0) {
            ImGui::TextDisabled("off (%llu sent)", static_cast<unsigned long long>(row.last_ticks));
        } else {
            ImGui::TextDisabled("off");
        }
        ImGui::SameLine(content_right() - ImGui::CalcTextSize("remove").x -
                        ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::SmallButton("remove")) remove = i;
        ui.note_item("periodic/" + row.id + "/remove");

        if (const auto spec = row.spec()) {
            ImGui::TextDisabled("%s", describe_periodic(*spec).c_str());
        }
        if (!can_start) {
            ImGui::TextColored(error_color(), "cannot start: %s", can_start.error().c_str());
        }

        if (toggled && on && can_start) {
            if (OpResult r = session.periodic_start(*row.spec()); !r.ok) ui.notice(r.error);
        } else if (toggled && !on && is_running) {
            // The count as last read: periodic_stop() does not return the final one.
            row.last_ticks = info->second.ticks;
            if (OpResult r = session.periodic_stop(row.id); !r.ok) ui.notice(r.error);
        }

        // A running sender's options cannot be edited: fold them away, and unfold on stop.
        if (row.was_running != is_running) ImGui::SetNextItemOpen(!is_running);
        row.was_running = is_running;
        if (ImGui::TreeNode("options")) {
            if (is_running) ImGui::TextDisabled("running: turn it off to edit");
            draw_fields(ui, row, is_running, labels);
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    if (remove < s.rows.size()) {
        const SenderRow& row = s.rows[remove];
        if (running.count(row.id) != 0) {  // joins its thread
            if (OpResult r = session.periodic_stop(row.id); !r.ok) ui.notice(r.error);
        }
        s.rows.erase(s.rows.begin() + static_cast<std::ptrdiff_t>(remove));
    }

    ImGui::Separator();
    if (ImGui::Button("+ add sender")) {
        std::vector<std::string> taken;
        for (const SenderRow& row : s.rows) {
            taken.push_back(row.id);
        }
        PeriodicSpec spec = seed_ticker_preset();
        spec.id = next_sender_id(taken);
        spec.interval_us = 1'000'000;
        s.rows.emplace_back(spec, s.next_uid++);
    }
    ui.note_item("periodic/add");
    ImGui::End();
}

namespace {

const PanelRegistration kPeriodicPanel{{
    .name = "Periodic senders",
    .order = 40,
    .windows = {{.name = "Periodic senders", .slot = DockSlot::Periodic, .in_front = true}},
    .focus_keys = "Ctrl+Shift+S",
    .focus_chord = ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_S,
    .make = &make_instance<PeriodicPanel>,
}};

}  // namespace

}  // namespace eventlab::ui
