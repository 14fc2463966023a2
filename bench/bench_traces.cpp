// Trace files: writing (flushed per record), loading, and exporting a million records, each
// beside what a straightforward tool does with the same file in the same run (nlohmann to
// write, getline and simdjson's DOM into a row of fields per record to load, nlohmann per
// event to export), and the memory an export takes beside the export built in one string.
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench.h"
#include "core/trace/perfetto.h"
#include "core/trace/trace.h"

namespace eventlab::bench {
namespace {

using json = nlohmann::json;

constexpr std::uint64_t kRecords = 1'000'000;

// A realistic mix: one emit then ten deliveries of it.
Record record_at(std::uint64_t i, Sym event, Sym main, const Text& payload) {
    Record r;
    r.seq = i + 1;
    r.t_us = static_cast<std::int64_t>(i / 11 * 1000);
    r.emit = static_cast<std::uint32_t>(i / 11 + 1);
    r.event = event;
    r.payload = payload;
    if (i % 11 == 0) {
        r.type = RecordType::Emit;
    } else {
        r.type = RecordType::Deliver;
        r.listener = static_cast<std::uint32_t>(i % 11);
        r.in = main;
        r.flags = flag::kJs;
    }
    return r;
}

void write_trace(const std::string& path, Symbols& symbols) {
    auto opened = TraceFileSink::open(path, TraceHeader{}, 0);
    if (!opened) {
        std::fprintf(stderr, "bench: %s\n", opened.error().c_str());
        return;
    }
    const std::shared_ptr<TraceFileSink> sink = *opened;
    const Text payload = make_text(R"({"data":"tick 12345"})");
    const Sym event = symbols.intern("tick");
    const Sym main = symbols.intern("main");
    for (std::uint64_t i = 0; i < kRecords; ++i)
        sink->write(record_at(i, event, main, payload), symbols);
    sink->close();
}

// The same lines as an nlohmann::json object each, dumped to a stream.
json record_json(const Record& r, const Symbols& symbols) {
    json line = {{"seq", r.seq},
                 {"t_us", r.t_us},
                 {"type", to_string(r.type)},
                 {"emit", r.emit},
                 {"event", symbols.view(r.event)}};
    if (r.type == RecordType::Emit) {
        line["payload"] = json::parse(*r.payload);
    } else {
        line["listener"] = r.listener;
        line["in"] = symbols.view(r.in);
        line["match"] = "listener target Any: a global listener gets every emit, targeted or not";
    }
    return line;
}

double write_with_nlohmann(const std::string& path) {
    Symbols symbols;
    const auto start = Clock::now();
    std::ofstream out(path, std::ios::binary);
    const Text payload = make_text(R"({"data":"tick 12345"})");
    const Sym event = symbols.intern("tick");
    const Sym main = symbols.intern("main");
    for (std::uint64_t i = 0; i < kRecords; ++i)
        out << record_json(record_at(i, event, main, payload), symbols).dump() << '\n';
    out.close();
    return static_cast<double>(kRecords) / seconds_since(start);
}

// What a straightforward loader keeps of a record: its fields, strings as strings.
struct PeerRow {
    std::uint64_t seq = 0;
    std::int64_t t_us = 0;
    std::uint64_t emit = 0;
    std::uint64_t listener = 0;
    bool flag = false;  // deliver: stale; emit: deferred
    std::string type;
    std::string event;
    std::string place;  // deliver: in; emit: from
    std::string text;   // deliver: match; emit: payload (minified)
};

PeerRow peer_row(simdjson::dom::object o) {
    PeerRow row;
    row.seq = o["seq"].get_uint64().value_unsafe();
    row.t_us = o["t_us"].get_int64().value_unsafe();
    row.type = std::string(o["type"].get_string().value_unsafe());
    row.event = std::string(o["event"].get_string().value_unsafe());
    row.emit = o["emit"].get_uint64().value_unsafe();
    if (row.type == "deliver") {
        row.listener = o["listener"].get_uint64().value_unsafe();
        row.place = std::string(o["in"].get_string().value_unsafe());
        row.text = std::string(o["match"].get_string().value_unsafe());
        row.flag = o["stale"].get_bool().value_unsafe();
    } else {
        row.place = std::string(o["from"].get_string().value_unsafe());
        row.text = simdjson::minify(o["payload"]);
        row.flag = o["deferred"].get_bool().value_unsafe();
    }
    return row;
}

// A line at a time with getline, each parsed by simdjson's DOM into the fields of its record.
double load_with_simdjson_dom(const std::string& path) {
    const auto start = Clock::now();
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);  // the header
    simdjson::dom::parser parser;
    std::vector<PeerRow> rows;
    while (std::getline(in, line)) {
        simdjson::dom::object o;
        if (parser.parse(line).get_object().get(o)) break;
        rows.push_back(peer_row(o));
    }
    const double s = seconds_since(start);
    if (rows.size() != kRecords) std::fprintf(stderr, "bench: peer load failed\n");
    return static_cast<double>(rows.size()) / s;
}

// The floor under any loader: the file read and split into lines, nothing parsed.
double read_lines_only(const std::string& path) {
    const auto start = Clock::now();
    std::FILE* file = std::fopen(path.c_str(), "rb");
    std::vector<char> buffer(std::size_t{1} << 20);
    std::uint64_t lines = 0;
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
        lines += static_cast<std::uint64_t>(std::count(buffer.data(), buffer.data() + n, '\n'));
    std::fclose(file);
    return static_cast<double>(lines - 1) / seconds_since(start);
}

// Each trace event as an nlohmann::json object dumped to a stream: a slice per record, a flow
// per delivery, no window tracks (less than the export writes).
void dump_with_nlohmann(const TraceData& trace, std::ostream& out) {
    out << "{\"traceEvents\":[\n";
    double ts = -1;
    std::uint64_t flow = 0;
    for (const Record& r : trace.records) {
        ts = std::max(static_cast<double>(r.t_us), ts + 0.001);
        json slice = {{"ph", "X"},
                      {"cat", "eventlab"},
                      {"name", std::string(trace.symbols->view(r.event))},
                      {"pid", 1},
                      {"tid", 1},
                      {"ts", ts},
                      {"dur", 0.0005},
                      {"args", {{"emit", r.emit}, {"listener", r.listener}}}};
        out << slice.dump() << ",\n";
        if (r.type == RecordType::Deliver) {
            json f = {{"ph", "f"}, {"id", ++flow}, {"pid", 1}, {"tid", 1}, {"ts", ts}};
            out << f.dump() << ",\n";
        }
    }
    out << "{}],\"displayTimeUnit\":\"ns\"}\n";
}

double export_with_nlohmann(const TraceData& trace, const std::string& path) {
    const auto start = Clock::now();
    std::ofstream out(path, std::ios::binary);
    dump_with_nlohmann(trace, out);
    out.close();
    return seconds_since(start);
}

// Both without the disk, whose write-back of ~400 MB a trial swings the times above on a busy
// machine: the export's pieces go nowhere, the peer's stream has no buffer (dump() still runs).
double export_without_disk(const TraceData& trace) {
    const auto start = Clock::now();
    write_perfetto(trace, [](std::string_view) { return true; });
    return seconds_since(start);
}

double nlohmann_without_disk(const TraceData& trace) {
    const auto start = Clock::now();
    std::ostream nowhere(nullptr);
    dump_with_nlohmann(trace, nowhere);
    return seconds_since(start);
}

double export_streamed(const TraceData& trace, const std::string& path) {
    const auto start = Clock::now();
    const ExportResult result = export_perfetto_file(trace, path);
    if (result.end != ExportEnd::Done) std::fprintf(stderr, "bench: %s\n", result.error.c_str());
    return seconds_since(start);
}

// Growth of the resident set at its peak while `run` runs, in MiB: the kernel's high-water
// mark is reset first (clear_refs 5), so earlier work does not count.
double peak_growth_mib(const std::function<void()>& run) {
    std::ofstream("/proc/self/clear_refs") << "5";
    const std::size_t before = current_rss_bytes();
    run();
    const std::size_t peak = peak_rss_bytes();
    return static_cast<double>(peak > before ? peak - before : 0) / (1024.0 * 1024.0);
}

}  // namespace

