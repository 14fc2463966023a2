// The session's side of a tap: one TapModel, made when the first observed record arrives, with
// the session mode's row of the rules (or the row a test set).
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

std::optional<TapCounts> Session::tap_counts() const {
    std::lock_guard lock(tap_mutex_);
    if (!tap_) return std::nullopt;
    return tap_->counts();
}

}  // namespace eventlab
