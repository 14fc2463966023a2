// A trace file on a slow disk (NFS, a USB stick, a full page cache) must not slow the session:
// the bus formats and queues records under its lock, so a sink that waited for the disk there
// would stop every emitting thread and the GUI. The writer here is a stand-in for such a disk:
// held shut on a gate, or trickling 64 KB at a time.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "bus_fixture.h"
#include "test_files.h"

using namespace eventlab;        // NOLINT(google-build-using-namespace): test file
using namespace eventlab::test;  // NOLINT(google-build-using-namespace): test file

namespace {

namespace fs = std::filesystem;
using Wall = std::chrono::steady_clock;

constexpr int kEmits = 100'000;
// Generous: only there so a sink that blocks fails the test instead of hanging it.
constexpr auto kPatience = std::chrono::seconds(30);
constexpr std::size_t kMaxPending = std::size_t{1} << 20;

// Holds the writer thread inside its write() until opened.
class Gate {
  public:
    void pass() {
        entered_.store(true, std::memory_order_release);
        std::unique_lock lock(mutex_);
        open_cv_.wait(lock, [this] { return open_; });
    }
    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        open_cv_.notify_all();
    }
    bool entered() const { return entered_.load(std::memory_order_acquire); }
    // A sink's write that stops at this gate, then writes.
    auto writer() {
        return [this](int fd, const char* data, std::size_t size) {
            pass();
            return ::write(fd, data, size);
        };
    }

  private:
    std::mutex mutex_;
    std::condition_variable open_cv_;
    bool open_ = false;
    std::atomic<bool> entered_{false};
};

// Opens the gate however the test ends, before the sink (declared earlier) joins its writer.
struct OpenOnExit {
    Gate& gate;
    ~OpenOnExit() { gate.open(); }
};

// A disk that takes at most 64 KB per write and 20 ms for each: about 3 MB/s.
ssize_t trickle(int fd, const char* data, std::size_t size) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return ::write(fd, data, std::min<std::size_t>(size, 64 * 1024));
}

ListenRequest rust_listener(std::string event) {
    ListenRequest request;
    request.side = Side::Rust;
    request.event = std::move(event);
    request.name = "rust " + request.event;
    request.track_payload = false;
    return request;
}

// A live session with a Rust listener of "tick" (a listen record), then each emit makes an emit
// and a deliver record.
void prepare(Session& session) {
    REQUIRE(session.listen(rust_listener("tick")).ok);
    session.go_live();
}

void emit_ticks(Session& session, int count, std::atomic<int>* done = nullptr) {
    const Text payload = make_text(R"({"data":"tick 12345"})");
    for (int i = 0; i < count; ++i) {
        CHECK(session.bus().emit("tick", payload, Source::rust()).ok);
        if (done != nullptr) done->store(i + 1, std::memory_order_release);
    }
}

struct FileCheck {
    std::uint64_t lines = 0;    // records after the header
    std::uint64_t notes = 0;    // error records with op "trace"
    std::uint64_t dropped = 0;  // the sum of their "dropped" counts
    bool increasing = true;     // seq strictly increasing
};

// Loads the file as the inspector does, and reads the drop notes' counts from its lines.
FileCheck check_file(const fs::path& path) {
    FileCheck out;
    const TraceLoad load = load_trace(path.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(load.warnings().empty());
    out.lines = load->records.size();
    std::uint64_t last = 0;
    for (const Record& r : load->records) {
        if (r.seq <= last) out.increasing = false;
        last = r.seq;
    }
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        if (j.at("type") == "error" && j.at("op") == "trace") {
            ++out.notes;
            out.dropped += j.at("dropped").get<std::uint64_t>();
        }
    }
    return out;
}

struct Timed {
    double seconds = 0;
    std::uint64_t dropped = 0;
    std::uint64_t appended = 0;  // records the session made while the sink was attached
};

// The time of kEmits emits into a session recording to a file written through `write`.
Timed time_emits(const fs::path& path, TraceSinkOptions options) {
    Session session(config(Mode::Stable));
    auto opened = TraceFileSink::open(path.string(), {}, 0, std::move(options));
    REQUIRE_MESSAGE(opened.ok(), opened.error());
    const std::shared_ptr<TraceFileSink> sink = *opened;
    session.recorder().add_sink(sink);
    prepare(session);
    const auto start = Wall::now();
    emit_ticks(session, kEmits);
    const std::chrono::duration<double> took = Wall::now() - start;
    session.recorder().remove_sink(sink.get());
    const std::uint64_t appended = session.recorder().appended();
    sink->close();
    CHECK_FALSE(sink->failed());
    return {took.count(), sink->records_dropped(), appended};
}

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE(
    "trace backpressure: emits return while the writer is stuck and the file counts the drops") {
    const test::TempDir tmp;
    const fs::path file = tmp / "stuck.jsonl";
    Gate gate;
    TraceSinkOptions options;
    options.max_pending_bytes = kMaxPending;
    options.write = gate.writer();
    Session session(config(Mode::Stable));
    auto opened = TraceFileSink::open(file.string(), {}, 0, std::move(options));
    REQUIRE_MESSAGE(opened.ok(), opened.error());
    const std::shared_ptr<TraceFileSink> sink = *opened;
    const OpenOnExit release{gate};
    session.recorder().add_sink(sink);
    prepare(session);

    std::atomic<int> done{0};
    std::thread emitter([&] { emit_ticks(session, kEmits, &done); });
    const auto deadline = Wall::now() + kPatience;
    while (done.load(std::memory_order_acquire) < kEmits && Wall::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));

    // Still stuck: every emit returned anyway, and the sink says how far behind it is.
    CHECK(done.load() == kEmits);
    CHECK(gate.entered());
    CHECK(sink->records_written() == 0);
    CHECK(sink->bytes_behind() >= kMaxPending);
    CHECK(sink->records_behind() > 0);
    CHECK(sink->records_dropped() > 0);
    // The GUI thread takes the bus lock every frame: it is free.
    CHECK(session.bus().listeners().size() == 1);

    gate.open();
    emitter.join();
    session.recorder().remove_sink(sink.get());
    const std::uint64_t appended = session.recorder().appended();
    sink->close();
    CHECK_FALSE(sink->failed());
    CHECK(sink->bytes_behind() == 0);
    CHECK(sink->records_behind() == 0);
    CHECK(appended == 1 + 2u * kEmits);

    const FileCheck f = check_file(file);
    CHECK(f.lines == sink->records_written());
    CHECK(f.increasing);
    CHECK(f.notes >= 1);
    CHECK(f.dropped == sink->records_dropped());
    // Every record the session made is in the file or counted by a note.
    CHECK(f.lines - f.notes + f.dropped == appended);
}

