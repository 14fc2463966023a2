// The in-memory log the GUI reads: a full ring drops its oldest records and lets go of what they
// held, whether the recorder built a record in the ring's slot or handed a built one over.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "core/record/record_log.h"
#include "core/record/recorder.h"

using namespace eventlab;

namespace {

std::vector<std::uint32_t> emits_in(const RecordLog& log) {
    std::vector<std::uint32_t> out;
    log.scan(log.first(), log.end(),
             [&](std::uint64_t, const Record& r) { out.push_back(r.emit); });
    return out;
}

}  // namespace

TEST_CASE("a full log keeps the newest records in order and releases the payloads it dropped") {
    VirtualClock clock;
    Recorder recorder(clock);
    auto log = std::make_shared<RecordLog>(3, recorder);
    recorder.add_sink(log);
    const Text first = make_text(R"({"n":1})");
    const Text later = make_text(R"({"n":2})");
    for (std::uint32_t id = 1; id <= 5; ++id) {
        recorder.append_built([&](Record& r) {
            r.type = RecordType::Deliver;
            r.emit = id;
            r.payload = id == 1 ? first : later;
        });
    }
    CHECK(log->first() == 2);
    CHECK(log->end() == 5);
    CHECK(emits_in(*log) == std::vector<std::uint32_t>{3, 4, 5});
    CHECK(first.use_count() == 1);  // record 1 was dropped: the log holds no copy of it
    Record r;
    REQUIRE(log->get(4, r));
    CHECK(r.seq == 5);
    CHECK(r.type == RecordType::Deliver);
    CHECK(*r.payload == R"({"n":2})");
}

TEST_CASE("a record built in a reused slot starts empty - not with the fields it replaces") {
    VirtualClock clock;
    Recorder recorder(clock);
    auto log = std::make_shared<RecordLog>(1, recorder);
    recorder.add_sink(log);
    Record emit;
    emit.type = RecordType::Emit;
    emit.flags = flag::kDeferred;
    emit.text = make_text("[]");
    emit.aux = 7;
    recorder.append(std::move(emit));
    recorder.append_built([](Record& r) { r.type = RecordType::Deliver; });
    Record r;
    REQUIRE(log->get(1, r));
    CHECK(r.type == RecordType::Deliver);
    CHECK(r.flags == 0);
    CHECK(r.aux == kNoSym);
    CHECK(r.text == nullptr);
}

TEST_CASE("a log with a lock of its own takes records from a recorder and from a writer") {
    VirtualClock clock;
    Recorder recorder(clock);
    auto log = std::make_shared<RecordLog>(2);
    recorder.add_sink(log);
    recorder.append_built([](Record& r) { r.emit = 1; });
    Record extra;
    extra.emit = 2;
    log->write(extra, recorder.symbols());
    recorder.append_built([](Record& r) { r.emit = 3; });
    CHECK(emits_in(*log) == std::vector<std::uint32_t>{2, 3});
    log->clear();
    CHECK(log->first() == 3);
    CHECK(emits_in(*log).empty());
}
