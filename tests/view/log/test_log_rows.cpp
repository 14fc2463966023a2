// The event log's rows without ImGui: the cells of each record type, the filter predicate (and that
// its caches give the same answers as a field-by-field reference), the index over a ring that
// drops records, "lost" emits, and the detail pane's handling of a huge payload.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/record/record_log.h"
#include "view/log/emit_tracker.h"
#include "view/log/log_rows.h"
#include "view/log/row_matcher.h"
#include "view/log/text_filter.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

struct Records {
    Symbols symbols;

    Record emit(std::uint32_t id, std::string_view event, std::string payload = "null") {
        Record r;
        r.type = RecordType::Emit;
        r.emit = id;
        r.event = symbols.intern(event);
        r.payload = make_text(std::move(payload));
        return r;
    }
    Record emit_to(std::uint32_t id, std::string_view event, const EventTarget& target) {
        Record r = emit(id, event);
        r.code = static_cast<std::uint8_t>(EmitApi::EmitTo);
        r.flags |= flag::kHasTarget;
        r.set_target_kind(target.kind);
        r.target_label = symbols.intern(target.label);
        return r;
    }
    // A JS delivery in `webview` (empty: a Rust one) to a listener with target `target`.
    Record deliver(const Record& emit, std::uint32_t listener, std::string_view webview,
                   EventTarget target, MatchReason reason, std::string_view name = {}) {
        Record r;
        r.type = RecordType::Deliver;
        r.emit = emit.emit;
        r.event = emit.event;
        r.payload = emit.payload;
        r.listener = listener;
        r.code = static_cast<std::uint8_t>(reason);
        r.set_target_kind(target.kind);
        r.set_high_kind(static_cast<std::uint8_t>(emit.target_kind()));  // the call's kind
        r.target_label = symbols.intern(target.label);
        if (!webview.empty()) {
            r.flags |= flag::kJs;
            r.in = symbols.intern(webview);
        }
        if (!name.empty()) r.aux = symbols.intern(name);
        return r;
    }
    Record skip(const Record& emit, std::uint32_t listener, std::string_view webview) {
        Record r;
        r.type = RecordType::Skip;
        r.emit = emit.emit;
        r.event = emit.event;
        r.listener = listener;
        r.flags |= flag::kJs;
        r.in = symbols.intern(webview);
        return r;
    }
    // One record for several listeners (as the bus writes an emit's skips in one webview).
    Record skip(const Record& emit, const std::vector<std::uint32_t>& listeners,
                std::string_view webview) {
        Record r = skip(emit, listeners.front(), webview);
        r.payload = skip_listener_list(listeners);
        return r;
    }
    Record listen(std::uint32_t id, std::string_view event, std::string_view webview,
                  EventTarget target, std::string_view name = {}) {
        Record r;
        r.type = RecordType::Listen;
        r.listener = id;
        r.event = symbols.intern(event);
        if (!webview.empty()) {
            r.flags |= flag::kJs;
            r.in = symbols.intern(webview);
        }
        r.set_target_kind(target.kind);
        r.target_label = symbols.intern(target.label);
        if (!name.empty()) r.aux = symbols.intern(name);
        return r;
    }
    Record error(std::string message, std::string_view op, bool panic = false) {
        Record r;
        r.type = RecordType::Error;
        r.text = make_text(std::move(message));
        r.aux = symbols.intern(op);
        if (panic) r.flags |= flag::kPanic;
        return r;
    }
};

// Writes records into a log, numbering them as the recorder would.
void write_all(RecordLog& log, const Symbols& symbols, std::vector<Record> records,
               std::int64_t t_us = 0) {
    for (Record& r : records) {
        r.seq = log.end() + 1;
        r.t_us = t_us;
        log.write(r, symbols);
    }
}

}  // namespace

// Threads run or hand work to each other in this file: the suite `threads` is the CTest label
// the ThreadSanitizer stage runs.
TEST_SUITE_BEGIN("threads");

