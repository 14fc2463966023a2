// Private to the bridge: what the listener, the HTTP sessions and the page connections share.
// Everything here lives on the I/O thread unless it says otherwise.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bridge/server.h"
#include "core/app/caller.h"
#include "core/app/commands.h"
#include "core/bus/bus.h"

namespace eventlab::bridge {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Connection;
class Link;

// Lets objects that outlive the server (the bus keeps a page's PageLink as long as its dead
// webview) post work to the I/O thread only while it exists.
class Mailbox : public std::enable_shared_from_this<Mailbox> {
  public:
    explicit Mailbox(net::io_context& io) : io_(&io) {}
    template <typename Fn>
    void post(Fn&& fn) {
        std::lock_guard lock(mutex_);
        if (io_ != nullptr) net::post(*io_, std::forward<Fn>(fn));
    }
    // Something was queued for this page (the bus calls it with its lock held, from any
    // thread): the I/O thread drains it soon. One wake-up serves every page queued meanwhile.
    void drain_soon(std::weak_ptr<Connection> connection);
    // Drains the pages queued so far, now (I/O thread). A page's message handler calls it
    // before it flushes its own result, so the deliveries an emit caused go out first.
    void run_drains();
    void close() {
        std::lock_guard lock(mutex_);
        io_ = nullptr;
    }

  private:
    std::mutex mutex_;
    net::io_context* io_;
    std::vector<std::weak_ptr<Connection>> drains_;
    bool drains_posted_ = false;
};

struct Shared {
    explicit Shared(BridgeOptions opts) : options(std::move(opts)) {}

    BridgeOptions options;
    // Before io: handlers destroyed with it may still hold connections that count here.
    std::uint64_t messages_read = 0;  // by every page: a burst is on while this moves
    std::size_t buffered = 0;         // bytes all pages hold (BridgeOptions::max_buffered)
    net::io_context io{1};
    std::shared_ptr<Mailbox> mailbox = std::make_shared<Mailbox>(io);
    Session* session = nullptr;                          // the session pages join
    std::vector<std::weak_ptr<Connection>> connections;  // for reset, shutdown and budget

    // The connected pages, read by other threads (the GUI's status).
    mutable std::mutex pages_mutex;
    std::map<const Connection*, PageInfo> pages;
};

// A WebSocket from one page: its protocol, its window in the session, its send queue.
class Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(tcp::socket socket, Shared& shared);
    ~Connection();
    void start(const http::request<http::string_body>& request);
    // The session is being replaced: the page is told and disconnected; its window belonged to
    // the old session, which is discarded whole.
    void session_reset();
    // The bridge stops: the window is destroyed (recorded) and the socket closed.
    void shutdown();

    // Called by the page's PageLink and listener handler (I/O thread).
    void drain();
    void deliver(const Event& event);
    void unregister(std::uint32_t id, std::string_view event);
    void unlisten_asked(std::uint32_t id, std::string_view event);  // the inspector's ×
    void window_destroyed();
    void run_callback(std::uint32_t id, const nlohmann::json& data);  // a Channel message

    std::size_t held() const { return held_; }  // bytes this page holds, both ways
    // The bridge as a whole holds more than BridgeOptions::max_buffered and this page holds
    // the most: it is disconnected, with an error record that says so.
    void cut_off_for_budget(std::size_t total);

  private:
    void on_accept(beast::error_code ec);
    void read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void handle(std::string_view text);
    void hello(const nlohmann::json& message);
    void invoke(const nlohmann::json& message);
    void send_result(std::uint64_t id, const InvokeResult& result);
    void ask_stand_in(std::uint64_t id, const std::string& command, const nlohmann::json& args);
    void stand_in_answered(std::uint64_t id, const std::string& command, const nlohmann::json& args,
                           const std::optional<InvokeResult>& answer);
    Caller caller();
    // A tap (tauri-plugin-eventlab in a real app) instead of a page: tap_connection.cpp.
    void tap_hello(const nlohmann::json& message);
    void observed(const nlohmann::json& message);
    void tap_tick();
    void protocol_error(const std::string& message);
    void send(std::string message);
    void close_emit();
    void held_changed();
    bool over_send_limit();
    void cut_off(const std::string& why);
    void flush(bool hold = true);
    void post_flush(std::uint64_t reads_seen, int round);
    void write_outbox();
    void on_write(beast::error_code ec);
    void close_after_flush(websocket::close_code code, const std::string& reason);
    void gone();

    // On the io_context's own executor type: Asio's type-erased executor, copied into every
    // operation, cost a tenth of the instructions per message.
    websocket::stream<net::basic_stream_socket<tcp, net::io_context::executor_type>> ws_;
    Shared& shared_;
    beast::flat_buffer buffer_;
    Session* session_ = nullptr;  // the session this page joined (null before hello)
    std::string label_;
    std::string url_;
    std::string origin_;
    std::string acl_url_;  // the URL its commands are checked as coming from (Caller::page_url)
    bool window_alive_ = false;
    bool tap_ = false;             // the peer is a tap: it reports, it has no window
    net::steady_timer tap_timer_;  // settles the tap's emits while it is connected
    std::shared_ptr<Link> link_;   // the bus keeps it with the webview

    std::vector<std::string> outbox_;  // messages not yet sent, in order
    std::size_t outbox_bytes_ = 0;
    std::string frame_;  // the frame being written
    bool writing_ = false;
    std::size_t held_ = 0;  // outbox, frame and a message half read: counted in the budget
    // Under a flood, what follows a write within kCoalesce waits while the pages' messages
    // already read are handled (a few rounds of the I/O queue, no timer) and goes out
    // together: one frame and one sendmsg for many, not one each. Anything after a quiet
    // spell is written at once.
    std::chrono::steady_clock::time_point last_write_{};
    bool flush_posted_ = false;
    bool emit_open_ = false;  // outbox_.back() is an emit message whose ids can still grow
    std::uint32_t open_emit_ = 0;
    bool closing_ = false;
    bool closed_ = false;  // the socket is gone or cut off: nothing more is sent
    websocket::close_reason close_reason_;
};

std::string_view tauri_script();  // eventlab-tauri.js, compiled in
// window.__TAURI__ from the pinned @tauri-apps/api (global_bundle.cmake), and its version
// (empty when EventLab was built without it: the bundle then only says so on the console).
std::string_view tauri_global_bundle();
std::string_view tauri_global_bundle_version();

}  // namespace eventlab::bridge
