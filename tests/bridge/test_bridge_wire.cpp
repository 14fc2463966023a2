// What one page can make the bridge hold or repeat: its label and URL, which every record
// naming it repeats, and the bytes waiting for pages that stop reading, bounded per page and
// for the whole bridge.
#include <doctest/doctest.h>

#include <mutex>

#include "core/record/recorder.h"
#include "served.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

namespace {

// The error records' messages, in order (the recorder calls it from the bridge's thread).
struct ErrorMessages final : RecordSink {
    void write(const Record& record, const Symbols& /*symbols*/) override {
        if (record.type != RecordType::Error || !record.text) return;
        std::lock_guard lock(mutex);
        messages.push_back(*record.text);
    }
    std::vector<std::string> containing(std::string_view part) {
        std::lock_guard lock(mutex);
        std::vector<std::string> out;
        for (const auto& m : messages) {
            if (m.find(part) != std::string::npos) out.push_back(m);
        }
        return out;
    }
    std::mutex mutex;
    std::vector<std::string> messages;
};

}  // namespace

TEST_CASE("bridge wire: a label of 4 MiB is refused and a long page URL is cut") {
    Served s;
    BridgeClient huge(s.server.port());
    const json refused = huge.hello(std::string(4u << 20, 'a'));
    CHECK(refused["t"] == "refused");
    CHECK(refused["error"].get<std::string>().size() < 200);
    CHECK(s.server.pages().empty());

    BridgeClient longest(s.server.port());
    REQUIRE(longest.hello(std::string(256, 'b'))["t"] == "ready");

    BridgeClient long_url(s.server.port());
    long_url.send(
        {{"t", "hello"}, {"label", "main"}, {"url", "http://x/" + std::string(1u << 20, 'q')}});
    REQUIRE((*long_url.next())["t"] == "ready");
    for (const auto& page : s.server.pages()) {
        CHECK(page.label.size() <= 256);
        CHECK(page.url.size() <= 2100);
    }
}

TEST_CASE("bridge wire: past --max-buffered the page holding the most is cut off first") {
    bridge::BridgeOptions options;
    options.max_buffered = 4u << 20;
    Served s(options);
    auto errors = std::make_shared<ErrorMessages>();
    s.session.recorder().add_sink(errors);
    BridgeClient greedy(s.server.port());  // listens twice over: its queue grows twice as fast
    BridgeClient modest(s.server.port());
    BridgeClient reader(s.server.port());
    BridgeClient sender(s.server.port());
    REQUIRE(greedy.hello("greedy")["t"] == "ready");
    REQUIRE(modest.hello("modest")["t"] == "ready");
    REQUIRE(reader.hello("reader")["t"] == "ready");
    REQUIRE(sender.hello("sender")["t"] == "ready");
    for (const char* event : {"big", "also-big"})
        REQUIRE(greedy.invoke("plugin:event|listen", listen_args(event))["ok"] == true);
    REQUIRE(modest.invoke("plugin:event|listen", listen_args("big"))["ok"] == true);
    REQUIRE(reader.invoke("plugin:event|listen", listen_args("big"))["ok"] == true);
    const std::string chunk(std::size_t{256} * 1024, 'x');
    const auto both_cut = [&] {
        return !s.session.bus().is_alive("greedy") && !s.session.bus().is_alive("modest");
    };
    int emitted = 0;
    int received = 0;
    // Up to 40 MiB for modest and 80 for greedy, past any socket buffer; it stops sooner once
    // both are cut off.
    for (; emitted < 160 && !both_cut(); ++emitted) {
        for (const char* event : {"big", "also-big"}) {
            REQUIRE(sender.invoke("plugin:event|emit",
                                  {{"event", event}, {"payload", chunk}})["ok"] == true);
        }
        if (reader.next_of("emit")) ++received;
    }
    CHECK(received == emitted);
    CHECK(s.eventually(both_cut));
    CHECK(s.session.bus().is_alive("reader"));
    const auto cut = errors->containing("--max-buffered");
    REQUIRE(cut.size() >= 2);
    CHECK(cut[0].find("page `greedy`") != std::string::npos);
    CHECK(cut[0].find("held the most") != std::string::npos);
}