TEST_CASE("log rows: the cells of each record type say what happened") {
    Records rec;
    Record e = rec.emit_to(12, "test-event", EventTarget::any_label("main"));
    e.t_us = 12'345'678;
    e.payload = make_text(R"({"data":"hi"})");
    LogRow row = describe_row(e, rec.symbols);
    CHECK(row.time == "12.345 s");
    CHECK(row.type == "emit");
    CHECK(row.emit == "#12");
    CHECK(row.event == "test-event");
    CHECK(row.route == "rust \u2192 AnyLabel{main}");
    CHECK(row.payload == R"({"data":"hi"})");
    CHECK(row.reason == "emit_to");

    RowStyle ascii;
    ascii.arrow = " -> ";
    CHECK(describe_row(e, rec.symbols, ascii).route == "rust -> AnyLabel{main}");

    const Record d = rec.deliver(e, 3, "settings", EventTarget::any(), MatchReason::AnyListener,
                                 "settings global");
    row = describe_row(d, rec.symbols, ascii);
    CHECK(row.type == "deliver");
    CHECK(row.emit == "#12");
    CHECK(row.route == "-> js:settings");
    CHECK(row.listener == "settings global");
    CHECK(row.reason == "listener target Any: a global listener gets every emit, targeted or not");

    const Record rust =
        rec.deliver(rec.emit(13, "x"), 4, {}, EventTarget::app(), MatchReason::NoFilter);
    CHECK(describe_row(rust, rec.symbols, ascii).route == "-> rust");
    // Without a name the listener column shows the call that registered it.
    CHECK(describe_row(rust, rec.symbols).listener == "app.listen(\"x\")");
    const Record unnamed = rec.deliver(e, 6, "main", EventTarget::any(), MatchReason::AnyListener);
    CHECK(describe_row(unnamed, rec.symbols).listener ==
          "listen('" + std::string(rec.symbols.view(e.event)) + "')");

    row = describe_row(rec.skip(e, 5, "main"), rec.symbols);
    CHECK(row.type == "skip");
    CHECK(row.reason.find("unlistened after the emit was queued") == 0);

    row = describe_row(rec.listen(7, "test-event", "main", EventTarget::any_label("main"), "feed"),
                       rec.symbols);
    CHECK(row.route == "js:main");
    CHECK(row.listener == "feed");
    CHECK(row.reason == "target AnyLabel{main}");

    row = describe_row(rec.error("boom", "emit", true), rec.symbols);
    CHECK(row.event == "emit");
    CHECK(row.reason == "panic: boom");
    CHECK(row.warn);

    Record w;
    w.type = RecordType::Window;
    w.code = static_cast<std::uint8_t>(WindowAction::Destroyed);
    w.in = rec.symbols.intern("settings");
    row = describe_row(w, rec.symbols);
    CHECK(row.route == "settings");
    CHECK(row.reason == "destroyed");

    Record filtered = rec.emit(14, "x");
    filtered.code = static_cast<std::uint8_t>(EmitApi::EmitFilter);
    filtered.text = make_text(R"([{"kind":"App"},{"kind":"Window","label":"main"}])");
    CHECK(describe_row(filtered, rec.symbols, ascii).route == "rust -> filter[App, Window{main}]");

    Record expect;
    expect.type = RecordType::Expect;
    expect.text = make_text("calls feed: expected 1, got 0");
    row = describe_row(expect, rec.symbols);
    CHECK(row.reason == "FAILED: calls feed: expected 1, got 0");
    CHECK(row.warn);

    // A long or multi-line payload previews as one cut line.
    Record long_payload = rec.emit(15, "x", std::string(500, 'a') + "\n" + "b");
    CHECK(describe_row(long_payload, rec.symbols).payload == std::string(96, 'a') + "\u2026");
}

TEST_CASE("log rows: a deferred unlisten says why it waits - a Rust handler or 2.0's later eval") {
    Records rec;
    Record unlisten;
    unlisten.type = RecordType::Unlisten;
    unlisten.code = static_cast<std::uint8_t>(UnlistenReason::Unlisten);
    unlisten.listener = 4;
    unlisten.event = rec.symbols.intern("tick");
    unlisten.flags = flag::kDeferred;
    // A Rust unlisten queued behind a running dispatch.
    CHECK(describe_row(unlisten, rec.symbols).reason.find("a Rust handler was running") !=
          std::string::npos);
    // A JS unlisten in 2.0 waits for the page's next eval, with no Rust handler involved.
    unlisten.flags |= flag::kJs;
    unlisten.in = rec.symbols.intern("main");
    const std::string reason = describe_row(unlisten, rec.symbols).reason;
    CHECK(reason.find("next eval") != std::string::npos);
    CHECK(reason.find("Rust handler") == std::string::npos);
}

