// One page's WebSocket: hello → its window, invokes → results, the bus's deliveries → frames.
#include <boost/beast/core/buffers_to_string.hpp>

#include "bridge/page_commands.h"
#include "bridge/server_internal.h"
#include "core/app/session.h"
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
        // One drain posted at a time: a flood of emits costs one wake-up per batch.
        if (drain_posted_.exchange(true, std::memory_order_acq_rel)) return;
        mailbox_->post([connection = connection_] {
            if (auto c = connection.lock()) c->drain();
        });
    }
    void drained() { drain_posted_.store(false, std::memory_order_release); }

    void unregistered(EventId id, std::string_view event) override {
        if (auto c = connection_.lock()) c->unregister(id, event);
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

namespace {

constexpr auto kCoalesce = std::chrono::microseconds(50);
constexpr std::size_t kCoalesceBytes = 256 * 1024;  // a frame this big goes out at once

}  // namespace

Connection::Connection(tcp::socket socket, Shared& shared)
    : ws_(std::move(socket)), shared_(shared), coalesce_(shared.io) {}

Connection::~Connection() = default;

void Connection::start(http::request<http::string_body> request) {
    if (auto origin = request.find(http::field::origin); origin != request.end()) {
        origin_ = std::string(origin->value());
    }
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(http::field::server, "eventlab"); }));
    ws_.read_message_max(shared_.options.max_message);
    ws_.async_accept(request,
                     [self = shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
}

void Connection::on_accept(beast::error_code ec) {
    if (ec) return;
    shared_.connections.push_back(weak_from_this());
    read();
}

void Connection::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
        self->on_read(ec, n);
    });
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
    const std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (buffer_.capacity() > 64 * 1024) buffer_ = beast::flat_buffer();  // small at rest
    if (!closed_ && !closing_) handle(text);
    flush();
    if (shared_.options.wake) shared_.options.wake();
    read();
}

void Connection::handle(std::string_view text) {
    std::string error;
    const auto message = parse_json_text(text, "message", error);
    if (!message) return protocol_error("unusable message (not JSON): " + error);
    if (!message->is_object()) return protocol_error("unusable message: expected a JSON object");
    const auto kind = message->find("t");
    if (kind == message->end() || !kind->is_string()) {
        return protocol_error(R"(unusable message: "t" (the message kind, a string) is missing)");
    }
    const auto& name = kind->get_ref<const std::string&>();
    if (name == "hello") return hello(*message);
    if (name == "invoke") return invoke(*message);
    protocol_error("unknown message kind \"" + utf8::replace_invalid(name) +
                   R"(" (a page sends "hello" and "invoke"))");
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
    if (url != message.end() && url->is_string()) url_ = url->get<std::string>();
    label_ = label->get<std::string>();
    if (!is_valid_label(label_)) return refuse(label_error(label_));
    if (shared_.session == nullptr) return refuse("EventLab has no session right now; reload");

    link_ = std::make_shared<Link>(shared_.mailbox, weak_from_this(), url_);
    std::string ready = R"({"t":"ready","label":)";
    append_json_string(ready, label_);
    ready += R"(,"mode":)";
    append_json_string(ready, to_string(shared_.session->config().mode));
    ready += '}';
    const OpResult created = shared_.session->bus().create_window(label_, true, {}, link_);
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
        std::string out = R"({"t":"result","id":)" + std::to_string(id);
        if (result.ok) {
            out += R"(,"ok":true,"value":)" + result.value.dump();
        } else {
            out += R"(,"ok":false,"error":)";
            append_json_string(out, result.error);
        }
        out += '}';
        send(std::move(out));
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
    PageContext page{*session_, label_, [weak = weak_from_this()](const Event& event) {
                         if (auto c = weak.lock()) c->deliver(event);
                     }};
    reply(run_page_command(page, command->get_ref<const std::string&>(),
                           args == message.end() ? kNoArgs : *args));
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
    check_send_limit();
}

void Connection::unregister(std::uint32_t id, std::string_view event) {
    std::string out = R"({"t":"unregister","event":)";
    append_json_string(out, event);
    out += R"(,"id":)" + std::to_string(id) + '}';
    send(std::move(out));
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
    coalesce_.cancel();
    gone();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

void Connection::send(std::string message) {
    if (closed_) return;
    close_emit();
    outbox_bytes_ += message.size();
    outbox_.push_back(std::move(message));
    check_send_limit();
}

void Connection::close_emit() {
    if (!emit_open_) return;
    outbox_.back() += "]}";
    emit_open_ = false;
}

void Connection::check_send_limit() {
    const std::size_t waiting = outbox_bytes_ + frame_.size();
    if (waiting <= shared_.options.max_send_queue || closed_) return;
    // The page stopped reading (or cannot keep up): cut it off rather than hold the bus, the
    // GUI or the other pages hostage, and say why in the log and the trace.
    closed_ = true;
    if (session_ != nullptr) {
        session_->bus().record_error("page `" + label_ + "` (" + url_ +
                                         ") stopped reading: " + std::to_string(waiting) +
                                         " bytes were waiting for it (limit " +
                                         std::to_string(shared_.options.max_send_queue) +
                                         ", --max-send-queue); disconnected it",
                                     "bridge", false);
    }
    outbox_.clear();
    outbox_bytes_ = 0;
    emit_open_ = false;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);  // the pending read fails: gone()
}

void Connection::flush() {
    if (writing_ || closed_) return;
    if (outbox_.empty()) {
        if (closing_) {
            closed_ = true;
            ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code) {});
        }
        return;
    }
    if (coalescing_) return;  // the timer flushes
    const auto now = std::chrono::steady_clock::now();
    if (!closing_ && outbox_bytes_ < kCoalesceBytes && now - last_write_ < kCoalesce) {
        coalescing_ = true;
        coalesce_.expires_at(last_write_ + kCoalesce);
        coalesce_.async_wait([self = shared_from_this()](beast::error_code) {
            self->coalescing_ = false;
            self->flush();
        });
        return;
    }
    last_write_ = now;
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
    if (frame_.capacity() > 64 * 1024) frame_ = std::string();
    if (ec) {
        closed_ = true;
        return;  // the read side sees the broken socket and calls gone()
    }
    flush();
}

void Connection::close_after_flush(websocket::close_code code, std::string reason) {
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
    if (session_ != nullptr && window_alive_) {
        // A page that leaves or reloads is a destroyed window; its label can be reused.
        window_alive_ = false;
        already_recorded(session_->bus().destroy_window(label_));
        if (shared_.options.wake) shared_.options.wake();
    }
    session_ = nullptr;
}

}  // namespace eventlab::bridge
