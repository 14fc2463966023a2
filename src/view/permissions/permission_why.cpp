#include "view/permissions/permission_why.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/acl/authority.h"
#include "core/acl/page_url.h"

namespace eventlab {

namespace {

// How far apart a refused invoke and its error row may be: the core writes them one after the
// other, and only other threads' records (a periodic sender, a page) come between.
constexpr std::uint64_t kPairSpan = 256;

std::string_view text_of(const Record& r) {
    return r.text ? std::string_view(*r.text) : std::string_view{};
}

bool is_refusal_row(const Record& r, const Symbols& symbols) {
    return r.type == RecordType::Error && symbols.view(r.aux) == acl::kRefusalOp;
}

bool is_rejected_invoke(const Record& r) {
    return r.type == RecordType::Invoke && !r.has(flag::kOk);
}

// The error row's message split into Tauri's text and the advice (see acl::kAdviceJoint).
std::pair<std::string_view, std::string_view> split_row(std::string_view row) {
    const std::size_t joint = row.rfind(acl::kAdviceJoint);
    if (joint == std::string_view::npos) return {row, {}};
    return {row.substr(0, joint), row.substr(joint + acl::kAdviceJoint.size())};
}

void take_invoke(const Record& invoke, std::uint64_t position, const Symbols& symbols,
                 LoggedRefusal& out) {
    out.invoke = position;
    out.command = std::string(symbols.view(invoke.aux));
    out.webview = std::string(symbols.view(invoke.in));
}

// The refused invoke an error row follows: the newest rejected invoke before it with its text.
void find_invoke(const RecordLog& log, std::uint64_t error, const Symbols& symbols,
                 LoggedRefusal& out) {
    const std::uint64_t low = std::max(log.first(), error > kPairSpan ? error - kPairSpan : 0);
    Record r;
    for (std::uint64_t at = error; at-- > low;) {
        if (log.get(at, r) && is_rejected_invoke(r) && text_of(r) == out.message) {
            take_invoke(r, at, symbols, out);
            return;
        }
    }
}

// The error row that says a rejected invoke was a refusal, if one follows it.
bool find_error_row(const RecordLog& log, std::uint64_t invoke, const Symbols& symbols,
                    LoggedRefusal& out) {
    const std::uint64_t high = std::min(log.end(), invoke + 1 + kPairSpan);
    Record r;
    for (std::uint64_t at = invoke + 1; at < high; ++at) {
        if (!log.get(at, r) || !is_refusal_row(r, symbols)) continue;
        const auto [message, advice] = split_row(text_of(r));
        if (message != out.message) continue;
        out.error = at;
        out.recorded_advice = std::string(advice);
        return true;
    }
    return false;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

// The page a refusal came from, as Tauri's text names it on its first line ("..., URL:
// https://example.com/app/" or "denied on origin remote: https://..."); empty for the app's own
// pages ("URL: local"). The log row keeps only that text, and the check must be asked again
// from the same place, or a remote page's refusal would be explained as a local one's.
std::string page_url_of(std::string_view message) {
    const std::string_view first_line = message.substr(0, message.find('\n'));
    for (const std::string_view marker : {"URL: ", "origin remote: "}) {
        const auto at = first_line.find(marker);
        if (at == std::string_view::npos) continue;
        std::string_view url = first_line.substr(at + marker.size());
        url = url.substr(0, url.find_first_of(" \t"));
        return url == "local" ? std::string() : std::string(url);
    }
    return {};
}

// Tauri's text names the page only when another capability grants the command; otherwise the
// page still connected under that label says where it runs.
std::string live_page_url(const Session& session, std::string_view webview) {
    for (const WindowInfo& w : session.live_windows()) {
        if (w.label == webview) return w.page_url;
    }
    return {};
}

CapabilityPlace place_of(const acl::Capability& c) {
    return {c.identifier, c.source.file, c.source.pointer, joined(c.windows)};
}

// The capabilities the grants name, each once, as the project defines them.
std::vector<CapabilityPlace> places_of(const acl::Project& project,
                                       const std::vector<acl::CommandGrant>& grants) {
    std::vector<CapabilityPlace> out;
    for (const acl::CommandGrant& g : grants) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const CapabilityPlace& p) {
            return p.identifier == g.capability;
        });
        const auto c = std::find_if(
            project.capabilities.begin(), project.capabilities.end(),
            [&](const acl::Capability& cap) { return cap.identifier == g.capability; });
        if (!seen && c != project.capabilities.end()) out.push_back(place_of(*c));
    }
    return out;
}

