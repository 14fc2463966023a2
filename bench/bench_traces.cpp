// Trace files: writing (flushed per record), loading, and exporting a million records.
#include <filesystem>

#include "bench.h"
#include "core/perfetto.h"
#include "core/trace.h"

namespace eventlab::bench {
namespace {

constexpr std::uint64_t kRecords = 1'000'000;

// A realistic mix: one emit then ten deliveries of it.
void write_trace(const std::string& path, Symbols& symbols) {
    std::string error;
    auto sink = TraceFileSink::open(path, TraceHeader{}, 0, error);
    if (!sink) {
        std::fprintf(stderr, "bench: %s\n", error.c_str());
        return;
    }
    const Text payload = make_text(R"({"data":"tick 12345"})");
    const Sym event = symbols.intern("tick");
    const Sym main = symbols.intern("main");
    for (std::uint64_t i = 0; i < kRecords; ++i) {
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
        sink->write(r, symbols);
    }
}

}  // namespace

void bench_traces(int trials) {
    const std::string path =
        (std::filesystem::temp_directory_path() / "eventlab-bench-trace.jsonl").string();
    const double write_rate = median_of(trials, [&] {
        Symbols symbols;
        const auto start = Clock::now();
        write_trace(path, symbols);
        return static_cast<double>(kRecords) / seconds_since(start);
    });
    const double load_rate = median_of(trials, [&] {
        const auto start = Clock::now();
        const TraceLoad load = load_trace(path);
        const double s = seconds_since(start);
        if (!load.data || load.data->records.size() != kRecords)
            std::fprintf(stderr, "bench: load failed\n");
        return static_cast<double>(kRecords) / s;
    });
    const TraceLoad load = load_trace(path);
    const double export_s = median_of(trials, [&] {
        const auto start = Clock::now();
        const std::string json = export_perfetto(*load.data);
        return seconds_since(start) + (json.empty() ? 1.0 : 0.0);
    });
    figure("trace.write.records_per_s", write_rate, "records/s");
    figure("trace.load.records_per_s", load_rate, "records/s");
    figure("trace.export_perfetto_1M_records", export_s, "s");
    figure("trace.file_bytes_per_record",
           static_cast<double>(std::filesystem::file_size(path)) / kRecords, "bytes");
    std::filesystem::remove(path);
}

}  // namespace eventlab::bench
