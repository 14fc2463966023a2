// The listener and plain HTTP: the script, optional static files, and the upgrade to /ipc.
#include "bridge/server.h"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/range/iterator_range.hpp>
#include <future>
#include <iostream>
#include <thread>
#include <variant>

#include "bridge/origin.h"
#include "bridge/server_internal.h"
#include "bridge/static_files.h"
#include "core/app/session.h"

namespace eventlab::bridge {
namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using FileResponse = http::response<http::file_body>;
using Reply = std::variant<Response, FileResponse>;

// What a request may bring: the bridge's own requests are a line and a few fields, no body.
constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::uint64_t kBodyLimit = std::uint64_t{64} * 1024;

// Boost 1.74's Beast has its own string_view.
std::string_view sv(beast::string_view text) {
    return {text.data(), text.size()};
}

template <typename Body>
void set_common_fields(http::response<Body>& response, std::string_view type, bool keep_alive) {
    response.set(http::field::server, "eventlab");
    response.set(http::field::content_type, beast::string_view(type.data(), type.size()));
    response.set(http::field::cache_control, "no-store");
    response.keep_alive(keep_alive);
}

Response text_response(unsigned version, bool keep_alive, http::status status, std::string body,
                       std::string_view type = "text/plain; charset=utf-8") {
    Response response{status, version};
    set_common_fields(response, type, keep_alive);
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

Response text_response(const Request& request, http::status status, std::string body,
                       std::string_view type = "text/plain; charset=utf-8") {
    return text_response(request.version(), request.keep_alive(), status, std::move(body), type);
}

// A request the bridge cannot read or will not trust gets its status and the connection ends.
Response refusal(http::status status, std::string body) {
    return text_response(11, false, status, std::move(body));
}

// Why a request could not be read, as the status that says so (RFC 9110/9112), or nullopt when
// the peer just went away or stalled: nobody is there to answer.
std::optional<Response> read_failure(beast::error_code ec) {
    if (ec.category() != make_error_code(http::error::bad_method).category() ||
        ec == http::error::end_of_stream || ec == http::error::partial_message) {
        return std::nullopt;
    }
    if (ec == http::error::header_limit) {
        return refusal(
            http::status::request_header_fields_too_large,
            "request header fields over " + std::to_string(kHeaderLimit / 1024) + " KiB\n");
    }
    if (ec == http::error::body_limit) {
        return refusal(http::status::payload_too_large,
                       "request body over " + std::to_string(kBodyLimit / 1024) + " KiB\n");
    }
    return refusal(http::status::bad_request, "unreadable request: " + ec.message() + "\n");
}

// What RFC 9112 demands before a request may be answered: exactly one Host, and a body whose
// length can be told (chunked last) in codings the bridge knows (chunked only).
std::optional<Response> framing_failure(const Request& request) {
    if (request.count(http::field::host) != 1) {
        return refusal(http::status::bad_request, "a request needs exactly one Host field\n");
    }
    if (request.count(http::field::transfer_encoding) == 0) return std::nullopt;
    if (!request.chunked()) {
        return refusal(http::status::bad_request,
                       "Transfer-Encoding without chunked last: the body's length is unknown\n");
    }
    for (const auto& field :
         boost::make_iterator_range(request.equal_range(http::field::transfer_encoding))) {
        for (const auto coding : http::token_list(field.value())) {
            if (!beast::iequals(coding, "chunked")) {
                return refusal(http::status::not_implemented,
                               "transfer coding " + std::string(sv(coding)) + " not supported\n");
            }
        }
    }
    return std::nullopt;
}

Reply route(const Shared& shared, const Request& request) {
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        return text_response(request, http::status::method_not_allowed, "GET only\n");
    }
    const std::string path = decoded_path(sv(request.target()));
    if (path == "/eventlab-tauri.js") {
        // withGlobalTauri: window.__TAURI__ must exist as soon as the script has run (the plain-JS
        // templates read it on their first line), so it comes with the script, not with `ready`.
        std::string script(tauri_script());
        if (shared.session != nullptr && shared.session->app().with_global_tauri) {
            script += '\n';
            script += tauri_global_bundle();
        }
        return text_response(request, http::status::ok, std::move(script),
                             "text/javascript; charset=utf-8");
    }
    if (path == "/ipc") {
        return text_response(request, http::status::upgrade_required,
                             "/ipc is the WebSocket of eventlab-tauri.js\n");
    }
    if (!shared.options.static_dir.empty()) {
        if (auto file = open_static_file(shared.options.static_dir, sv(request.target()))) {
            // Sent in small pieces as the socket takes them: a big file costs a buffer, not
            // its size, and a page that stops reading holds nothing more.
            FileResponse response{http::status::ok, request.version()};
            set_common_fields(response, content_type(file->path), request.keep_alive());
            beast::error_code ec;
            response.body().reset(std::move(file->file), ec);
            if (!ec) {
                response.prepare_payload();
                return response;
            }
        }
    }
    return text_response(request, http::status::not_found,
                         "Not found. EventLab's bridge serves /eventlab-tauri.js" +
                             std::string(shared.options.static_dir.empty()
                                             ? " (start it with --static DIR to serve files)\n"
                                             : " and the files of --static\n"));
}

// One TCP connection before (or instead of) a WebSocket: requests in, responses out.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

