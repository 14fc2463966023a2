// The listener and plain HTTP: the script, optional static files, and the upgrade to /ipc.
#include "bridge/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <thread>

#include "bridge/origin.h"
#include "bridge/server_internal.h"

namespace eventlab::bridge {
namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Boost 1.74's Beast has its own string_view.
std::string_view sv(beast::string_view text) {
    return {text.data(), text.size()};
}

std::string_view content_type(const std::filesystem::path& path) {
    const std::string ext = path.extension().string();
    if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs" || ext == ".cjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".map") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".wasm") return "application/wasm";
    if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The request target's path, percent-decoded; empty when it cannot be a file under the root.
std::string decoded_path(std::string_view target) {
    target = target.substr(0, target.find_first_of("?#"));
    std::string out;
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (target[i] != '%') {
            out += target[i];
            continue;
        }
        if (i + 2 >= target.size()) return {};
        const int hi = hex_value(target[i + 1]);
        const int lo = hex_value(target[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return {};
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// A file of the static root for a URL path, or nullopt: nothing outside the root is served
// (no `..`, no symlink leading out).
std::optional<std::filesystem::path> static_file(const std::string& root, std::string_view target) {
    namespace fs = std::filesystem;
    std::string path = decoded_path(target);
    if (path.empty() || path.front() != '/') return std::nullopt;
    if (path.back() == '/') path += "index.html";
    std::error_code ec;
    const fs::path base = fs::canonical(root, ec);
    if (ec) return std::nullopt;
    const fs::path file = fs::weakly_canonical(base / fs::path(path).relative_path(), ec);
    if (ec) return std::nullopt;
    const auto [root_end, ignored] =
        std::mismatch(base.begin(), base.end(), file.begin(), file.end());
    if (root_end != base.end()) return std::nullopt;
    if (fs::is_directory(file, ec)) return file / "index.html";
    return file;
}

Response text_response(const Request& request, http::status status, std::string body,
                       std::string_view type = "text/plain; charset=utf-8") {
    Response response{status, request.version()};
    response.set(http::field::server, "eventlab");
    response.set(http::field::content_type, beast::string_view(type.data(), type.size()));
    response.set(http::field::cache_control, "no-store");
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

Response route(const Shared& shared, const Request& request) {
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        return text_response(request, http::status::method_not_allowed, "GET only\n");
    }
    const std::string path = decoded_path(sv(request.target()));
    if (path == "/eventlab-tauri.js") {
        return text_response(request, http::status::ok, std::string(tauri_script()),
                             "text/javascript; charset=utf-8");
    }
    if (path == "/ipc") {
        return text_response(request, http::status::upgrade_required,
                             "/ipc is the WebSocket of eventlab-tauri.js\n");
    }
    if (!shared.options.static_dir.empty()) {
        if (auto file = static_file(shared.options.static_dir, sv(request.target()))) {
            std::ifstream in(*file, std::ios::binary);
            if (in) {
                std::string body{std::istreambuf_iterator<char>(in), {}};
                return text_response(request, http::status::ok, std::move(body),
                                     content_type(*file));
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
        parser_->header_limit(16 * 1024);
        parser_->body_limit(64 * 1024);
        stream_.expires_after(std::chrono::seconds(30));
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec) return close();
        Request request = parser_->release();
        const auto host = request.find(http::field::host);
        if (host == request.end() || !host_allowed(sv(host->value()))) {
            return write(text_response(request, http::status::forbidden,
                                       "Host refused: EventLab's bridge answers only to "
                                       "loopback names and IP addresses (DNS rebinding)\n"));
        }
        if (websocket::is_upgrade(request)) return upgrade(std::move(request));
        write(route(shared_, request));
    }

    void upgrade(Request request) {
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
        std::make_shared<Connection>(stream_.release_socket(), shared_)->start(std::move(request));
    }

    void write(Response response) {
        auto shared_response = std::make_shared<Response>(std::move(response));
        http::async_write(
            stream_, *shared_response,
            [self = shared_from_this(), shared_response](beast::error_code ec, std::size_t) {
                if (ec || !shared_response->keep_alive()) return self->close();
                self->read();
            });
    }

    beast::tcp_stream stream_;
    Shared& shared_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

struct BridgeServer::Impl {
    explicit Impl(BridgeOptions options) : shared(std::move(options)) {}

    void accept() {
        acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec) return;  // closed by stop()
            auto session = std::make_shared<HttpSession>(std::move(socket), shared);
            std::erase_if(http_sessions, [](const auto& w) { return w.expired(); });
            http_sessions.push_back(session);
            session->start();
            accept();
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

    Shared shared;
    std::optional<tcp::acceptor> acceptor;
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

}  // namespace eventlab::bridge
