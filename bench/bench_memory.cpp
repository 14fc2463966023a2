// Log memory: the ring buffer's cost per record beside payload bytes, and that pushing 10M
// records through a 1M ring leaves memory flat.
#include "bench.h"
#include "core/record/record_log.h"

namespace eventlab::bench {

void bench_log_memory() {
    constexpr std::size_t kCapacity = kDefaultLogCapacity;
    constexpr std::uint64_t kPushed = 10'000'000;
    const Text payload = make_text(R"({"data":"tick"})");  // shared: payload bytes not counted
    Symbols symbols;
    const std::size_t before = current_rss_bytes();
    RecordLog log(kCapacity);
    Record r;
    r.type = RecordType::Deliver;
    r.payload = payload;
    std::size_t at_full = 0;
    for (std::uint64_t i = 0; i < kPushed; ++i) {
        r.seq = i + 1;
        r.emit = static_cast<std::uint32_t>(i);
        log.write(r, symbols);
        if (i + 1 == kCapacity) at_full = current_rss_bytes();
    }
    const std::size_t after = current_rss_bytes();
    figure("log.sizeof_record", sizeof(Record), "bytes");
    figure("log.bytes_per_record_at_capacity",
           static_cast<double>(at_full - before) / static_cast<double>(kCapacity), "bytes");
    figure("log.rss_growth_from_1M_to_10M_records",
           (static_cast<double>(after) - static_cast<double>(at_full)) / 1e6, "MB");
    figure("log.dropped_after_10M", static_cast<double>(log.dropped()), "records");
}

}  // namespace eventlab::bench