TEST_CASE("log rows: include terms keep rows containing any of them and exclude terms drop rows") {
    Records rec;
    const Record a = rec.emit(1, "test-event", R"({"data":"hello"})");
    const Record b = rec.emit(2, "other", R"({"data":"bye"})");
    const Record d = rec.deliver(a, 3, "main", EventTarget::any(), MatchReason::AnyListener);
    const Symbols& s = rec.symbols;

    CHECK(row_matches(a, s, TextFilter("")));
    CHECK(row_matches(a, s, TextFilter("TEST-EVENT")));  // case-insensitive
    CHECK_FALSE(row_matches(b, s, TextFilter("test-event")));
    CHECK(row_matches(b, s, TextFilter("test-event, other")));  // any include term
    CHECK(row_matches(a, s, TextFilter("hello")));              // the payload is searched
    CHECK(row_matches(d, s, TextFilter("hello")));              // deliveries share it
    CHECK_FALSE(row_matches(a, s, TextFilter("-hello")));
    CHECK(row_matches(b, s, TextFilter("-hello")));
    CHECK_FALSE(row_matches(d, s, TextFilter("test-event, -deliver")));
    CHECK(row_matches(d, s, TextFilter("global listener")));  // the match words
    CHECK(row_matches(d, s, TextFilter("js:main")));
    CHECK(row_matches(d, s, TextFilter("#1")));
    CHECK(row_matches(d, s, TextFilter("id 3")));
    CHECK_FALSE(row_matches(d, s, TextFilter("#2")));
    // The delivery key of the route matrix: one event in one receiver, exactly.
    CHECK(row_matches(d, s, TextFilter(delivery_key("test-event", "js:main"))));
    CHECK_FALSE(row_matches(d, s, TextFilter(delivery_key("event", "js:main"))));
    CHECK_FALSE(row_matches(d, s, TextFilter(delivery_key("test-event", "rust"))));
    CHECK_FALSE(row_matches(a, s, TextFilter(delivery_key("test-event", "js:main"))));
}

TEST_CASE("log rows: a record a tapped real app reported says it was observed") {
    Records rec;
    Record e = rec.emit(3, "notify", "1");
    CHECK(describe_row(e, rec.symbols).reason == "emit");
    e.observed = true;
    CHECK(describe_row(e, rec.symbols).reason == "observed; emit");
    Record d = rec.deliver(e, 0, "main", EventTarget::any(), MatchReason::AnyListener);
    d.observed = true;
    d.text = make_text("observed, as the 2.12 model predicts: listener target Any");
    CHECK(describe_row(d, rec.symbols).reason == *d.text);
}

TEST_CASE("log rows: type toggles hide whole record types") {
    Records rec;
    const Record a = rec.emit(1, "test-event");
    const Record d = rec.deliver(a, 3, "main", EventTarget::any(), MatchReason::AnyListener);
    RowMatcher only_emits(TextFilter(), type_bit(RecordType::Emit), rec.symbols);
    CHECK(only_emits.matches(a));
    CHECK_FALSE(only_emits.matches(d));
    CHECK(RowMatcher(TextFilter(), kAllTypes, rec.symbols).keeps_everything());
    CHECK_FALSE(make_row_predicate(TextFilter(), kAllTypes, rec.symbols));  // no call per record
}

TEST_CASE("log rows: a skip record of several listeners lists them - matches each - counts all") {
    Records rec;
    RecordLog log(1000);
    const Record e = rec.emit(1, "test-event");
    const std::vector<std::uint32_t> ids = {4, 8, 15, 16, 23, 42};
    const Record skip = rec.skip(e, ids, "main");
    const LogRow row = describe_row(skip, rec.symbols);
    CHECK(row.type == "skip");
    CHECK(row.listener == "listen('test-event'), 6 listeners: ids 4, 8, 15, 16, 23, \u2026");
    CHECK(row.payload.empty());  // the list is not a payload
    for (const std::uint32_t id : ids)
        CHECK(row_matches(skip, rec.symbols, TextFilter("id " + std::to_string(id))));
    CHECK_FALSE(row_matches(skip, rec.symbols, TextFilter("id 5")));
    const RecordDetail detail = describe_detail(skip, rec.symbols);
    CHECK_FALSE(detail.has_payload);
    CHECK(detail.record_json.find("\"count\": 6") != std::string::npos);

    EmitTracker tracker;
    write_all(log, rec.symbols, {e, skip, rec.skip(e, 7, "settings")}, 1000);
    tracker.update(log, 1000);
    REQUIRE(tracker.find(1) != nullptr);
    CHECK(tracker.find(1)->skipped == ids.size() + 1);
}

