// The session's side of a tap: one TapModel, made when the first observed record arrives, with
// the session mode's row of the rules (or the row a test set).
#include <algorithm>

#include "core/app/session.h"

namespace eventlab {

void Session::set_tap_rules(const ModeRules& row, std::string name) {
    std::lock_guard lock(tap_mutex_);
    tap_rules_ = row;
    tap_rules_name_ = std::move(name);
}

std::string Session::observe(const nlohmann::json& record) {
    TapModel* model = nullptr;
    {
        std::lock_guard lock(tap_mutex_);
        if (!tap_) {
            tap_ = std::make_unique<TapModel>(
                bus_, recorder_, tap_rules_ ? *tap_rules_ : rules(config().mode), tap_rules_name_);
        }
        model = tap_.get();
    }
    return model->observe(record, clock_.now_us());
}

void Session::tap_settle(bool all) {
    std::lock_guard lock(tap_mutex_);
    if (tap_) tap_->settle(clock_.now_us(), all);
}

const TapModel* Session::tap_model() const {
    std::lock_guard lock(tap_mutex_);
    return tap_.get();  // made once, never replaced: safe to use after the lock
}

std::vector<ListenerInfo> Session::listeners() const {
    std::vector<ListenerInfo> out = bus_.listeners();
    if (const TapModel* tap = tap_model()) {
        std::vector<ListenerInfo> observed = tap->listeners();
        out.insert(out.end(), std::make_move_iterator(observed.begin()),
                   std::make_move_iterator(observed.end()));
    }
    return out;
}

void Session::update_counts(std::span<ListenerInfo> rows) const {
    // listeners() put the observed ones last; their ids are Tauri's, which may equal a simulated
    // listener's, so each part is counted by its own side.
    const auto first_observed =
        std::find_if(rows.begin(), rows.end(), [](const ListenerInfo& l) { return l.observed; });
    const auto simulated = static_cast<std::size_t>(first_observed - rows.begin());
    bus_.update_counts(rows.first(simulated));
    if (const TapModel* tap = tap_model()) tap->update_counts(rows.subspan(simulated));
}

std::vector<WindowInfo> Session::windows() const {
    std::vector<WindowInfo> out = bus_.windows();
    if (const TapModel* tap = tap_model()) {
        std::vector<WindowInfo> observed = tap->windows();
        out.insert(out.end(), std::make_move_iterator(observed.begin()),
                   std::make_move_iterator(observed.end()));
        std::stable_partition(out.begin(), out.end(), [](const WindowInfo& w) { return w.alive; });
    }
    return out;
}

std::vector<WindowInfo> Session::live_windows() const {
    std::vector<WindowInfo> out = bus_.live_windows();
    if (const TapModel* tap = tap_model()) {
        for (WindowInfo& w : tap->windows()) {
            if (w.alive) out.push_back(std::move(w));
        }
    }
    return out;
}

std::optional<std::string> Session::observed_payload(EventId id) const {
    const TapModel* tap = tap_model();
    return tap != nullptr ? tap->last_payload(id) : std::nullopt;
}

std::uint64_t Session::state_version() const {
    const TapModel* tap = tap_model();
    return bus_.version() + (tap != nullptr ? tap->version() : 0);
}

std::optional<TapCounts> Session::tap_counts() const {
    std::lock_guard lock(tap_mutex_);
    if (!tap_) return std::nullopt;
    return tap_->counts();
}

}  // namespace eventlab
