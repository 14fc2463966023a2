// Shared by the bridge's socket tests: a bridge serving a live session on a free loopback port,
// and plain HTTP requests to it (through Beast, or as raw bytes to see exactly what comes back).
#pragma once

#include <doctest/doctest.h>

#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "bridge/server.h"
#include "bridge_client.h"
#include "core/app/session.h"

namespace eventlab::test {

struct Served {
    explicit Served(bridge::BridgeOptions options = {}, BusConfig config = {})
        : session(config), server([&] {
              options.port = 0;
              return options;
          }()) {
        session.go_live();
        REQUIRE(server.start(&session).empty());
    }
    ~Served() { server.stop(); }
    Served(const Served&) = delete;
    Served& operator=(const Served&) = delete;

    // Polls (with a deadline) until the bus says so: deliveries and windows settle on the
    // bridge's thread.
    static bool eventually(const std::function<bool()>& done) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < until) {
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return done();
    }

    std::string host() const { return "127.0.0.1:" + std::to_string(server.port()); }

    Session session;
    bridge::BridgeServer server;
};

inline std::string http_get(std::uint16_t port, const std::string& target, const std::string& host,
                            int& status, const std::string& upgrade_origin = {}) {
    net::io_context io;
    beast::tcp_stream stream(io);
    tcp::resolver resolver(io);
    stream.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
    beast::http::request<beast::http::empty_body> request{beast::http::verb::get, target, 11};
    request.set(beast::http::field::host, host);
    if (!upgrade_origin.empty()) {
        request.set(beast::http::field::connection, "Upgrade");
        request.set(beast::http::field::upgrade, "websocket");
        request.set(beast::http::field::sec_websocket_version, "13");
        request.set(beast::http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
        request.set(beast::http::field::origin, upgrade_origin);
    }
    beast::http::write(stream, request);
    beast::flat_buffer buffer;
    beast::http::response<beast::http::string_body> response;
    beast::http::read(stream, buffer, response);
    status = response.result_int();
    return response.body();
}

inline nlohmann::json listen_args(const std::string& event) {
    return {{"event", event}, {"target", {{"kind", "Any"}}}, {"handler", 1}};
}

// What came back for a request sent as raw bytes, read until the server closed the connection
// (or the deadline: then `answered` is false and `status` 0).
struct RawReply {
    bool answered = false;  // the server closed the connection after what it sent
    int status = 0;         // 0: nothing that looks like a status line
    std::string head;       // the status line and header fields
    std::string body;       // every byte after the blank line

    std::string field(std::string_view name) const {
        const std::string key = "\r\n" + std::string(name) + ": ";
        const auto at = head.find(key);
        if (at == std::string::npos) return {};
        const auto start = at + key.size();
        return head.substr(start, head.find("\r\n", start) - start);
    }
};

// Sends `bytes`, then reads until the server closes. Requests should say `Connection: close`.
inline RawReply raw_http(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    net::io_context io;
    tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    std::string received;
    bool closed = false;
    net::async_write(socket, net::buffer(bytes), [](beast::error_code, std::size_t) {});
    auto buffer = net::dynamic_buffer(received);
    net::async_read(socket, buffer, [&closed](beast::error_code, std::size_t) { closed = true; });
    io.run_for(deadline);
    RawReply reply;
    reply.answered = closed;
    const auto blank = received.find("\r\n\r\n");
    reply.head = received.substr(0, blank);
    if (blank != std::string::npos) reply.body = received.substr(blank + 4);
    if (received.starts_with("HTTP/1.") && received.size() >= 12) {
        reply.status = std::stoi(received.substr(9, 3));
    }
    return reply;
}

}  // namespace eventlab::test
