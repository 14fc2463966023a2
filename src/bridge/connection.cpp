// One page's WebSocket: hello → its window, invokes → results, the bus's deliveries → frames.
#include <boost/beast/core/buffers_to_string.hpp>

#include "bridge/origin.h"
#include "bridge/page_message.h"
#include "bridge/server_internal.h"
#include "core/app/plugins.h"
#include "core/app/session.h"
#include "core/app/stand_in.h"
#include "core/bus/mode_rules.h"
#include "core/bus/names.h"
#include "core/util/json_io.h"
#include "core/util/json_text.h"
#include "core/util/utf8.h"

namespace eventlab::bridge {

// The bus's view of the page. The bus calls it with its lock held, from any thread: it only
// posts to the I/O thread (or, for unregister, which only drain_page on the I/O thread causes,
// queues a message directly).
class Link final : public PageLink {
  public:
    Link(std::shared_ptr<Mailbox> mailbox, std::weak_ptr<Connection> connection, std::string url)
        : mailbox_(std::move(mailbox)), connection_(std::move(connection)), url_(std::move(url)) {}

    std::string url() const override { return url_; }

    void queued() override {
        // Once in the drain list at a time: a flood of emits costs one drain per batch.
        if (drain_posted_.exchange(true, std::memory_order_acq_rel)) return;
        mailbox_->drain_soon(connection_);
    }
    void drained() { drain_posted_.store(false, std::memory_order_release); }

    void unregistered(EventId id, std::string_view event) override {
        if (auto c = connection_.lock()) c->unregister(id, event);
    }

    bool unlisten_asked(EventId id, std::string_view event) override {
        if (connection_.expired()) return false;
        mailbox_->post([connection = connection_, id, event = std::string(event)] {
            if (auto c = connection.lock()) c->unlisten_asked(id, event);
        });
        return true;
    }

    void destroyed() override {
        mailbox_->post([connection = connection_] {
            if (auto c = connection.lock()) c->window_destroyed();
        });
    }

  private:
    std::shared_ptr<Mailbox> mailbox_;
    std::weak_ptr<Connection> connection_;
    std::string url_;
    std::atomic<bool> drain_posted_{false};
};

void Mailbox::drain_soon(std::weak_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    if (io_ == nullptr) return;
    drains_.push_back(std::move(connection));
    if (drains_posted_) return;
    drains_posted_ = true;
    net::post(*io_, [self = shared_from_this()] { self->run_drains(); });
}

void Mailbox::run_drains() {
    std::vector<std::weak_ptr<Connection>> drains;
    {
        std::lock_guard lock(mutex_);
        drains.swap(drains_);
        drains_posted_ = false;
    }
    for (auto& weak : drains) {
        if (auto c = weak.lock()) c->drain();
    }
}

namespace {

constexpr auto kCoalesce = std::chrono::microseconds(50);
constexpr std::size_t kCoalesceBytes =
    std::size_t{256} * 1024;         // a frame this big goes out at once
constexpr int kCoalesceRounds = 16;  // I/O queue rounds a frame may wait
// A message is read in pieces of this size, so the bytes of one half received are counted.
constexpr std::size_t kReadPiece = std::size_t{64} * 1024;
// A buffer past this is given back once used: a quiet page should cost little.
constexpr std::size_t kSmallAtRest = std::size_t{64} * 1024;
// Real labels are a word or two; real page URLs rarely pass a couple of KiB.
constexpr std::size_t kMaxLabelBytes = 256;
constexpr std::size_t kMaxUrlBytes = 2048;

// {"t":KIND,"event":EVENT,"id":ID}: a message about one of the page's listeners.
std::string listener_message(std::string_view kind, std::uint32_t id, std::string_view event) {
    std::string out = R"({"t":")";
    out += kind;
    out += R"(","event":)";
    append_json_string(out, event);
    out += R"(,"id":)" + std::to_string(id) + '}';
    return out;
}

net::basic_stream_socket<tcp, net::io_context::executor_type> on_io_executor(tcp::socket socket,
                                                                             net::io_context& io) {
    net::basic_stream_socket<tcp, net::io_context::executor_type> out(io.get_executor());
    beast::error_code ec;
    const auto protocol = socket.local_endpoint(ec).protocol();
    if (!ec) out.assign(protocol, socket.release(ec), ec);
    return out;  // closed when the socket could not be taken over: the handshake then fails
}

