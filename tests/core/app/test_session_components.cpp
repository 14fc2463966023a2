// React-style components (docs/formats.md): cleanup on unmount, leaked listeners without it, and
// StrictMode's mount / unmount / mount.
#include <string>
#include <vector>

#include "bus_fixture.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

std::vector<ListenItem> feed_items() {
    ListenItem all;
    all.event = "test-event";
    ListenItem mine;
    mine.event = "test-event";
    mine.target = EventTarget::any_label("main");
    mine.name = "Feed mine";
    return {all, mine};
}

// Emits test-event to all and runs the queues.
void emit(SessionFixture& f) {
    REQUIRE(f.session.bus().emit("test-event", make_text("1"), Source::rust()).ok);
    f.session.bus().drain_all();
}

std::size_t count_listeners(const SessionFixture& f, bool leaked_only = false) {
    std::size_t n = 0;
    for (const auto& l : f.session.bus().listeners())
        n += (!leaked_only || l.leaked) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("session: a component mounted with cleanup leaves no listener after unmount") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        SessionFixture f(config(mode));
        REQUIRE(f.session.mount("main", "Feed", feed_items(), true, false).ok);
        CHECK(count_listeners(f) == 2);
        emit(f);
        CHECK(f.calls("Feed") == 1);
        REQUIRE(f.session.unmount("main", "Feed").ok);
        CHECK(count_listeners(f) == 0);
        emit(f);
        CHECK(f.calls("Feed") == 1);
        CHECK(f.calls("Feed mine") == 1);
        const auto unlistens = f.sink->of("unlisten");
        REQUIRE(unlistens.size() == 2);
        for (const auto& u : unlistens)
            CHECK(u["reason"] == "unmount");
        CHECK(leak_report(f.session).empty());
    }
}

TEST_CASE(
    "session: without cleanup the listeners stay - are leaked - and a remount doubles calls") {
    for (Mode mode : kModes) {
        INFO("mode " << to_string(mode));
        SessionFixture f(config(mode));
        REQUIRE(f.session.mount("main", "Feed", feed_items(), false, false).ok);
        emit(f);
        CHECK(f.calls("Feed") == 1);
        REQUIRE(f.session.unmount("main", "Feed").ok);
        CHECK(count_listeners(f) == 2);
        CHECK(count_listeners(f, true) == 2);
        CHECK(f.sink->of("unlisten").empty());
        emit(f);
        CHECK(f.calls("Feed") == 2);  // the leaked listener keeps firing

        REQUIRE(f.session.mount("main", "Feed", feed_items(), false, false).ok);
        CHECK(count_listeners(f) == 4);
        CHECK(count_listeners(f, true) == 2);
        emit(f);
        CHECK(f.calls("Feed") == 4);  // two calls per emit now
        emit(f);
        CHECK(f.calls("Feed") == 6);
        const auto leaks = leak_report(f.session);
        REQUIRE(leaks.size() == 1);
        CHECK(leaks[0].rfind("main: 2 leaked", 0) == 0);
    }
}

TEST_CASE("session: strict mode without cleanup gives 2 listeners (double delivery) - with 1") {
    for (Mode mode : kModes) {
        for (const bool cleanup : {false, true}) {
            INFO("mode " << to_string(mode) << ", cleanup " << cleanup);
            SessionFixture f(config(mode));
            ListenItem item;
            item.event = "test-event";
            REQUIRE(f.session.mount("main", "Feed", {item}, cleanup, true).ok);
            const std::size_t want = cleanup ? 1 : 2;
            CHECK(count_listeners(f) == want);
            emit(f);
            CHECK(f.calls("Feed") == want);
            emit(f);
            CHECK(f.calls("Feed") == 2 * want);
            CHECK(f.sink->of("mount").size() == 2);
            CHECK(f.sink->of("unmount").size() == 1);
        }
    }
}

TEST_CASE("session: unmounting a component that is not mounted is an error") {
    SessionFixture f;
    CHECK_FALSE(f.session.unmount("main", "Nope").ok);
    CHECK(f.sink->of("error").size() == 1);
}