TEST_CASE("log rows: the cached matcher gives the field-by-field reference's answers") {
    Records rec;
    std::vector<Record> records;
    const Record a = rec.emit(1, "test-event", R"({"data":"Hello"})");
    records.push_back(a);
    records.push_back(rec.emit_to(2, "progress", EventTarget::window("main")));
    records.push_back(rec.deliver(a, 0, "main", EventTarget::any(), MatchReason::AnyListener, "g"));
    records.push_back(rec.deliver(a, 1, "main", EventTarget::any_label("main"),
                                  MatchReason::AnyLabelToLabel, "t"));
    records.push_back(rec.deliver(a, 2, {}, EventTarget::app(), MatchReason::NoFilter));
    records.push_back(rec.skip(a, 9, "settings"));
    records.push_back(rec.skip(a, {12, 13, 21}, "main"));
    records.push_back(rec.listen(4, "test-event", "settings", EventTarget::any(), "settings g"));
    records.push_back(rec.error("only alphanumeric permitted", "emit"));
    const std::vector<std::string> filters = {"",
                                              "main",
                                              "-main",
                                              "emit,-deliver",
                                              "hello, rust",
                                              "#1",
                                              "id 1",
                                              "id 13",
                                              "id 21",
                                              "1",
                                              "settings,-skip",
                                              "[test-event@js:main]",
                                              "any,-app",
                                              "ALPHANUMERIC",
                                              "  progress  ",
                                              "-",
                                              "window{main}",
                                              "target app"};
    for (const std::string& f : filters) {
        RowMatcher matcher(TextFilter(f), kAllTypes, rec.symbols);
        for (int pass = 0; pass < 2; ++pass) {  // the second pass hits the caches
            for (const Record& r : records) {
                INFO("filter '" << f << "', record " << to_string(r.type) << " #" << r.emit);
                CHECK(matcher.matches(r) == matcher.matches_uncached(r));
            }
        }
    }
}

TEST_CASE("log rows: the index over a ring that drops records keeps live matching positions") {
    Records rec;
    RecordLog log(100);
    LogIndex index;
    index.reset(make_row_predicate(TextFilter("keep"), kAllTypes, rec.symbols));
    for (std::uint32_t i = 1; i <= 250; ++i) {
        write_all(log, rec.symbols, {rec.emit(i, i % 2 == 0 ? "keep" : "drop")});
        if (i % 30 == 0) index.update(log, 7);  // falls behind, then catches up below
    }
    while (!index.update(log, 7)) {
    }
    CHECK(log.first() == 150);
    CHECK(index.rows().size() == 50);
    for (std::uint64_t p : index.rows()) {
        Record r;
        REQUIRE(log.get(p, r));
        CHECK(rec.symbols.view(r.event) == "keep");
    }
    CHECK(index.progress(log) == doctest::Approx(1.0));
}