void bench_traces(int trials) {
    const auto temp = std::filesystem::temp_directory_path();
    const std::string path = (temp / "eventlab-bench-trace.jsonl").string();
    const std::string peer_path = (temp / "eventlab-bench-trace-peer.jsonl").string();
    const std::string out_path = (temp / "eventlab-bench-trace.json").string();
    const Pair write = paired_medians(
        trials,
        [&] {
            Symbols symbols;
            const auto start = Clock::now();
            write_trace(path, symbols);
            return static_cast<double>(kRecords) / seconds_since(start);
        },
        [&] { return write_with_nlohmann(peer_path); });
    compared("trace.write.records_per_s", write.a, "records/s", "nlohmann dump per line", write.b);
    const double peer_bytes = static_cast<double>(std::filesystem::file_size(peer_path)) / kRecords;
    std::filesystem::remove(peer_path);

    const Pair load = paired_medians(
        trials,
        [&] {
            const auto start = Clock::now();
            const TraceLoad loaded = load_trace(path);
            const double s = seconds_since(start);
            if (!loaded.ok() || loaded->records.size() != kRecords)
                std::fprintf(stderr, "bench: load failed\n");
            return static_cast<double>(kRecords) / s;
        },
        [&] { return load_with_simdjson_dom(path); });
    compared("trace.load.records_per_s", load.a, "records/s", "getline + simdjson DOM into rows",
             load.b);
    const double floor = median_of(trials, [&] { return read_lines_only(path); });
    compared("trace.load.records_per_s_vs_read_floor", load.a, "records/s",
             "read and split lines only", floor);

    const TraceLoad loaded = load_trace(path);
    const TraceData& trace = *loaded;
    const Pair exported = paired_medians(
        trials, [&] { return export_streamed(trace, out_path); },
        [&] { return export_with_nlohmann(trace, out_path); });
    compared("trace.export_perfetto_1M_records", exported.a, "s", "nlohmann dump per event",
             exported.b);
    const Pair formatted = paired_medians(
        trials, [&] { return export_without_disk(trace); },
        [&] { return nlohmann_without_disk(trace); });
    compared("trace.export_perfetto_1M_records.without_disk", formatted.a, "s",
             "nlohmann dump per event, without disk", formatted.b);
    const double streamed_mib = peak_growth_mib([&] { export_perfetto_file(trace, out_path); });
    const double in_memory_mib = peak_growth_mib([&] {
        const std::string text = export_perfetto(trace);
        if (text.empty()) std::fprintf(stderr, "bench: empty export\n");
    });
    compared("trace.export_perfetto_1M_records.peak_rss_growth", streamed_mib, "MiB",
             "the export built in one string", in_memory_mib);
    compared("trace.file_bytes_per_record",
             static_cast<double>(std::filesystem::file_size(path)) / kRecords, "bytes",
             "nlohmann dump per line", peer_bytes);
    std::filesystem::remove(path);
    std::filesystem::remove(out_path);
}

}  // namespace eventlab::bench