TEST_CASE(
    "trace backpressure: stopping a recording on a stuck disk returns - the file ends whole") {
    const test::TempDir tmp;
    const fs::path file = tmp / "stop.jsonl";
    Gate gate;
    TraceSinkOptions options;
    options.write = gate.writer();
    Session session(config(Mode::Stable));
    auto opened = TraceFileSink::open(file.string(), {}, 0, std::move(options));
    REQUIRE_MESSAGE(opened.ok(), opened.error());
    const std::shared_ptr<TraceFileSink> sink = *opened;
    const OpenOnExit release{gate};
    session.recorder().add_sink(sink);
    prepare(session);
    emit_ticks(session, 1000);
    session.recorder().remove_sink(sink.get());
    const auto deadline = Wall::now() + kPatience;
    while (!gate.entered() && Wall::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(gate.entered());

    // The GUI's stop: the writer is stuck in write(), so this must come back, not wait.
    CHECK_FALSE(sink->close_within(std::chrono::milliseconds(20)));
    CHECK_FALSE(sink->finished());
    CHECK(sink->records_behind() == 1 + 2u * 1000);
    emit_ticks(session, 10);  // detached: nothing more goes in
    CHECK_FALSE(sink->close_within(std::chrono::milliseconds(0)));

    gate.open();  // the disk comes back: the writer finishes on its own
    while (!sink->finished() && Wall::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK(sink->finished());
    CHECK(sink->close_within(std::chrono::milliseconds(0)));
    CHECK(sink->close_within(std::chrono::milliseconds(0)));  // closing twice is harmless
    CHECK_FALSE(sink->failed());
    const FileCheck f = check_file(file);
    CHECK(f.lines == 1 + 2u * 1000);
    CHECK(f.lines == sink->records_written());
    CHECK(f.notes == 0);
}

TEST_CASE("trace backpressure: 100k emits keep their pace when the trace writer is slow") {
    const test::TempDir tmp;
    const fs::path fast_file = tmp / "fast.jsonl";
    const fs::path slow_file = tmp / "slow.jsonl";
    TraceSinkOptions fast;
    fast.max_pending_bytes = kMaxPending;
    TraceSinkOptions slow = fast;
    slow.write = trickle;

    const Timed unslowed = time_emits(fast_file, fast);
    const Timed slowed = time_emits(slow_file, slow);
    MESSAGE("100k emits recorded: " << unslowed.seconds * 1e3 << " ms to a plain file, "
                                    << slowed.seconds * 1e3 << " ms to a ~3 MB/s writer ("
                                    << slowed.dropped << " records dropped)");
    // Waiting for the slow writer would take ~13 s (40 MB at 3 MB/s).
    CHECK(slowed.seconds <= 3 * unslowed.seconds + 0.5);
    CHECK(slowed.dropped > 0);

    const FileCheck f = check_file(slow_file);
    CHECK(f.increasing);
    CHECK(f.notes >= 1);
    CHECK(f.dropped == slowed.dropped);
    CHECK(f.lines - f.notes + f.dropped == slowed.appended);
}

TEST_CASE("trace backpressure: WhenBehind::Wait (eventlab run) waits and keeps every record") {
    const test::TempDir tmp;
    const fs::path file = tmp / "wait.jsonl";
    TraceSinkOptions options;
    options.when_behind = WhenBehind::Wait;
    options.max_pending_bytes = 16 * 1024;
    options.write = [](int fd, const char* data, std::size_t size) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        return ::write(fd, data, std::min<std::size_t>(size, 4096));
    };
    Session session(config(Mode::Stable));
    auto opened = TraceFileSink::open(file.string(), {}, 0, std::move(options));
    REQUIRE_MESSAGE(opened.ok(), opened.error());
    const std::shared_ptr<TraceFileSink> sink = *opened;
    session.recorder().add_sink(sink);
    prepare(session);
    emit_ticks(session, 2'000);
    session.recorder().remove_sink(sink.get());
    sink->close();
    CHECK(sink->records_dropped() == 0);
    CHECK(sink->records_written() == 4'001);

    const FileCheck f = check_file(file);
    CHECK(f.lines == 4'001);
    CHECK(f.notes == 0);
    CHECK(f.increasing);
}

TEST_SUITE_END();