// The JSON to write for the advice: an entry of "permissions" to add or to remove, or the
// whole capability file to create.
void lay_out_edit(const acl::Project& project, const acl::Advice& advice, PermissionWhy& why) {
    using Edit = PermissionWhy::Edit;
    why.file = advice.file;
    why.pointer = advice.pointer;
    why.list_in_config = advice.list_in_config;
    if (!advice.remove.empty()) {
        why.edit = Edit::Remove;
        for (const std::string& id : advice.remove)
            why.json += (why.json.empty() ? "" : "\n") + nlohmann::json(id).dump();
        return;
    }
    if (advice.permissions.empty()) return;
    const std::string& permission = advice.permissions.front();
    if (advice.capability.empty()) {
        why.edit = Edit::Create;
        why.json = nlohmann::json{{"identifier", "default"},
                                  {"windows", {advice.window}},
                                  {"permissions", {permission}}}
                       .dump(2);
        return;
    }
    why.edit = Edit::Add;
    why.json = nlohmann::json(permission).dump();
    if (!advice.add_window) return;
    const auto c = std::find_if(
        project.capabilities.begin(), project.capabilities.end(),
        [&](const acl::Capability& cap) { return cap.identifier == advice.capability; });
    std::vector<std::string> windows;
    if (c != project.capabilities.end()) {
        for (const std::string& w : c->windows)
            windows.push_back(nlohmann::json(w).dump());
    }
    windows.push_back(nlohmann::json(advice.window).dump());
    why.windows_json = "\"windows\": [" + joined(windows) + "]";
}

}  // namespace

std::optional<LoggedRefusal> refusal_at(const RecordLog& log, std::uint64_t position,
                                        const Symbols& symbols) {
    Record r;
    if (!log.get(position, r)) return std::nullopt;
    LoggedRefusal out;
    if (is_refusal_row(r, symbols)) {
        const auto [message, advice] = split_row(text_of(r));
        out.error = position;
        out.message = std::string(message);
        out.recorded_advice = std::string(advice);
        find_invoke(log, position, symbols, out);
        return out;
    }
    if (!is_rejected_invoke(r)) return std::nullopt;
    out.message = std::string(text_of(r));
    if (!find_error_row(log, position, symbols, out)) return std::nullopt;
    take_invoke(r, position, symbols, out);
    return out;
}

bool RefusalTracker::update(const RecordLog& log, const Symbols& symbols, std::size_t budget) {
    const std::uint64_t from = std::max(next_, log.first());
    const std::uint64_t to = std::min(log.end(), from + budget);
    log.scan(from, to, [&](std::uint64_t position, const Record& r) {
        if (!is_refusal_row(r, symbols)) return;
        newest_ = position;
        ++count_;
    });
    next_ = to;
    return to == log.end();
}

PermissionWhy explain_refusal(const LoggedRefusal& refusal, const Session* session) {
    PermissionWhy why;
    why.command = refusal.command;
    why.window = refusal.webview;  // every window here is a WebviewWindow: one label
    why.webview = refusal.webview;
    why.origin = "local";
    why.message = refusal.message;
    why.recorded_advice = refusal.recorded_advice;
    why.state = PermissionWhy::State::Recorded;
    if (session == nullptr || refusal.command.empty()) return why;  // its invoke was dropped
    why.note = session->permissions_note();
    const auto project = session->project();
    if (!project) {
        why.state = PermissionWhy::State::NoProject;
        return why;
    }
    Caller caller = Caller::simulated(refusal.webview);
    caller.page_url = page_url_of(refusal.message);
    if (caller.page_url.empty()) caller.page_url = live_page_url(*session, refusal.webview);
    const acl::Origin origin = acl::page_origin(*project, caller.page_url);
    if (!origin.local) why.origin = origin.url;
    for (const acl::Capability* c : acl::capabilities_for(
             *project, {refusal.command, caller.window, caller.webview, origin})) {
        why.capabilities.push_back(place_of(*c));
    }
    const acl::AccessDecision decision = session->access(caller, refusal.command);
    if (!decision.refusal) {
        why.state = PermissionWhy::State::AllowedNow;
        return why;
    }
    why.state = PermissionWhy::State::Refused;
    const acl::Refusal& r = *decision.refusal;
    why.permissions = r.advice.permissions;
    why.denies = r.advice.remove;
    if (r.kind == acl::RefusalKind::ExplicitlyDenied) why.denied_by = places_of(*project, r.grants);
    if (r.kind == acl::RefusalKind::NotAllowedHere) {
        why.granted_elsewhere = places_of(*project, r.grants);
    }
    why.advice = r.advice.text();
    why.unknown = r.advice.note;
    lay_out_edit(*project, r.advice, why);
    return why;
}

}  // namespace eventlab
