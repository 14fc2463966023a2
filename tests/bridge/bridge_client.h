// A minimal page for C++ tests of the bridge: a Beast WebSocket client with deadlines, speaking
// the wire format of docs/bridge.md. Reads never block past their deadline.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace eventlab::test {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class BridgeClient {
  public:
    // Connects and upgrades; `error` holds why when it could not (e.g. "403").
    BridgeClient(std::uint16_t port, std::string origin = {}, std::string host = {}) {
        tcp::resolver resolver(io_);
        beast::error_code ec;
        net::connect(ws_.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port)), ec);
        if (ec) {
            error = ec.message();
            return;
        }
        ws_.set_option(beast::websocket::stream_base::decorator(
            [origin](beast::websocket::request_type& request) {
                if (!origin.empty()) request.set(beast::http::field::origin, origin);
            }));
        beast::websocket::response_type response;
        ws_.handshake(response, host.empty() ? "127.0.0.1:" + std::to_string(port) : host, "/ipc",
                      ec);
        // Beast reports a refused upgrade as upgrade_declined (its status is not kept).
        if (ec) error = ec == beast::websocket::error::upgrade_declined ? "declined" : ec.message();
    }

    bool ok() const { return error.empty(); }

    void send(const nlohmann::json& message) { send_text(message.dump()); }
    void send_text(const std::string& text) {
        beast::error_code ec;
        ws_.text(true);
        ws_.write(net::buffer(text), ec);
    }

    // The next message (frames are arrays of messages), or nullopt at the deadline or close.
    std::optional<nlohmann::json> next(
        std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
        while (pending_.empty()) {
            auto frame = read_frame(deadline);
            if (!frame) return std::nullopt;
            for (auto& m : *frame)
                pending_.push_back(std::move(m));
        }
        auto message = std::move(pending_.front());
        pending_.pop_front();
        return message;
    }

    // The next message of kind `t`, skipping others.
    std::optional<nlohmann::json> next_of(
        const std::string& t, std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
        const auto until = std::chrono::steady_clock::now() + deadline;
        while (std::chrono::steady_clock::now() < until) {
            auto m = next(std::chrono::duration_cast<std::chrono::milliseconds>(
                until - std::chrono::steady_clock::now()));
            if (!m) return std::nullopt;
            if ((*m)["t"] == t) return m;
        }
        return std::nullopt;
    }

    nlohmann::json hello(const std::string& label) {
        send({{"t", "hello"}, {"label", label}, {"url", "test://" + label}});
        auto m = next();
        return m ? *m : nlohmann::json();
    }

    nlohmann::json invoke(const std::string& cmd, const nlohmann::json& args) {
        const auto id = ++next_id_;
        send({{"t", "invoke"}, {"id", id}, {"cmd", cmd}, {"args", args}});
        while (auto m = next()) {
            if ((*m)["t"] == "result" && (*m)["id"] == id) return *m;
            pending_other.push_back(*m);
        }
        return nullptr;
    }

    // How the socket ended: the close code once closed, or nullopt while it is open.
    std::optional<int> close_code(std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
        while (read_frame(deadline)) {
        }
        if (timed_out_) return std::nullopt;
        return ws_.reason().code;
    }

    std::string error;
    std::deque<nlohmann::json> pending_other;  // messages that came before an awaited result

  private:
    std::optional<nlohmann::json> read_frame(std::chrono::milliseconds deadline) {
        if (closed_) return std::nullopt;
        beast::flat_buffer buffer;
        std::optional<beast::error_code> result;
        ws_.async_read(buffer, [&result](beast::error_code ec, std::size_t) { result = ec; });
        io_.restart();
        io_.run_for(deadline);
        if (!result) {
            beast::error_code ignored;
            ws_.next_layer().cancel(ignored);
            io_.restart();
            io_.run();
            closed_ = true;  // a read timed out: treat the connection as unusable
            timed_out_ = true;
            return std::nullopt;
        }
        if (*result) {
            closed_ = true;
            return std::nullopt;
        }
        return nlohmann::json::parse(beast::buffers_to_string(buffer.data()));
    }

    net::io_context io_;
    beast::websocket::stream<tcp::socket> ws_{io_};
    std::deque<nlohmann::json> pending_;
    std::uint64_t next_id_ = 0;
    bool closed_ = false;
    bool timed_out_ = false;
};

}  // namespace eventlab::test