// What the page needs to behave as the session's Tauri release: its mode's rules that run in
// the page itself (docs/bridge.md, "Page-side behaviour per mode"), and whether the app gives
// its pages window.__TAURI__.
std::string ready_message(const Session& session, const std::string& label) {
    const ModeRules& rules = eventlab::rules(session.config().mode);
    const nlohmann::json ready{
        {"t", "ready"},
        {"label", label},
        {"mode", std::string(rules.name)},
        {"flags", {{"jsUnlistenAtOnce", rules.js_unlisten_at_once}}},
        {"withGlobalTauri", session.app().with_global_tauri},
    };
    return ready.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Connection::Connection(tcp::socket socket, Shared& shared)
    : ws_(on_io_executor(std::move(socket), shared.io)), shared_(shared), tap_timer_(shared.io) {}

Connection::~Connection() {
    shared_.buffered -= held_;
}

void Connection::start(const http::request<http::string_body>& request) {
    if (auto origin = request.find(http::field::origin); origin != request.end()) {
        origin_ = std::string(origin->value());
    }
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "eventlab"); }));
    ws_.read_message_max(shared_.options.max_message);
    // A message goes out as one frame, however big (Beast would cut it in 4 KiB fragments).
    ws_.auto_fragment(false);
    ws_.async_accept(request,
                     [self = shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
}

void Connection::on_accept(beast::error_code ec) {
    if (ec) return;
    shared_.connections.push_back(weak_from_this());
    read();
}

void Connection::read() {
    ws_.async_read_some(
        buffer_, kReadPiece,
        [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void Connection::on_read(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) {
        // A message over --max-message: Beast has already failed the connection with 1009.
        if (ec == websocket::error::message_too_big && session_ != nullptr) {
            session_->bus().record_error("page `" + label_ + "` sent a message over the " +
                                             std::to_string(shared_.options.max_message) +
                                             "-byte limit (--max-message); disconnected it",
                                         "bridge", false);
        }
        gone();
        return;
    }
    if (!ws_.is_message_done()) {
        held_changed();  // a big message so far: its bytes count in the budget
        read();          // (fails at once when that cut the page off: then gone())
        return;
    }
    const std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (buffer_.capacity() > kSmallAtRest) buffer_ = beast::flat_buffer();  // small at rest
    ++shared_.messages_read;
    if (!closed_ && !closing_) handle(text);
    // What the message caused for other pages goes out before its own result.
    shared_.mailbox->run_drains();
    flush();
    held_changed();
    if (shared_.options.wake) shared_.options.wake();
    read();
}

void Connection::handle(std::string_view text) {
    std::string error;
    const auto message = parse_page_message(text, error);
    if (!message) return protocol_error("unusable message (not JSON): " + error);
    if (!message->is_object()) return protocol_error("unusable message: expected a JSON object");
    const auto kind = message->find("t");
    if (kind == message->end() || !kind->is_string()) {
        return protocol_error(R"(unusable message: "t" (the message kind, a string) is missing)");
    }
    const auto& name = kind->get_ref<const std::string&>();
    if (name == "hello") {
        const auto peer = message->find("peer");
        if (peer != message->end() && *peer == "tap") return tap_hello(*message);
        return hello(*message);
    }
    if (name == "invoke" && !tap_) return invoke(*message);
    if (name == "observed" && tap_) return observed(*message);
    protocol_error("unknown message kind \"" + utf8::replace_invalid(name) +
                   (tap_ ? R"(" (a tap sends "hello" and "observed"))"
                         : R"(" (a page sends "hello" and "invoke"))"));
}

void Connection::protocol_error(const std::string& message) {
    std::string out = R"({"t":"error","message":)";
    append_json_string(out, message);
    out += '}';
    send(std::move(out));
    if (session_ != nullptr) {
        session_->bus().record_error("page `" + label_ + "`: " + message, "bridge", false);
    }
}

void Connection::hello(const nlohmann::json& message) {
    auto refuse = [this](const std::string& why) {
        std::string out = R"({"t":"refused","error":)";
        append_json_string(out, why);
        out += '}';
        send(std::move(out));
        close_after_flush(websocket::close_code::policy_error, "refused");
    };
    if (session_ != nullptr) return protocol_error("this page already said hello");
    const auto label = message.find("label");
    if (label == message.end() || !label->is_string()) {
        return refuse(R"(hello needs "label", the page's window label (a string))");
    }
    const auto url = message.find("url");
    const std::string& label_text = label->get_ref<const std::string&>();
    // Every record and message that names the page repeats its label and URL: both are
    // bounded, so one page cannot make each of them megabytes long.
    if (label_text.size() > kMaxLabelBytes) {
        return refuse("window label of " + std::to_string(label_text.size()) +
                      " bytes: EventLab takes labels of up to " + std::to_string(kMaxLabelBytes));
    }
    if (url != message.end() && url->is_string()) {
        const auto& text = url->get_ref<const std::string&>();
        url_ = utf8::prefix_bytes(text, kMaxUrlBytes);
        if (url_.size() < text.size()) url_ += "…";
    }
    label_ = label_text;
    if (!is_valid_label(label_)) return refuse(label_error(label_));
    beast::error_code ec;
    const tcp::endpoint local = beast::get_lowest_layer(ws_).local_endpoint(ec);
    acl_url_ = page_url_for_acl(url_, origin_, ec ? "" : local.address().to_string(),
                                ec ? 0 : local.port());
    if (shared_.session == nullptr) return refuse("EventLab has no session right now; reload");

    link_ = std::make_shared<Link>(shared_.mailbox, weak_from_this(), url_);
    std::string ready = ready_message(*shared_.session, label_);
    const OpResult created = shared_.session->open_page(label_, link_);
    if (!created.ok) return refuse(created.error);
    session_ = shared_.session;
    window_alive_ = true;
    // Queued before anything the new window's creation queued for the page: its drains are
    // posted to this thread and run after this handler.
    send(std::move(ready));
    std::lock_guard lock(shared_.pages_mutex);
    shared_.pages[this] = PageInfo{label_, url_};
}

void Connection::invoke(const nlohmann::json& message) {
    const auto id = message.find("id");
    if (id == message.end() || !id->is_number_unsigned()) {
        return protocol_error(R"(invoke needs "id", a non-negative integer)");
    }
    auto reply = [this, id = id->get<std::uint64_t>()](const InvokeResult& result) {
        send_result(id, result);
    };
    const auto command = message.find("cmd");
    if (command == message.end() || !command->is_string()) {
        return reply({false, nullptr, R"(invoke needs "cmd", the command name (a string))"});
    }
    if (session_ == nullptr) {
        return reply({false, nullptr, "this page has no window: it must say hello first"});
    }
    if (!window_alive_) {
        return reply({false, nullptr, "window `" + label_ + "` was destroyed; reload the page"});
    }
    static const nlohmann::json kNoArgs = nlohmann::json::object();
    const auto args = message.find("args");
    const std::string& name = command->get_ref<const std::string&>();
    const nlohmann::json& arguments = args == message.end() ? kNoArgs : *args;
    // The core plugins are EventLab's own; the app's commands and other plugins' go to the
    // backend stand-in first, when there is one.
    if (shared_.options.stand_in && !is_core_plugin_command(name)) {
        return ask_stand_in(id->get<std::uint64_t>(), name, arguments);
    }
    reply(session_->invoke(caller(), name, arguments));
}

void Connection::send_result(std::uint64_t id, const InvokeResult& result) {
    std::string out = R"({"t":"result","id":)" + std::to_string(id);
    if (result.ok) {
        out += R"(,"ok":true,"value":)" +
               result.value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
        out += R"(,"ok":false,"error":)";
        append_json_string(out, result.error);
    }
    out += '}';
    send(std::move(out));
}

// After Tauri's checks, the stand-in answers from its own thread; the answer comes back here,
// to the I/O thread, in the order it came.
void Connection::ask_stand_in(std::uint64_t id, const std::string& command,
                              const nlohmann::json& args) {
    if (auto refusal = session_->admit(caller(), command, args)) return send_result(id, *refusal);
    shared_.options.stand_in->invoke(
        caller(), command, args,
        [weak = weak_from_this(), mailbox = shared_.mailbox, id, command,
         args](std::optional<InvokeResult> answer) {
            mailbox->post([weak, id, command, args, answer = std::move(answer)] {
                if (auto c = weak.lock()) c->stand_in_answered(id, command, args, answer);
            });
        });
}

void Connection::stand_in_answered(std::uint64_t id, const std::string& command,
                                   const nlohmann::json& args,
                                   const std::optional<InvokeResult>& answer) {
    if (session_ == nullptr || !window_alive_) return;  // the page left, or its session went
    if (answer) {
        session_->record_answer(caller(), command, args, *answer);
        send_result(id, *answer);
    } else {
        send_result(id, session_->invoke(caller(), command, args));  // not the stand-in's
    }
    // As after a page's message: what the command caused for other pages goes out first.
    shared_.mailbox->run_drains();
    flush();
    held_changed();
    if (shared_.options.wake) shared_.options.wake();
}

// The page as a command's caller: its window and webview, the handler its JS listeners deliver
// through, and runCallback for the Channels it passes.
Caller Connection::caller() {
    Caller caller;
    caller.window = label_;
    caller.webview = label_;
    caller.page_url = acl_url_;
    caller.deliver = [weak = weak_from_this()](const Event& event) {
        if (auto c = weak.lock()) c->deliver(event);
    };
    // A Channel may be sent to from any thread, also after the command returned: the I/O
    // thread sends it in call order (at once when it is the caller, so messages sent while the
    // command runs go out before its result).
    caller.run_callback = [weak = weak_from_this(), mailbox = shared_.mailbox, io = &shared_.io](
                              std::uint32_t id, nlohmann::json data) {
        if (io->get_executor().running_in_this_thread()) {
            if (auto c = weak.lock()) c->run_callback(id, data);
            return;
        }
        mailbox->post([weak, id, data = std::move(data)] {
            if (auto c = weak.lock()) c->run_callback(id, data);
        });
    };
    return caller;
}

void Connection::run_callback(std::uint32_t id, const nlohmann::json& data) {
    if (closed_ || !window_alive_) return;
    send(R"({"t":"callback","id":)" + std::to_string(id) + R"(,"data":)" +
         data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '}');
    flush();
}

void Connection::drain() {
    if (link_) link_->drained();
    if (session_ != nullptr && window_alive_) session_->bus().drain_page(label_);
    flush();
}

void Connection::deliver(const Event& event) {
    if (closed_) return;
    // Tauri evals one script per emit and webview with every matching listener id; the
    // deliveries of one emit arrive here one after another, so they extend one message.
    const std::string id = std::to_string(event.id);
    if (emit_open_ && open_emit_ == event.emit) {
        outbox_.back() += ',';
        outbox_.back() += id;
        outbox_bytes_ += id.size() + 1;
    } else {
        close_emit();
        std::string out = R"({"t":"emit","event":)";
        append_json_string(out, event.event);
        out += R"(,"payload":)";
        out += **event.payload;
        out += R"(,"ids":[)";
        out += id;
        outbox_bytes_ += out.size() + 2;
        outbox_.push_back(std::move(out));
        emit_open_ = true;
        open_emit_ = event.emit;
    }
    held_changed();
}

void Connection::unregister(std::uint32_t id, std::string_view event) {
    send(listener_message("unregister", id, event));
}

void Connection::unlisten_asked(std::uint32_t id, std::string_view event) {
    send(listener_message("unlisten", id, event));
    flush();
}

void Connection::window_destroyed() {
    if (!window_alive_) return;  // the page left first (gone() destroyed it)
    window_alive_ = false;
    send(R"({"t":"destroyed"})");
    close_after_flush(websocket::close_code::normal, "window destroyed");
}

void Connection::session_reset() {
    window_alive_ = false;  // it belonged to the old session
    session_ = nullptr;
    send(R"({"t":"reset"})");
    close_after_flush(websocket::close_code::going_away, "session reset");
}

void Connection::shutdown() {
    gone();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
}

void Connection::send(std::string message) {
    if (closed_) return;
    close_emit();
    outbox_bytes_ += message.size();
    outbox_.push_back(std::move(message));
    held_changed();
}

void Connection::close_emit() {
    if (!emit_open_) return;
    outbox_.back() += "]}";
    emit_open_ = false;
}

// Keeps the bridge's total up to date, then applies the page's own limit and the bridge's.
void Connection::held_changed() {
    const std::size_t now = closed_ ? 0 : outbox_bytes_ + frame_.size() + buffer_.size();
    shared_.buffered = shared_.buffered - held_ + now;
    held_ = now;
    if (closed_) return;
    if (over_send_limit()) return;
    if (shared_.buffered <= shared_.options.max_buffered) return;
    // The worst offender first, until the total is back under the budget.
    const std::size_t total = shared_.buffered;
    std::vector<std::shared_ptr<Connection>> pages;
    for (auto& weak : shared_.connections) {
        if (auto c = weak.lock(); c && c->held_ > 0) pages.push_back(std::move(c));
    }
    std::sort(pages.begin(), pages.end(),
              [](const auto& a, const auto& b) { return a->held_ > b->held_; });
    for (auto& page : pages) {
        if (shared_.buffered <= shared_.options.max_buffered) break;
        page->cut_off_for_budget(total);
    }
}

bool Connection::over_send_limit() {
    const std::size_t waiting = outbox_bytes_ + frame_.size();
    if (waiting <= shared_.options.max_send_queue) return false;
    // The page stopped reading (or cannot keep up): cut it off rather than hold the bus, the
    // GUI or the other pages hostage, and say why in the log and the trace.
    cut_off("page `" + label_ + "` (" + url_ + ") stopped reading: " + std::to_string(waiting) +
            " bytes were waiting for it (limit " + std::to_string(shared_.options.max_send_queue) +
            ", --max-send-queue); disconnected it");
    return true;
}

void Connection::cut_off_for_budget(std::size_t total) {
    cut_off("the bridge held " + std::to_string(total) + " bytes for its pages (limit " +
            std::to_string(shared_.options.max_buffered) + ", --max-buffered); page `" + label_ +
            "` (" + url_ + ") held the most, " + std::to_string(held_) + " bytes; disconnected it");
}

void Connection::cut_off(const std::string& why) {
    closed_ = true;
    if (session_ != nullptr) session_->bus().record_error(why, "bridge", false);
    outbox_.clear();
    outbox_.shrink_to_fit();
    outbox_bytes_ = 0;
    emit_open_ = false;
    held_changed();  // the frame being written and a half-read message go with the socket
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);  // the pending read fails: gone()
}

// `hold`: under a flood, let this frame wait for what the messages being read add to it.
void Connection::flush(bool hold) {
    if (writing_ || closed_) return;
    if (outbox_.empty()) {
        if (closing_) {
            closed_ = true;
            ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code) {});
        }
        return;
    }
    if (flush_posted_) return;  // the posted flush writes
    if (hold && !closing_ && outbox_bytes_ < kCoalesceBytes &&
        std::chrono::steady_clock::now() - last_write_ < kCoalesce) {
        flush_posted_ = true;
        post_flush(shared_.messages_read, 0);
        return;
    }
    write_outbox();
}

