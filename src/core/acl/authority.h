// The permission check Tauri makes before any command runs (crates/tauri/src/ipc/authority.rs,
// RuntimeAuthority::resolve_access and, for its refusal texts, resolve_access_message as a
// debug build gives them; the gate in webview/mod.rs, Webview::on_message):
//
//   - `plugin:PLUGIN|COMMAND` is checked against the capabilities of the calling window and
//     webview: refused if a capability of the page's origin denies it (a deny beats any allow),
//     allowed if a capability whose `windows`/`webviews` globs match grants it, else refused;
//   - an app command (no `plugin:` prefix) is not checked, unless the app defines permissions
//     of its own (an "__app-acl__" manifest) or (2.12.7) the page is a remote URL;
//   - `plugin:__TAURI_CHANNEL__|fetch`, which every Channel uses, is never checked.
//
// An Authority without a project checks nothing: every command, core or plugin, is allowed
// (Verdict::Unchecked), so a bare page works as under an app whose capabilities grant it all,
// and plugin commands go on to whatever answers them.
//
// Wiring (Session::invoke): keep one Authority (rebuilt when the project changes), and before a
// command runs call check({command, window label, webview label}); on Refused, reject the
// invoke with refusal->message, and log/trace the refusal with refusal->advice.text().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/acl/project.h"
#include "core/acl/resolve.h"

namespace eventlab::acl {

// Where the page runs: local (the app's own pages, its devUrl included) or a remote URL.
struct Origin {
    bool local = true;
    std::string url;  // for a remote page: its URL, as Tauri prints it ("http://host/")

    static Origin remote(std::string url) { return Origin{false, std::move(url)}; }
};

struct AccessRequest {
    std::string_view command;  // as invoked: "plugin:window|set_title", or "greet"
    std::string_view window;   // the calling webview's window label
    std::string_view webview;  // the calling webview's label (a page's is its window's)
    Origin origin;
};

enum class RefusalKind {
    // "{plugin}.{command} explicitly denied on origin local\n\nreferenced by: ..."
    ExplicitlyDenied,
    // "... not allowed on window \"w\", webview \"v\", URL: local\n\nallowed on: [...]..." :
    // capabilities grant it, to other windows, webviews or URLs.
    NotAllowedHere,
    // "{plugin}.{command} not allowed. " + the detail: no capability grants it.
    NotAllowed,
};

enum class NotAllowedDetail {
    PermissionsAssociated,  // "Permissions associated with this command: core:window:allow-..."
    CommandNotFound,        // the plugin is known, no permission names the command
    PluginNotFound,         // no manifest for the plugin
};

// What to change so that the command runs: the inspector's "why" for a refusal.
struct Advice {
    std::string window;  // the calling window's label
    // Identifiers that would allow the command, the most specific first
    // ("core:window:allow-set-title" before a set holding it).
    std::vector<std::string> permissions;
    // ExplicitlyDenied: the deny permissions to take out (their capabilities below).
    std::vector<std::string> remove;
    // The capability to edit: one whose windows/webviews match the caller, else the one of
    // capabilities/default.json, else a new capabilities/default.json (capability empty).
    std::string capability;
    std::string file;     // relative to the project's folder: "src-tauri/capabilities/default.json"
    std::string pointer;  // that capability's "permissions" array in the file
    bool add_window = false;      // its "windows" does not match the caller yet
    bool list_in_config = false;  // the config lists capabilities, and this one is not among them
    // A remote page that no capability of the caller covers: the `remote.urls` entry to add
    // ("https://example.com"), so that the capability applies to it.
    std::string remote_url;
    // When no permission can allow it: why (an unknown plugin or command).
    std::string note;

    // One sentence: `add "core:window:allow-set-title" to "permissions" of capability
    // "default" in src-tauri/capabilities/default.json`.
    std::string text() const;
};

// A refusal's log row (Session::invoke): an error record of op kRefusalOp whose message is
// Tauri's text, kAdviceJoint, then Advice::text(). The inspector reads it back by these.
inline constexpr std::string_view kRefusalOp = "permission";
inline constexpr std::string_view kAdviceJoint = "\n\nto allow it: ";

struct Refusal {
    RefusalKind kind = RefusalKind::NotAllowed;
    NotAllowedDetail detail = NotAllowedDetail::PermissionsAssociated;  // with NotAllowed
    std::string message;                                                // Tauri's text, debug build
    std::string release_message;  // a release build's: "Command plugin:x|y not allowed by ACL"
    // ExplicitlyDenied: the denies that apply; NotAllowedHere: every grant of the command.
    std::vector<CommandGrant> grants;
    Advice advice;
};

struct AccessDecision {
    enum class Verdict {
        Allowed,    // a capability grants it to this window or webview
        Unchecked,  // not subject to the check (no project, an app command, channel data)
        Refused,
    } verdict = Verdict::Unchecked;
    std::vector<CommandGrant> grants;  // Allowed: the grants that apply (their scopes too)
    std::optional<Refusal> refusal;    // Refused

    bool allowed() const { return verdict != Verdict::Refused; }
};

class Authority {
  public:
    Authority() = default;  // no project: allows everything
    explicit Authority(Project project);
    explicit Authority(std::shared_ptr<const Project> project) : project_(std::move(project)) {}

    [[nodiscard]] AccessDecision check(const AccessRequest& request) const;

    bool has_project() const { return project_ != nullptr; }
    const Project* project() const { return project_.get(); }
    const std::shared_ptr<const Project>& shared_project() const { return project_; }

  private:
    std::shared_ptr<const Project> project_;
};

// The capabilities that apply to a caller, in the project's order (Tauri's: by identifier):
// active on the project's platform, for the caller's kind of page (local, or a remote URL), and
// whose `windows` glob matches its window or `webviews` glob its webview. What the inspector
// lists as "this window's capabilities", and the first is the one a refusal's advice edits.
std::vector<const Capability*> capabilities_for(const Project& project,
                                                const AccessRequest& request);

// How Tauri splits an invoked command: "plugin:window|set_title" is ("window", "set_title");
// an app command ("greet") is nullopt.
struct CommandName {
    std::string key;      // the plugin ("window") or kAppAclKey
    std::string command;  // "set_title"
};
std::optional<CommandName> plugin_command(std::string_view invoked);

}  // namespace eventlab::acl
