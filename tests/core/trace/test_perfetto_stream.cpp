// The Perfetto export streamed to a file: the same bytes as the export once made in memory, in
// pieces of bounded size, with progress, a cancel that leaves nothing behind, and a clear error
// when the file cannot be written.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/trace/perfetto.h"
#include "hang_guard.h"
#include "test_files.h"
#include "trace_fixture.h"

using namespace eventlab;
namespace fs = std::filesystem;

namespace {

// Windows opened and closed, JS and Rust senders and receivers, targets, a filter, commands:
// the branches of the export a session takes (representative() adds the rest).
const char* const kRepresentative = R"({
  "windows": ["main", "settings", "w:3"],
  "steps": [
    {"op": "listen", "in": "main", "event": "test-event", "name": "feed"},
    {"op": "listen", "in": "settings", "event": "test-event", "target": {"kind": "WebviewWindow", "label": "settings"}},
    {"op": "listen", "in": "w:3", "event": "test-event"},
    {"op": "listen", "in": "rust", "event": "test-event", "once": true},
    {"op": "listen", "in": "rust", "event": "test-event"},
    {"op": "emit", "event": "test-event", "payload": {"data": "hé \u0001 \"q\"", "n": [1, 2.5, null]}},
    {"op": "emit_to", "target": "main", "event": "test-event", "from": "settings"},
    {"op": "emit_filter", "accept": ["main", {"kind": "App"}], "event": "test-event"},
    {"op": "invoke", "in": "main", "command": "send_to_specific_window", "args": {"windowLabel": "settings", "data": "x"}},
    {"op": "invoke", "in": "main", "command": "nope"},
    {"op": "mount", "in": "main", "component": "Feed", "listen": [{"event": "test-event"}]},
    {"op": "emit", "event": "test-event", "from": "w:3"},
    {"op": "unmount", "in": "main", "component": "Feed"},
    {"op": "close_window", "label": "settings"},
    {"op": "emit", "event": "test-event", "payload": 3}
  ]
})";

// What a foreign or damaged trace may hold besides: labels and events that need escaping (or
// are not UTF-8), periodic and command senders, a delivery of an emit the trace never had, and
// time that goes back.
TraceData representative() {
    TraceData trace = test::trace_of(kRepresentative);
    Symbols& symbols = *trace.symbols;
    const Sym odd = symbols.intern("ütf \"q\"\\ \x01 \xff");
    Record window;
    window.type = RecordType::Window;
    window.in = symbols.intern("zz \xc3");
    Record emit;
    emit.type = RecordType::Emit;
    emit.emit = 900;
    emit.event = odd;
    emit.aux = odd;
    emit.set_high_kind(static_cast<std::uint8_t>(SourceKind::Js));
    emit.payload = make_text(R"({"a":[1,2.5,"\u0001"]})");
    Record periodic = emit;
    periodic.emit = 901;
    periodic.t_us = -1000000;  // earlier than the records before it: slots still go forward
    periodic.set_high_kind(static_cast<std::uint8_t>(SourceKind::Periodic));
    Record command = emit;
    command.emit = 902;
    command.set_high_kind(static_cast<std::uint8_t>(SourceKind::Invoke));
    Record deliver;
    deliver.type = RecordType::Deliver;
    deliver.emit = 900;
    deliver.listener = 7;
    deliver.in = odd;
    deliver.event = odd;
    deliver.flags = flag::kJs | flag::kStale;
    deliver.text = make_text("words \"quoted\"");
    Record orphan = deliver;
    orphan.emit = 12345;  // no such emit: a slice without a flow
    orphan.flags = 0;
    for (Record r : {window, emit, periodic, command, deliver, orphan}) {
        r.seq = trace.records.size() + 1;
        r.t_us += trace.records.empty() ? 0 : trace.records.back().t_us;
        trace.records.push_back(r);
    }
    return trace;
}

