// A trace file is read in chunks: records that straddle two reads, lines longer than a read,
// CRLF line ends and a file cut off anywhere must load exactly as the whole text parses, with
// the same line numbers in what is said about them.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/trace/trace.h"
#include "test_files.h"
#include "trace_fixture.h"

using namespace eventlab;
using eventlab::test::rewrite;
namespace fs = std::filesystem;

namespace {

// Emits and deliveries whose payloads vary in length, so that the lines end at every offset of
// a read; `big` bytes of payload in the middle one.
std::string trace_text(std::size_t records, std::size_t big = 0) {
    Symbols symbols;
    std::string text = trace_header_line(TraceHeader{}) + "\n";
    for (std::size_t i = 0; i < records; ++i) {
        Record r;
        r.seq = i + 1;
        r.t_us = static_cast<std::int64_t>(i * 10);
        r.emit = static_cast<std::uint32_t>(i / 3 + 1);
        r.event = symbols.intern(i % 2 == 0 ? "tick" : "tock");
        if (i % 3 == 0) {
            r.type = RecordType::Emit;
            const std::size_t size = i == records / 2 ? big : i % 97;
            r.payload = make_text("\"" + std::string(size, 'x') + "\"");
        } else {
            r.type = RecordType::Deliver;
            r.listener = static_cast<std::uint32_t>(i % 7);
            r.in = symbols.intern("main");
            r.flags = flag::kJs;
        }
        append_record_json(text, r, symbols);
        text += '\n';
    }
    return text;
}

}  // namespace

TEST_CASE("core: a trace many reads long loads every record that straddles two of them") {
    const test::TempDir tmp;
    const std::string text = trace_text(40000);
    REQUIRE(text.size() > (std::size_t{5} << 20));
    const fs::path file = tmp.write("file.jsonl", text);
    const TraceLoad load = load_trace(file.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(load->records.size() == 40000);
    CHECK(load.warnings().empty());
    CHECK(rewrite(*load) == text);
}

TEST_CASE("core: a record line longer than a read loads whole") {
    const test::TempDir tmp;
    const std::string text = trace_text(3000, std::size_t{3} << 20);
    const fs::path file = tmp.write("file.jsonl", text);
    const TraceLoad load = load_trace(file.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    REQUIRE(load->records.size() == 3000);
    CHECK(load->records[1500].payload->size() == (std::size_t{3} << 20) + 2);
    CHECK(rewrite(*load) == text);
}

TEST_CASE("core: a trace with CRLF line ends loads the same records and line numbers") {
    const test::TempDir tmp;
    const std::string text = trace_text(30000);
    std::string crlf;
    for (const char c : text) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    const fs::path file = tmp.write("file.jsonl", crlf);
    const TraceLoad load = load_trace(file.string());
    REQUIRE_MESSAGE(load.ok(), load.error());
    CHECK(rewrite(*load) == text);

    // A bad record far into the file is named by its line.
    const std::size_t at = crlf.find("\"seq\":25000,");
    REQUIRE(at != std::string::npos);
    crlf.replace(at, 12, "\"seq\":\"x\",");
    const fs::path bad = tmp.write("bad.jsonl", crlf);
    const TraceLoad broken = load_trace(bad.string());
    CHECK(broken.error() ==
          bad.string() + ":25001: bad record: \"seq\" must be a non-negative integer");
}

TEST_CASE("core: a trace cut off anywhere loads every complete record and says one was dropped") {
    const test::TempDir tmp;
    const std::string text = trace_text(30000);
    // Cut inside a record line beyond the first reads (and just past a read's end).
    for (const std::size_t cut : {std::size_t{1} << 20, (std::size_t{3} << 20) + 77}) {
        CAPTURE(cut);
        const std::size_t line_start = text.rfind('\n', cut - 1) + 1;
        REQUIRE(line_start < cut);
        const std::size_t complete =
            static_cast<std::size_t>(std::count(text.begin(), text.begin() + cut, '\n')) - 1;
        const fs::path file = tmp.write("file.jsonl", text.substr(0, cut));
        const TraceLoad load = load_trace(file.string());
        REQUIRE_MESSAGE(load.ok(), load.error());
        CHECK(load->records.size() == complete);
        REQUIRE(load.warnings().size() == 1);
        CHECK(load.warnings()[0] ==
              file.string() + ":" + std::to_string(complete + 2) +
                  ": the last line is incomplete (recording was cut off); 1 line dropped");
        CHECK(rewrite(*load) == text.substr(0, line_start));
    }
}

TEST_CASE("core: a trace path that cannot be read says why") {
    const test::TempDir tmp;
    const fs::path dir = fs::temp_directory_path();
    CHECK(load_trace(dir.string()).error() == dir.string() + ": cannot read: Is a directory");
    const std::string missing = (dir / "eventlab-no-such-trace.jsonl").string();
    CHECK(load_trace(missing).error() == missing + ": cannot read: No such file or directory");
    const fs::path empty = tmp.write("empty.jsonl", "");
    CHECK(load_trace(empty.string()).error() ==
          empty.string() + ": empty file, not an EventLab trace");
}

TEST_CASE("core: loading a trace reports the bytes read so far and can be cancelled") {
    const test::TempDir tmp;
    const std::string text = trace_text(200000);
    const fs::path file = tmp.write("file.jsonl", text);
    std::vector<std::uint64_t> done;
    const TraceLoad load = load_trace(file.string(), [&](std::uint64_t bytes, std::uint64_t total) {
        CHECK(total == text.size());
        done.push_back(bytes);
        return true;
    });
    REQUIRE_MESSAGE(load.ok(), load.error());
    REQUIRE(done.size() >= 3);
    CHECK(std::is_sorted(done.begin(), done.end()));
    CHECK(done.back() <= text.size());
    CHECK(done.back() > text.size() / 2);

    const TraceLoad cancelled =
        load_trace(file.string(), [](std::uint64_t, std::uint64_t) { return false; });
    CHECK_FALSE(cancelled.ok());
    CHECK(cancelled.error() == file.string() + ": loading cancelled");
}
