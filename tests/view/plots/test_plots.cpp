// The Plots panel's headless models: events per second per event over the last minute, a value
// per window over time (JS queue depth), emit-to-delivery latency per window, and the trace's
// emits as markers a click can pick.
#include <doctest/doctest.h>

#include <numeric>
#include <string>
#include <vector>

#include "core/record/record.h"
#include "core/util/symbols.h"
#include "view/plots/emit_markers.h"
#include "view/plots/event_rates.h"
#include "view/plots/latency.h"
#include "view/plots/series_history.h"

namespace eventlab {
namespace {

constexpr std::int64_t kSecond = 1'000'000;

double sum(const std::array<double, EventRates::kSeconds>& a) {
    return std::accumulate(a.begin(), a.end(), 0.0);
}

TEST_CASE("plots: events per second per event name over the last minute - busiest first") {
    Symbols symbols;
    const Sym tick = symbols.intern("tick");
    const Sym click = symbols.intern("click");
    EventRates rates;
    for (int i = 0; i < 100; ++i)  // 10 a second for 10 s: 10/s
        rates.add_emit(tick, 50 * kSecond + i * kSecond / 10);
    rates.add_emit(click, 59 * kSecond + 5);
    const auto series = rates.series(59 * kSecond + 500'000, 5);
    REQUIRE(series.size() == 2);
    CHECK(series[0].event == tick);
    CHECK(series[0].total == 100);
    CHECK(series[0].per_second[59] == 10);  // the second of `now`
    CHECK(series[0].per_second[50] == 10);  // 50 s, nine seconds before
    CHECK(series[0].per_second[49] == 0);   // nothing before 50 s
    CHECK(series[1].event == click);
    CHECK(series[1].per_second[59] == 1);
    CHECK(rates.series(59 * kSecond, 1).size() == 1);  // at most max_series
}

TEST_CASE("plots: a minute later the old emits have left the plot") {
    Symbols symbols;
    const Sym tick = symbols.intern("tick");
    EventRates rates;
    rates.add_emit(tick, 0);
    rates.add_emit(tick, 30 * kSecond);
    auto series = rates.series(59 * kSecond, 5);
    REQUIRE(series.size() == 1);
    CHECK(sum(series[0].per_second) == 2);
    series = rates.series(60 * kSecond, 5);  // the emit at 0 s is a minute old
    REQUIRE(series.size() == 1);
    CHECK(sum(series[0].per_second) == 1);
    rates.add_emit(tick, 90 * kSecond);  // the ring comes round to the slot of 30 s
    const auto later = rates.series(95 * kSecond, 5);
    REQUIRE(later.size() == 1);
    CHECK(later[0].total == 1);           // 30 s's emit is not counted again
    CHECK(later[0].per_second[54] == 1);  // 90 s, the 55th second of 36..95
    rates.add_emit(tick, 10 * kSecond);   // older than the minute before the newest: dropped
    CHECK(rates.series(95 * kSecond, 5).at(0).total == 1);
}

TEST_CASE("plots: queue depth per window over time - a window that falls behind stands out") {
    SeriesHistory history(10.0, 0.1);
    CHECK(history.due(0.0));
    for (int i = 0; i <= 50; ++i) {
        const double t = i * 0.125;  // exact in binary: no sample lands a hair early
        REQUIRE(history.due(t));
        history.sample(t, {{"main", 0.0}, {"slow", static_cast<double>(i * 4)}});
        CHECK_FALSE(history.due(t + 0.05));
    }
    const auto top = history.highest(1);
    REQUIRE(top.size() == 1);
    CHECK(top[0]->label == "slow");
    CHECK(top[0]->peak == 200);
    CHECK(top[0]->t.size() == 51);
    // A window closed (no more samples) is gone once its samples are older than the span.
    for (int i = 51; i <= 160; ++i)
        history.sample(i * 0.125, {{"main", 1.0}});
    CHECK(history.size() == 1);
    CHECK(history.highest(5).at(0)->label == "main");
    CHECK(history.highest(5).at(0)->t.front() >= 20.0 - 10.0);
}

TEST_CASE("plots: emit-to-delivery latency per window in doubling bins") {
    Symbols symbols;
    const Sym page = symbols.intern("page");
    const Sym other = symbols.intern("other");
    LatencyHistograms h;
    h.add_emit(7, 1000);
    h.add_delivery(page, 7, 1000 + 15);         // 15 µs
    h.add_delivery(page, 7, 1000 + 450);        // 450 µs
    h.add_delivery(page, 7, 1000 + 3'000'000);  // 3 s: the last bin
    h.add_delivery(page, 8, 5000);              // an emit it never saw: not timed
    const auto* hist = h.of(page);
    REQUIRE(hist != nullptr);
    CHECK(hist->total == 3);
    CHECK(hist->counts[static_cast<std::size_t>(LatencyHistograms::bin_of(15))] == 1);
    CHECK(LatencyHistograms::bin_floor_us(LatencyHistograms::bin_of(15)) <= 15);
    CHECK(LatencyHistograms::bin_floor_us(LatencyHistograms::bin_of(15) + 1) > 15);
    CHECK(LatencyHistograms::bin_of(450) > LatencyHistograms::bin_of(15));
    CHECK(hist->counts[LatencyHistograms::kBins - 1] == 1);
    CHECK(h.of(other) == nullptr);
}

TEST_CASE("plots: the trace's emits as markers - one row per event - a click picks the nearest") {
    Symbols symbols;
    std::vector<Record> records(6);
    const char* names[] = {"a", "b", "a", "c", "b", "a"};
    std::vector<std::size_t> emits;
    for (std::size_t i = 0; i < records.size(); ++i) {
        records[i].type = RecordType::Emit;
        records[i].t_us = 1'000'000 + static_cast<std::int64_t>(i) * 500'000;
        records[i].event = symbols.intern(names[i]);
        emits.push_back(i);
    }
    const EmitMarkers m = emit_markers(records, emits, symbols);
    CHECK(m.rows == std::vector<std::string>{"a", "b", "c"});
    CHECK(m.x.front() == 0.0);
    CHECK(m.x.back() == doctest::Approx(2.5));
    CHECK(m.y == std::vector<double>{0, 1, 0, 2, 1, 0});
    // Near the fourth emit (c at 1.5 s, row 2).
    CHECK(nearest_marker(m, 1.45, 1.9, 0.2, 0.5) == std::optional<std::size_t>(3));
    // Right time, wrong row: nothing.
    CHECK_FALSE(nearest_marker(m, 1.5, 0.0, 0.1, 0.4).has_value());
    CHECK_FALSE(nearest_marker(m, 10.0, 0.0, 0.2, 0.5).has_value());
}

}  // namespace
}  // namespace eventlab