    void start() { read(); }
    void close() {
        beast::error_code ignored;
        stream_.socket().close(ignored);
    }

  private:
    void read() {
        parser_.emplace();
        parser_->header_limit(kHeaderLimit);
        parser_->body_limit(kBodyLimit);
        stream_.expires_after(std::chrono::seconds(30));
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        head_ = false;
        if (ec) {
            if (auto response = read_failure(ec)) return write(std::move(*response));
            return close();
        }
        Request request = parser_->release();
        head_ = request.method() == http::verb::head;
        if (auto response = framing_failure(request)) return write(std::move(*response));
        if (!host_allowed(sv(request[http::field::host]))) {
            return write(text_response(request, http::status::forbidden,
                                       "Host refused: EventLab's bridge answers only to "
                                       "loopback names and IP addresses (DNS rebinding)\n"));
        }
        if (websocket::is_upgrade(request)) return upgrade(request);
        Reply reply = route(shared_, request);
        std::visit([this](auto& response) { write(std::move(response)); }, reply);
    }

    void upgrade(const Request& request) {
        if (decoded_path(sv(request.target())) != "/ipc") {
            return write(text_response(request, http::status::not_found,
                                       "the WebSocket endpoint is /ipc\n"));
        }
        const auto origin = request.find(http::field::origin);
        const std::string_view origin_text =
            origin == request.end() ? std::string_view() : sv(origin->value());
        if (!origin_allowed(origin_text, shared_.options.allowed_origins)) {
            return write(text_response(
                request, http::status::forbidden,
                "Origin " + std::string(origin_text) +
                    " refused: only loopback origins, or those given with --allow-origin\n"));
        }
        stream_.expires_never();
        std::make_shared<Connection>(stream_.release_socket(), shared_)->start(request);
    }

    // A HEAD request gets the header GET would get (its Content-Length too) and no body.
    template <typename Body>
    void write(http::response<Body> response) {
        response.prepare_payload();
        if (head_) return send(http::response<http::empty_body>(std::move(response.base())));
        send(std::move(response));
    }

    template <typename Body>
    void send(http::response<Body> response) {
        auto shared_response = std::make_shared<http::response<Body>>(std::move(response));
        stream_.expires_after(std::chrono::seconds(30));  // a reader that stalls is let go
        http::async_write(
            stream_, *shared_response,
            [self = shared_from_this(), shared_response](beast::error_code ec, std::size_t) {
                if (ec) return self->close();
                if (!shared_response->keep_alive()) return self->linger();
                self->read();
            });
    }

    // Closing with unread request bytes makes the kernel reset the connection, and the peer
    // may lose the answer it has not read yet (a 431 or 413 above all): the sending side
    // closes first and what still comes in is read and dropped, for a bounded time and size.
    void linger() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(2));
        buffer_.consume(buffer_.size());
        discard(0);
    }

    void discard(std::size_t so_far) {
        constexpr std::size_t kMaxDiscarded = 1u << 20;
        stream_.async_read_some(
            buffer_.prepare(std::size_t{16} << 10),
            [self = shared_from_this(), so_far](beast::error_code ec, std::size_t n) {
                if (ec || so_far + n > kMaxDiscarded) return self->close();
                self->discard(so_far + n);
            });
    }

    beast::tcp_stream stream_;
    Shared& shared_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    bool head_ = false;  // the request being answered is a HEAD
};

}  // namespace

struct BridgeServer::Impl {
    explicit Impl(BridgeOptions options) : shared(std::move(options)) {}

