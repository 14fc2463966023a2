// A tap's WebSocket: tauri-plugin-eventlab in a real Tauri app reports what the app does as
// observed records; the session records them and checks them against its model. A tap has no
// window of its own (the app's windows are among what it reports) and gets nothing delivered.
#include "bridge/server_internal.h"
#include "core/app/session.h"
#include "core/util/json_text.h"

namespace eventlab::bridge {

namespace {
// How often a connected tap's emits are looked at: a predicted delivery that has not arrived
// TapModel::kSettleUs after its emit is flagged at the first tick after that.
constexpr auto kTapTick = std::chrono::milliseconds(250);
}  // namespace

void Connection::tap_hello(const nlohmann::json& message) {
    if (session_ != nullptr) return protocol_error("this tap already said hello");
    if (shared_.session == nullptr) {
        send(R"({"t":"refused","error":"EventLab has no session right now; reconnect"})");
        return close_after_flush(websocket::close_code::policy_error, "refused");
    }
    session_ = shared_.session;
    tap_ = true;
    const auto tauri = message.find("tauri");
    label_ = "tap";
    url_ = "tauri " + (tauri != message.end() && tauri->is_string() ? tauri->get<std::string>()
                                                                    : std::string("?"));
    std::string ready = R"({"t":"ready","peer":"tap","mode":)";
    append_json_string(ready, to_string(session_->config().mode));
    ready += '}';
    send(std::move(ready));
    {
        std::lock_guard lock(shared_.pages_mutex);
        shared_.pages[this] = PageInfo{label_, url_, true};
    }
    tap_tick();
}

void Connection::observed(const nlohmann::json& message) {
    if (session_ == nullptr) return protocol_error("this tap has no session: reconnect");
    const std::string error = session_->observe(message);
    if (!error.empty()) protocol_error("unusable observed record: " + error);
}

void Connection::tap_tick() {
    tap_timer_.expires_after(kTapTick);
    tap_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec || self->closed_ || self->session_ == nullptr) return;
        self->session_->tap_settle(false);
        if (self->shared_.options.wake) self->shared_.options.wake();
        self->tap_tick();
    });
}

}  // namespace eventlab::bridge