// Round 0 always goes round once: the read that follows a message is queued after it. Later
// rounds go round again only while messages are still being read.
void Connection::post_flush(std::uint64_t reads_seen, int round) {
    net::post(shared_.io, [self = shared_from_this(), reads_seen, round] {
        const bool burst = round == 0 || self->shared_.messages_read != reads_seen;
        if (burst && round < kCoalesceRounds && self->outbox_bytes_ < kCoalesceBytes &&
            !self->closed_) {
            return self->post_flush(self->shared_.messages_read, round + 1);
        }
        self->flush_posted_ = false;
        self->flush(false);
    });
}

void Connection::write_outbox() {
    last_write_ = std::chrono::steady_clock::now();
    close_emit();
    frame_.clear();
    frame_.reserve(outbox_bytes_ + outbox_.size() + 2);
    frame_ += '[';
    for (std::size_t i = 0; i < outbox_.size(); ++i) {
        if (i != 0) frame_ += ',';
        frame_ += outbox_[i];
    }
    frame_ += ']';
    outbox_.clear();
    outbox_bytes_ = 0;
    writing_ = true;
    ws_.text(true);
    ws_.async_write(
        net::buffer(frame_),
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
}

void Connection::on_write(beast::error_code ec) {
    writing_ = false;
    // A big frame's memory goes back at once: a quiet page should cost little.
    if (frame_.capacity() > kSmallAtRest) frame_ = std::string();
    frame_.clear();
    held_changed();
    if (ec) {
        closed_ = true;
        return;  // the read side sees the broken socket and calls gone()
    }
    flush();
}

void Connection::close_after_flush(websocket::close_code code, const std::string& reason) {
    if (closing_) return;
    closing_ = true;
    close_reason_ = websocket::close_reason(code, reason);
    flush();
}

void Connection::gone() {
    {
        std::lock_guard lock(shared_.pages_mutex);
        shared_.pages.erase(this);
    }
    closed_ = true;
    held_changed();
    if (tap_) {
        tap_timer_.cancel();
        // What the app can no longer deliver is judged now, not left pending.
        if (session_ != nullptr) session_->tap_settle(true);
        if (shared_.options.wake) shared_.options.wake();
    }
    if (session_ != nullptr && window_alive_) {
        // A page that leaves or reloads is a destroyed window; its label can be reused.
        window_alive_ = false;
        already_recorded(session_->bus().destroy_window(label_));
        if (shared_.options.wake) shared_.options.wake();
    }
    session_ = nullptr;
}

}  // namespace eventlab::bridge