    void accept() {
        acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted || !acceptor->is_open()) return;  // stop()
            if (ec) return accept_failed(ec);
            accept_delay = kFirstAcceptDelay;
            auto session = std::make_shared<HttpSession>(std::move(socket), shared);
            std::erase_if(http_sessions, [](const auto& w) { return w.expired(); });
            http_sessions.push_back(session);
            session->start();
            accept();
        });
    }

    // Out of file descriptors (or kernel memory), or a peer that reset before it was taken:
    // none of these ends the bridge. It tries again after a pause that grows up to a second,
    // as connections close and give their descriptors back, and says so once.
    void accept_failed(beast::error_code ec) {
        if (!accept_warned) {
            accept_warned = true;
            const std::string message = "the bridge cannot accept connections: " + ec.message() +
                                        "; it keeps trying (raise the open-files limit with "
                                        "ulimit -n if this is it)";
            std::cerr << "eventlab: warning: " << message << std::endl;
            if (shared.session != nullptr)
                shared.session->bus().record_error(message, "bridge", false);
        }
        accept_retry.expires_after(accept_delay);
        accept_delay = std::min(accept_delay * 2, kLastAcceptDelay);
        accept_retry.async_wait([this](beast::error_code wait_ec) {
            if (!wait_ec) accept();
        });
    }

    // On the I/O thread.
    void each_connection(const std::function<void(Connection&)>& fn) {
        auto connections = std::move(shared.connections);
        shared.connections.clear();
        for (auto& weak : connections) {
            if (auto c = weak.lock()) fn(*c);
        }
    }

    static constexpr std::chrono::milliseconds kFirstAcceptDelay{10};
    static constexpr std::chrono::milliseconds kLastAcceptDelay{1000};

    Shared shared;
    std::optional<tcp::acceptor> acceptor;
    net::steady_timer accept_retry{shared.io};
    std::chrono::milliseconds accept_delay = kFirstAcceptDelay;
    bool accept_warned = false;
    std::vector<std::weak_ptr<HttpSession>> http_sessions;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    std::thread thread;
    std::uint16_t port = 0;
};

BridgeServer::BridgeServer(BridgeOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

BridgeServer::~BridgeServer() {
    stop();
}

std::string BridgeServer::start(Session* session) {
    Impl& impl = *impl_;
    beast::error_code ec;
    const auto address = net::ip::make_address(impl.shared.options.bind, ec);
    if (ec) return "--bind " + impl.shared.options.bind + ": not an IP address";
    const tcp::endpoint endpoint{address, impl.shared.options.port};
    impl.acceptor.emplace(impl.shared.io);
    impl.acceptor->open(endpoint.protocol(), ec);
    if (!ec) impl.acceptor->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) impl.acceptor->bind(endpoint, ec);
    if (!ec) impl.acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return "cannot listen on " + impl.shared.options.bind + ":" +
               std::to_string(impl.shared.options.port) + ": " + ec.message();
    }
    impl.port = impl.acceptor->local_endpoint().port();
    impl.shared.session = session;
    impl.accept();
    impl.work.emplace(impl.shared.io.get_executor());
    impl.thread = std::thread([&impl] { impl.shared.io.run(); });
    return {};
}

void BridgeServer::attach(Session* session) {
    Impl& impl = *impl_;
    if (!impl.thread.joinable()) {
        impl.shared.session = session;
        return;
    }
    std::promise<void> done;
    net::post(impl.shared.io, [&impl, session, &done] {
        impl.each_connection([](Connection& c) { c.session_reset(); });
        impl.shared.session = session;
        done.set_value();
    });
    done.get_future().wait();
}

void BridgeServer::stop() {
    Impl& impl = *impl_;
    if (!impl.thread.joinable()) return;
    std::promise<void> done;
    net::post(impl.shared.io, [&impl, &done] {
        beast::error_code ignored;
        impl.acceptor->close(ignored);
        impl.accept_retry.cancel();
        impl.each_connection([](Connection& c) { c.shutdown(); });
        for (auto& weak : impl.http_sessions) {
            if (auto s = weak.lock()) s->close();
        }
        done.set_value();
    });
    done.get_future().wait();
    impl.shared.mailbox->close();
    impl.work.reset();
    impl.shared.io.stop();  // what is left are cancelled handlers of closed sockets
    impl.thread.join();
    impl.shared.session = nullptr;
}

std::uint16_t BridgeServer::port() const {
    return impl_->port;
}

std::string BridgeServer::url() const {
    const std::string& bind = impl_->shared.options.bind;
    const bool v6 = bind.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + bind + "]" : bind) + ":" + std::to_string(impl_->port);
}

std::vector<PageInfo> BridgeServer::pages() const {
    std::lock_guard lock(impl_->shared.pages_mutex);
    std::vector<PageInfo> out;
    for (const auto& [connection, info] : impl_->shared.pages)
        out.push_back(info);
    return out;
}

std::string describe_peers(const std::vector<PageInfo>& peers) {
    const auto pages =
        std::count_if(peers.begin(), peers.end(), [](const PageInfo& p) { return !p.tap; });
    std::string text = std::to_string(pages) + (pages == 1 ? " page" : " pages");
    for (const PageInfo& peer : peers) {
        if (peer.tap) text += " · tapped app: " + peer.url;
    }
    return text;
}

}  // namespace eventlab::bridge
