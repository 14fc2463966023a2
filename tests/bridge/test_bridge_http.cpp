// The bridge's plain HTTP side against requests a browser would not send: what each hostile or
// broken request gets back (a status, never a silent close), and what --static refuses to serve.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "served.h"
#include "test_files.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

std::string get_request(const std::string& target, const std::string& extra_fields = {},
                        const std::string& method = "GET") {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_fields +
           "Connection: close\r\n\r\n";
}

bridge::BridgeOptions static_options(const TempDir& dir) {
    bridge::BridgeOptions options;
    options.static_dir = (dir / "www").string();
    return options;
}

// Resident memory of this process (the bridge runs in it), from /proc.
std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

TEST_CASE("bridge http: HEAD answers with the headers of GET and no body") {
    Served s;
    const RawReply get = raw_http(s.server.port(), get_request("/eventlab-tauri.js"));
    const RawReply head = raw_http(s.server.port(), get_request("/eventlab-tauri.js", {}, "HEAD"));
    REQUIRE(get.status == 200);
    CHECK(head.status == 200);
    CHECK(head.field("Content-Length") == std::to_string(get.body.size()));
    CHECK(head.field("Content-Type") == get.field("Content-Type"));
    CHECK(head.body.empty());
    CHECK(head.answered);
}

TEST_CASE("bridge http: a request with two Host fields is refused with 400") {
    Served s;
    const std::string twice =
        "GET /eventlab-tauri.js HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: rebind.attacker.test\r\n"
        "Connection: close\r\n\r\n";
    const RawReply reply = raw_http(s.server.port(), twice);
    CHECK(reply.status == 400);
    CHECK(reply.body.find("__TAURI_INTERNALS__") == std::string::npos);
    const RawReply none =
        raw_http(s.server.port(), "GET /eventlab-tauri.js HTTP/1.1\r\nConnection: close\r\n\r\n");
    CHECK(none.status == 400);
}

TEST_CASE("bridge http: broken requests are answered with their status and not a silent close") {
    Served s;
    SUBCASE("header fields over the limit: 431") {
        const std::string big = "X-Filler: " + std::string(20 * 1024, 'a') + "\r\n";
        const RawReply reply = raw_http(s.server.port(), get_request("/eventlab-tauri.js", big));
        CHECK(reply.status == 431);
        CHECK(reply.field("Connection") == "close");
    }
    SUBCASE("a transfer coding the bridge does not know: 501") {
        const RawReply reply =
            raw_http(s.server.port(),
                     get_request("/eventlab-tauri.js", "Transfer-Encoding: gzip, chunked\r\n") +
                         "0\r\n\r\n");
        CHECK(reply.status == 501);
    }
    SUBCASE("a body whose length cannot be told (chunked is not the last coding): 400") {
        const RawReply reply = raw_http(
            s.server.port(), get_request("/eventlab-tauri.js", "Transfer-Encoding: gzip\r\n"));
        CHECK(reply.status == 400);
    }
    SUBCASE("a body over the limit: 413") {
        const RawReply reply = raw_http(
            s.server.port(), get_request("/eventlab-tauri.js", "Content-Length: 1000000\r\n") +
                                 std::string(100 * 1024, 'b'));
        CHECK(reply.status == 413);
    }
    SUBCASE("a request line that is not HTTP: 400") {
        const RawReply reply = raw_http(s.server.port(), "HELLO THERE\r\n\r\n");
        CHECK(reply.status == 400);
    }
    // The bridge still serves after each of them.
    int status = 0;
    http_get(s.server.port(), "/eventlab-tauri.js", s.host(), status);
    CHECK(status == 200);
}

TEST_CASE("bridge http: --static never serves an index.html that leads out of the folder") {
    TempDir dir;
    std::filesystem::create_directories(dir / "www/sub");
    std::filesystem::create_directories(dir / "www/docs");
    dir.write("secret.txt", "outside the static folder");
    std::filesystem::create_symlink(dir / "secret.txt", dir / "www/sub/index.html");
    dir.write("www/docs/index.html", "the docs page");
    Served s(static_options(dir));
    for (const std::string target : {"/sub", "/sub/", "/sub/.", "/sub/./", "/sub/index.html"}) {
        INFO("GET " << target);
        const RawReply reply = raw_http(s.server.port(), get_request(target));
        CHECK(reply.status == 404);
        CHECK(reply.body.find("outside the static folder") == std::string::npos);
    }
    for (const std::string target : {"/docs", "/docs/", "/docs/."}) {
        INFO("GET " << target);
        const RawReply reply = raw_http(s.server.port(), get_request(target));
        CHECK(reply.status == 200);
        CHECK(reply.body == "the docs page");
    }
}

TEST_CASE("bridge http: --static answers for a named pipe at once and goes on serving") {
    TempDir dir;
    std::filesystem::create_directories(dir / "www");
    REQUIRE(mkfifo((dir / "www/pipe").c_str(), 0600) == 0);
    Served s(static_options(dir));
    // Whatever happens, let a bridge stuck opening the pipe go on, so the test ends.
    struct Unblock {
        std::filesystem::path fifo;
        ~Unblock() {
            const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0) ::close(fd);
        }
    } unblock{dir / "www/pipe"};
    const RawReply reply = raw_http(s.server.port(), get_request("/pipe"), std::chrono::seconds(5));
    CHECK(reply.answered);
    CHECK(reply.status == 404);
    const RawReply script =
        raw_http(s.server.port(), get_request("/eventlab-tauri.js"), std::chrono::seconds(5));
    CHECK(script.status == 200);
}

TEST_CASE("bridge http: --static sends a big file in bounded pieces and never whole in memory") {
    TempDir dir;
    std::filesystem::create_directories(dir / "www");
    constexpr std::size_t kSize = 32u << 20;
    {
        std::ofstream out(dir / "www/big.bin", std::ios::binary);
        const std::string block(1u << 20, 'z');
        for (std::size_t i = 0; i < kSize / block.size(); ++i)
            out << block;
    }
    Served s(static_options(dir));
    // Four clients ask for it and read only the response's head, then stop reading.
    net::io_context io;
    std::vector<std::unique_ptr<tcp::socket>> readers;
    const std::size_t before = resident_bytes();
    for (int i = 0; i < 4; ++i) {
        auto& socket = readers.emplace_back(std::make_unique<tcp::socket>(io));
        socket->connect({net::ip::make_address("127.0.0.1"), s.server.port()});
        net::write(*socket, net::buffer(get_request("/big.bin")));
        std::string head;
        beast::error_code ec;
        net::read_until(*socket, net::dynamic_buffer(head), "\r\n\r\n", ec);
        REQUIRE(head.starts_with("HTTP/1.1 200"));
        CHECK(head.find("Content-Length: " + std::to_string(kSize)) != std::string::npos);
    }
    // The whole file four times over would be 128 MiB; the kernel's socket buffers are not ours.
    const std::size_t after = resident_bytes();
    CHECK(after < before + (16u << 20));
    // And it arrives whole for a client that reads.
    const RawReply whole = raw_http(s.server.port(), get_request("/big.bin"));
    CHECK(whole.status == 200);
    CHECK(whole.body.size() == kSize);
}
