// Session: the Tauri project it simulates (`--project`): the permission check every command
// goes through, what the app says about itself, and the windows its config opens at start.
#include <nlohmann/json.hpp>

#include "core/acl/authority.h"
#include "core/acl/page_url.h"
#include "core/app/plugins.h"
#include "core/app/session.h"
#include "core/bus/mode_rules.h"

namespace eventlab {

namespace {

// The loaded WindowConfig as the keys window_state_from_config reads (camelCase, whatever the
// config file spelled them: Tauri.toml writes kebab-case).
nlohmann::json window_config_json(const acl::WindowConfig& w) {
    nlohmann::json out{
        {"title", w.title},
        {"width", w.width},
        {"height", w.height},
        {"center", w.center},
        {"resizable", w.resizable},
        {"maximizable", w.maximizable},
        {"minimizable", w.minimizable},
        {"closable", w.closable},
        {"fullscreen", w.fullscreen},
        {"focus", w.focus},
        {"focusable", w.focusable},
        {"maximized", w.maximized},
        {"visible", w.visible},
        {"decorations", w.decorations},
        {"alwaysOnTop", w.always_on_top},
        {"alwaysOnBottom", w.always_on_bottom},
        {"visibleOnAllWorkspaces", w.visible_on_all_workspaces},
        {"contentProtected", w.content_protected},
        {"skipTaskbar", w.skip_taskbar},
        {"shadow", w.shadow},
    };
    const std::pair<const char*, const std::optional<double>*> optional[] = {
        {"x", &w.x},
        {"y", &w.y},
        {"minWidth", &w.min_width},
        {"minHeight", &w.min_height},
        {"maxWidth", &w.max_width},
        {"maxHeight", &w.max_height},
    };
    for (const auto& [key, value] : optional) {
        if (*value) out[key] = **value;
    }
    if (w.theme) out["theme"] = *w.theme == acl::Theme::Dark ? "Dark" : "Light";
    return out;
}

}  // namespace

Result<std::shared_ptr<const acl::Project>> load_project_for(const std::string& path, Mode mode) {
    acl::ProjectOptions options;
    const acl::AclRules* acl_rules = acl::acl_rules(rules(mode).acl_tauri);
    if (acl_rules != nullptr) options.rules = acl_rules;
    Result<acl::Project> loaded = acl::load_project(path, options);
    if (!loaded) {
        Result<std::shared_ptr<const acl::Project>> failed(Failure{loaded.error()});
        failed.set_warnings(loaded.warnings());
        return failed;
    }
    Result<std::shared_ptr<const acl::Project>> out(
        std::make_shared<const acl::Project>(std::move(*loaded)));
    out.set_warnings(loaded.warnings());
    return out;
}

void Session::open_project(const std::shared_ptr<const acl::Project>& project) {
    {
        std::lock_guard lock(mutex_);
        authority_ = acl::Authority(project);
        // package_info(): productName, else the binary's name (Cargo's package name, which
        // EventLab does not read).
        if (project->product_name) {
            app_.name = *project->product_name;
        } else if (project->main_binary_name) {
            app_.name = *project->main_binary_name;
        }
        if (project->version) app_.version = *project->version;
        app_.identifier = project->identifier;
        app_.with_global_tauri = project->with_global_tauri;
    }
    // The windows Tauri creates at start (`create: true`), in config order, with their state;
    // a window of that label again later (a page reloads) starts from the config too.
    for (const acl::WindowConfig& window : project->windows) {
        if (!window.create) continue;
        preset_window(window.label, window_state_from_config(window_config_json(window)));
        if (!bus_.is_alive(window.label)) (void)bus_.create_window(window.label, false);
    }
}

std::shared_ptr<const acl::Project> Session::project() const {
    std::lock_guard lock(mutex_);
    return authority_.shared_project();
}

std::string Session::permissions_note() const {
    const auto project = this->project();
    if (!project) return "no project: every command allowed";
    const std::string name = project->product_name.value_or(project->identifier);
    return "project " + name + ": permissions of Tauri " + std::string(project->rules->tauri);
}

OpResult Session::open_page(std::string_view label, std::shared_ptr<PageLink> page) {
    const auto project = this->project();
    if (project && project->window(label) != nullptr && bus_.is_alive(label)) {
        return bus_.attach_page(label, std::move(page));
    }
    return bus_.create_window(label, true, {}, std::move(page));
}

// ===== PERMISSIONS ==========================================================================
// The one place where every command is checked against the capabilities of the caller's
// window and webview before it runs (Tauri: RuntimeAuthority::resolve_access in
// Webview::on_message). Without a project, nothing is refused. A page is local when Tauri would
// count it as the app's own (acl::page_origin), else remote.
acl::AccessDecision Session::access(const Caller& caller, std::string_view command) const {
    acl::Authority authority;
    {
        std::lock_guard lock(mutex_);
        authority = authority_;
    }
    const acl::Origin origin = authority.has_project()
                                   ? acl::page_origin(*authority.project(), caller.page_url)
                                   : acl::Origin{};
    return authority.check({command, caller.window, caller.webview, origin});
}

std::optional<acl::Refusal> Session::authorize(const Caller& caller,
                                               std::string_view command) const {
    acl::AccessDecision decision = access(caller, command);
    if (decision.allowed()) return std::nullopt;
    return std::move(decision.refusal);
}
// ============================================================================================

// A refusal is the invoke's rejection and one error row that says what to change.
void Session::record_refusal(const acl::Refusal& refusal) {
    bus_.record_error(refusal.message + std::string(acl::kAdviceJoint) + refusal.advice.text(),
                      acl::kRefusalOp, false);
}

}  // namespace eventlab
