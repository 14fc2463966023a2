// Session: invoke (the core plugins and the app's own commands, one implementation for pages and
// simulated windows), the app's description and the state of its windows.
#include "core/app/plugins.h"
#include "core/app/session.h"

namespace eventlab {

const CommandRegistry& Session::commands() const {
    std::lock_guard lock(mutex_);
    return *commands_;
}

void Session::add_commands(const std::vector<DeclaredCommand>& commands) {
    if (commands.empty()) return;
    std::lock_guard lock(mutex_);
    auto registry = std::make_shared<CommandRegistry>(*commands_);
    for (const DeclaredCommand& declared : commands)
        registry->add(make_command(declared));
    commands_ = std::move(registry);
}

InvokeResult Session::invoke(const Caller& caller, std::string_view command,
                             const nlohmann::json& args, const Cause& cause) {
    if (auto refusal = admit(caller, command, args)) return *refusal;
    InvokeResult result = run_command(caller, command, args, cause);
    // The event plugin's commands are recorded by the bus as what they do (listen, unlisten,
    // emit): an invoke record besides would say each twice.
    if (!is_event_plugin_command(command)) record_answer(caller, command, args, result);
    return result;
}

std::optional<InvokeResult> Session::admit(const Caller& caller, std::string_view command,
                                           const nlohmann::json& args) {
    if (!bus_.is_alive(caller.window)) {
        InvokeResult refusal{false, nullptr,
                             "no open window `" + caller.window + "` to invoke from"};
        record_answer(caller, command, args, refusal);
        return refusal;
    }
    if (auto refusal = authorize(caller, command)) {
        InvokeResult result{false, nullptr, refusal->message};
        record_invoke(caller.webview, command, args, result);
        record_refusal(*refusal);
        return result;
    }
    return std::nullopt;
}

void Session::record_answer(const Caller& caller, std::string_view command,
                            const nlohmann::json& args, const InvokeResult& result) {
    record_invoke(caller.webview, command, args, result);
    // The rejected promise is an error the frontend sees, so `expect error` can check it.
    if (!result.ok) bus_.record_error(result.error, "invoke", false);
}

InvokeResult Session::run_command(const Caller& caller, std::string_view command,
                                  const nlohmann::json& args, const Cause& cause) {
    if (is_core_plugin_command(command)) {
        return run_plugin_command(*this, caller, command, args, cause);
    }
    std::shared_ptr<const CommandRegistry> commands;
    {
        std::lock_guard lock(mutex_);
        commands = commands_;
    }
    // A scenario may stand in for another plugin (`plugin:store|load`) by declaring its commands.
    if (is_plugin_command(command) && commands->find(command) == nullptr) {
        return run_plugin_command(*this, caller, command, args, cause);
    }
    CommandContext context{bus_, caller.webview, Source::invoke(std::string(command)), cause,
                           &caller};
    return commands->invoke(context, command, args);
}

void Session::record_invoke(std::string_view webview, std::string_view command,
                            const nlohmann::json& args, const InvokeResult& result) {
    if (!recorder_.active()) return;
    Symbols& symbols = recorder_.symbols();
    Record r;
    r.type = RecordType::Invoke;
    r.aux = symbols.intern(command);
    r.in = symbols.intern(webview);
    r.payload = make_text(args.dump());
    if (result.ok) r.flags |= flag::kOk;
    r.text = make_text(result.ok ? result.value.dump() : result.error);
    bus_.record(std::move(r));
}

// ---------------------------------------------------------------------------------------------
// the app around the bus

AppInfo Session::app() const {
    std::lock_guard lock(mutex_);
    return app_;
}

void Session::set_app(AppInfo app) {
    std::lock_guard lock(mutex_);
    app_ = std::move(app);
}

bool Session::update_window(std::string_view label,
                            const std::function<void(NativeWindowState&)>& change,
                            const Cause& cause) {
    const auto changes = windows_.update(label, change);
    if (!changes) return false;
    emit_window_changes(*changes, cause);
    return true;
}

void Session::update_windows(const std::function<void(NativeWindowState&)>& change,
                             const Cause& cause) {
    emit_window_changes(windows_.update_all(change), cause);
}

// Window::emit_to_window: Window{L} and WebviewWindow{L} listeners (and Any ones), from the
// runtime, after the state has changed (the events are emitted outside WindowStates' lock: their
// handlers may read the state).
void Session::emit_window_changes(const std::vector<WindowChange>& changes, const Cause& cause) {
    for (const WindowChange& change : changes) {
        for (const WindowEvent& event : change.events) {
            (void)bus_.emit_filter(
                {EventTarget::window(change.label), EventTarget::webview_window(change.label)},
                event.name, make_text(event.payload), Source::rust(), cause);
        }
    }
}

}  // namespace eventlab