TEST_CASE("log rows: an emit nothing listened to is lost once settled and a delivered one is not") {
    Records rec;
    RecordLog log;
    EmitTracker tracker;
    const Record heard = rec.emit(1, "test-event");
    const Record unheard = rec.emit(2, "nobody-listens");
    write_all(log, rec.symbols, {heard}, 1000);
    tracker.update(log, 1000);
    Settling s{log.end(), 1000, true};
    // The newest record, just emitted: its JS deliveries may still come.
    CHECK(tracker.fate(1, s) == EmitFate::Pending);
    CHECK(tracker.fate(1, Settling{log.end(), 1000 + 300'000, true}) == EmitFate::Lost);

    write_all(log, rec.symbols, {unheard}, 2000);
    write_all(log, rec.symbols,
              {rec.deliver(heard, 0, "main", EventTarget::any(), MatchReason::AnyListener)}, 3000);
    tracker.update(log, 1000);
    s = Settling{log.end(), 3000, true};
    CHECK(tracker.fate(1, s) == EmitFate::Reached);  // its delivery came later (JS is async)
    CHECK(tracker.fate(2, s) == EmitFate::Lost);     // older than the newest record, no outcome
    // A JS queue still holds deliveries: nothing is lost yet.
    CHECK(tracker.fate(2, Settling{log.end(), 3000, false}) == EmitFate::Pending);
    // Records the tracker has not read may hold its deliveries.
    write_all(log, rec.symbols, {rec.skip(unheard, 4, "main")}, 4000);
    CHECK(tracker.fate(2, Settling{log.end(), 4000, true}) == EmitFate::Pending);
    tracker.update(log, 1000);
    CHECK(tracker.fate(2, Settling{log.end(), 4000, true}) == EmitFate::Reached);
    REQUIRE(tracker.find(1) != nullptr);
    CHECK(tracker.find(1)->delivered == 1);
    CHECK(tracker.find(2)->skipped == 1);
    CHECK(tracker.newest_emit() == 2);
    CHECK(tracker.fate(99, s) == EmitFate::Unknown);
}

TEST_CASE("log rows: the emit tracker forgets emits whose records the ring dropped") {
    Records rec;
    RecordLog log(50);
    EmitTracker tracker;
    for (std::uint32_t i = 1; i <= 500; ++i) {
        const Record e = rec.emit(i, "tick");
        write_all(log, rec.symbols,
                  {e, rec.deliver(e, 0, "main", EventTarget::any(), MatchReason::AnyListener)});
        tracker.update(log, 1000);
    }
    tracker.update(log, 1000);
    CHECK(tracker.entries() <= 26);  // 25 emits fit in the ring, plus one on its way out
    CHECK(tracker.find(1) == nullptr);
    REQUIRE(tracker.find(500) != nullptr);
    CHECK(tracker.find(500)->delivered == 1);
    CHECK(tracker.newest_emit() == 500);
    log.clear();
    tracker.update(log, 1000);
    CHECK(tracker.newest_emit() == 0);
    CHECK(tracker.entries() == 0);
}

TEST_CASE("log rows: a 100 MB payload shows its first 64 KiB and how large it is") {
    Records rec;
    std::string huge = "\"";
    huge.append(100U * 1024 * 1024, 'x');
    huge += '"';
    const Record e = rec.emit(1, "big", std::move(huge));
    const auto start = std::chrono::steady_clock::now();
    const RecordDetail detail = describe_detail(e, rec.symbols);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(detail.has_payload);
    CHECK(detail.payload.size() == kPayloadSearchBytes);
    CHECK(detail.payload_note == "\u2026 (104857602 bytes in all)");
    CHECK(detail.record_json.find("104857602 bytes: see the payload") != std::string::npos);
    CHECK(detail.record_json.size() < 1000);
    MESSAGE("describe_detail of a 100 MB payload: "
            << std::chrono::duration<double, std::milli>(took).count() << " ms");
    // The filter searches the first 64 KiB only.
    CHECK(row_matches(e, rec.symbols, TextFilter("xxx")));

    const RecordDetail small = describe_detail(rec.emit(2, "e", R"({"a":[1,2]})"), rec.symbols);
    CHECK(small.payload == "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    CHECK(small.payload_note.empty());
    CHECK(small.record_json.find("\"type\": \"emit\"") != std::string::npos);
}

TEST_CASE("log rows: a filter change over a million records") {
    Records rec;
    RecordLog log(1'000'000);
    std::vector<Record> batch;
    const char* events[] = {"test-event", "progress", "tick", "update"};
    for (std::uint32_t i = 1; i <= 250'000; ++i) {
        const Record e = rec.emit(i, events[i % 4], "{\"n\":" + std::to_string(i % 1000) + "}");
        batch = {e, rec.deliver(e, 0, "main", EventTarget::any(), MatchReason::AnyListener, "g"),
                 rec.deliver(e, 1, "settings", EventTarget::any(), MatchReason::AnyListener, "g"),
                 rec.deliver(e, 2, {}, EventTarget::app(), MatchReason::NoFilter)};
        write_all(log, rec.symbols, batch);
    }
    REQUIRE(log.end() == 1'000'000);
    // Each emit i writes 4 records (the emit and 3 deliveries carrying its payload), event
    // events[i % 4], payload {"n": i % 1000}, for i in 1..250000.
    struct Expected {
        const char* filter;
        std::size_t rows;
    };
    const Expected expected[] = {
        {"progress", 62'500 * 4},                 // i % 4 == 1: all 4 records of each emit
        {"js:settings,-tick", 250'000 - 62'500},  // one delivery per emit, tick's dropped
        {"\"n\":999", 250 * 4},                   // i % 1000 == 999: emit and its deliveries
        {"no such thing", 0},
    };
    for (const auto& [filter, rows] : expected) {
        LogIndex index;
        index.reset(make_row_predicate(TextFilter(filter), kAllTypes, rec.symbols));
        const auto start = std::chrono::steady_clock::now();
        int frames = 0;
        while (!index.update(log, 200'000))
            ++frames;
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        MESSAGE("filter '" << std::string(filter) << "' over 1M records: " << ms << " ms in "
                           << frames + 1 << " frames of 200k, " << index.rows().size() << " rows");
        CHECK(frames == 4);
        CAPTURE(std::string(filter));
        CHECK(index.rows().size() == rows);
    }
}

TEST_SUITE_END();