// The representative trace repeated until it is many pieces long, as from a long session.
TraceData long_trace(std::size_t copies) {
    TraceData base = representative();
    TraceData out;
    out.header = base.header;
    out.symbols = std::move(base.symbols);
    for (std::size_t i = 0; i < copies; ++i) {
        for (Record r : base.records) {
            r.t_us += static_cast<std::int64_t>(i) * 1000;
            r.emit += static_cast<std::uint32_t>(i * 100);
            out.records.push_back(r);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("core: the streamed Perfetto export is byte for byte the in-memory one it replaced") {
    // data/perfetto_representative.json: what the export built in one string (before it was
    // streamed) wrote for this trace.
    const TraceData trace = representative();
    REQUIRE(trace.records.size() > 20);
    CHECK(export_perfetto(trace) ==
          test::read_file(EVENTLAB_TEST_DATA_DIR "/perfetto_representative.json"));

    const TraceData big = long_trace(3000);
    std::string streamed;
    std::size_t pieces = 0;
    std::size_t largest = 0;
    const ExportEnd end = write_perfetto(big, [&](std::string_view piece) {
        streamed += piece;
        ++pieces;
        largest = std::max(largest, piece.size());
        return true;
    });
    CHECK(end == ExportEnd::Done);
    CHECK(streamed == export_perfetto(big));
    // Bounded pieces: what the export holds at once does not grow with the trace.
    CHECK(pieces > 5);
    CHECK(largest < (std::size_t{3} << 19));
}

// The export to a file writes on its own thread.
TEST_SUITE_BEGIN("threads");

TEST_CASE("core: a Perfetto export to a file reports progress up to every record") {
    const TraceData trace = long_trace(2000);
    const test::TempDir dir;
    const fs::path out = dir / "t.json";
    std::vector<std::uint64_t> done;
    const ExportResult result =
        export_perfetto_file(trace, out.string(), [&](std::uint64_t n, std::uint64_t total) {
            CHECK(total == trace.records.size());
            done.push_back(n);
            return true;
        });
    REQUIRE(result.end == ExportEnd::Done);
    CHECK(result.error.empty());
    REQUIRE(done.size() > 2);
    CHECK(std::is_sorted(done.begin(), done.end()));
    CHECK(done.back() == trace.records.size());
    CHECK(test::read_file(out) == export_perfetto(trace));
    CHECK_FALSE(fs::exists(out.string() + ".partial"));

    // Again over the file just written (the writer then starts the write-out as it goes).
    const TraceData other = long_trace(1500);
    REQUIRE(export_perfetto_file(other, out.string()).end == ExportEnd::Done);
    CHECK(test::read_file(out) == export_perfetto(other));
    CHECK_FALSE(fs::exists(out.string() + ".partial"));
}

TEST_CASE("core: a cancelled Perfetto export leaves the file it would replace as it was") {
    const TraceData trace = long_trace(2000);
    const test::TempDir dir;
    const fs::path out = dir / "keep.json";
    std::ofstream(out) << "precious";
    const ExportResult result = export_perfetto_file(
        trace, out.string(), [](std::uint64_t n, std::uint64_t) { return n < 20000; });
    CHECK(result.end == ExportEnd::Cancelled);
    CHECK(test::read_file(out) == "precious");
    CHECK_FALSE(fs::exists(out.string() + ".partial"));

    // Cancelled once the writer thread has written part of the file.
    std::atomic<int> writes{0};
    ExportFileOptions options;
    options.write = [&writes](int fd, const char* data, std::size_t size) {
        ++writes;
        return ::write(fd, data, size);
    };
    const auto cancel_once_written = [&writes](std::uint64_t, std::uint64_t) {
        const auto deadline = std::chrono::steady_clock::now() + test::kHangGuard;
        while (writes == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        return false;
    };
    const ExportResult late =
        export_perfetto_file(trace, out.string(), cancel_once_written, options);
    CHECK(late.end == ExportEnd::Cancelled);
    CHECK(writes > 0);
    CHECK(test::read_file(out) == "precious");
    CHECK_FALSE(fs::exists(out.string() + ".partial"));
}

TEST_CASE("core: a Perfetto export that cannot be written says where and why") {
    const TraceData trace = representative();
    const test::TempDir dir;
    const std::string out = (dir / "missing" / "t.json").string();
    const ExportResult result = export_perfetto_file(trace, out);
    CHECK(result.end == ExportEnd::Failed);
    CHECK(result.error == "cannot write " + out + ": No such file or directory");
}

TEST_CASE(
    "core: a Perfetto export whose disk fills up fails - says why - and leaves the old file") {
    const TraceData trace = long_trace(3000);
    const test::TempDir dir;
    const fs::path out = dir / "keep.json";
    std::ofstream(out) << "precious";
    // The disk fills at the second piece (the formatter is further on by then) or, once the
    // formatter is done, at the last.
    for (const bool at_end : {false, true}) {
        int writes = 0;
        ExportFileOptions options;
        options.write = [&](int fd, const char* data, std::size_t size) -> ssize_t {
            const bool last =
                std::string_view(data, size).find("displayTimeUnit") != std::string_view::npos;
            if (at_end ? last : ++writes == 2) {
                errno = ENOSPC;
                return -1;
            }
            return ::write(fd, data, size);
        };
        const ExportResult result = export_perfetto_file(trace, out.string(), {}, options);
        CHECK(result.end == ExportEnd::Failed);
        CHECK(result.error == "cannot write " + out.string() + ": No space left on device");
        CHECK(test::read_file(out) == "precious");
        CHECK_FALSE(fs::exists(out.string() + ".partial"));
    }
}

TEST_SUITE_END();

TEST_CASE("core: a Perfetto sink that stops taking pieces ends the export as failed") {
    // A sink that stops taking pieces (a full disk) ends the export as failed.
    const TraceData big = long_trace(3000);
    int pieces = 0;
    CHECK(write_perfetto(big, [&](std::string_view) { return ++pieces < 2; }) == ExportEnd::Failed);
    CHECK(pieces == 2);
}
