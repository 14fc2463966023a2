// The inspector's "why" for permissions, without ImGui: for a refused invoke selected in the
// log, what was refused (the command, the calling window and webview, where its page runs),
// the capabilities that apply to that window (each with its file), the permissions that would
// allow it, a deny that blocks it, and the exact JSON to write into which capability file.
// Everything about permissions is asked of the core's check (Session::access, acl::Authority),
// never worked out here: the view only finds the refusal in the log and lays the answer out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app/session.h"
#include "core/record/record_log.h"
#include "view/log/emit_tracker.h"

namespace eventlab {

// A refused invoke as the log holds it: the invoke record, and the "permission" error row the
// core writes right after it (other threads' records may come between).
struct LoggedRefusal {
    std::uint64_t invoke = kNoPosition;  // the invoke record
    std::uint64_t error = kNoPosition;   // its "permission" error row
    std::string command;                 // "plugin:window|set_title"
    std::string webview;                 // the caller (a window's webview has its label)
    std::string message;                 // Tauri's text, as the invoke was rejected with
    std::string recorded_advice;         // "add … to …", as the core said it then
};

// The refusal the log row at `position` is about: a refused invoke record, or the "permission"
// error row that goes with it. nullopt for any other row, and for an invoke rejected for
// another reason (its window was gone, the command failed).
std::optional<LoggedRefusal> refusal_at(const RecordLog& log, std::uint64_t position,
                                        const Symbols& symbols);

// The newest refusal of the log, kept up to date a bounded number of records at a time: what
// the panel shows while the log's selection is not a refusal.
class RefusalTracker {
  public:
    void reset() { *this = RefusalTracker{}; }
    bool update(const RecordLog& log, const Symbols& symbols, std::size_t budget);  // caught up?
    std::uint64_t newest() const { return newest_; }  // its error row, or kNoPosition
    std::uint64_t count() const { return count_; }    // refusals read so far

  private:
    std::uint64_t next_ = 0;
    std::uint64_t newest_ = kNoPosition;
    std::uint64_t count_ = 0;
};

// A capability as the "why" shows it: its identifier, where it is written, whom it is for.
struct CapabilityPlace {
    std::string identifier;
    std::string file;     // relative to the project's folder ("src-tauri/capabilities/x.json")
    std::string pointer;  // of the capability in that file ("" when the file is the capability)
    std::string windows;  // its `windows` globs as written: "main", "settings-*"
};

struct PermissionWhy {
    enum class State : std::uint8_t {
        NoProject,   // no --project: nothing is checked (note says so)
        Refused,     // the core refuses it: the fields below say what to change
        AllowedNow,  // the check allows it now (another project or release than the refusal's)
        Recorded,    // a viewed trace: only what its records say (message, recorded_advice)
    } state = State::NoProject;
    std::string note;  // Session::permissions_note()

    std::string command;
    std::string window;
    std::string webview;
    std::string origin;   // "local" (the app's own pages, its devUrl too) or the remote URL
    std::string message;  // Tauri's text
    std::string recorded_advice;

    std::vector<CapabilityPlace> capabilities;  // those that apply to the window, in Tauri's order
    std::vector<std::string> permissions;  // any of them would allow it, the most specific first
    // A deny that blocks it: the deny permissions, and the capabilities that hold them.
    std::vector<std::string> denies;
    std::vector<CapabilityPlace> denied_by;
    std::vector<CapabilityPlace> granted_elsewhere;  // grants for other windows or URLs
    std::string advice;                              // one sentence: acl::Advice::text()
    std::string unknown;  // why no permission can allow it (an unknown plugin or command)

    // The edit: into `file`, at `pointer` (the "permissions" array), the JSON of `json`.
    enum class Edit : std::uint8_t { None, Add, Remove, Create } edit = Edit::None;
    std::string file;
    std::string pointer;
    std::string json;             // Add / Remove: the array entry; Create: the whole file
    std::string windows_json;     // Add: the capability's "windows" line with the caller added
    bool list_in_config = false;  // the config lists capabilities: name this one there too
};

// Asks the session's permission check about `refusal` (the window is its webview's label, the
// page local, as Session::invoke checks it). Without a session (a viewed trace) only what the
// records say.
PermissionWhy explain_refusal(const LoggedRefusal& refusal, const Session* session);

}  // namespace eventlab
