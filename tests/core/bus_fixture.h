// Shared helpers for the bus_* and session_* suites: a RecordSink that keeps every record (as the
// Record and as its trace JSON), and a bus fixture whose handlers log who was called with what.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/session.h"
#include "core/bus/bus.h"
#include "core/bus/mode.h"
#include "core/bus/mode_rules.h"
#include "core/record/record.h"
#include "core/record/recorder.h"
#include "core/scenario/runner.h"
#include "core/scenario/scenario.h"
#include "core/trace/trace.h"
#include "core/util/clock.h"

namespace eventlab::test {

inline constexpr auto& kModes = kAllModes;  // every row of the ModeRules table

inline BusConfig config(Mode mode, Order order = Order::Registration, std::uint64_t seed = 0) {
    BusConfig c;
    c.mode = mode;
    c.order = order;
    c.seed = seed;
    return c;
}

// Keeps every record: the Record itself (payload pointers, flags) and its trace line, parsed.
class CaptureSink final : public RecordSink {
  public:
    void write(const Record& record, const Symbols& symbols) override {
        std::string line;
        append_record_json(line, record, symbols);
        std::lock_guard lock(mutex_);
        records_.push_back(record);
        text_ += line;
        text_ += '\n';
        json_.push_back(nlohmann::json::parse(line));
    }

    std::vector<Record> records() const {
        std::lock_guard lock(mutex_);
        return records_;
    }
    std::string text() const {
        std::lock_guard lock(mutex_);
        return text_;
    }
    // Trace lines of one type ("error", "emit", "deliver", "skip", ...), in order.
    std::vector<nlohmann::json> of(std::string_view type) const {
        std::lock_guard lock(mutex_);
        std::vector<nlohmann::json> out;
        for (const auto& j : json_) {
            if (j.at("type") == type) out.push_back(j);
        }
        return out;
    }
    std::vector<nlohmann::json> all() const {
        std::lock_guard lock(mutex_);
        return json_;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        records_.clear();
        text_.clear();
        json_.clear();
    }

  private:
    mutable std::mutex mutex_;
    std::vector<Record> records_;
    std::string text_;
    std::vector<nlohmann::json> json_;
};

// One handler call as the test saw it.
struct Call {
    std::string name;
    EventId id = 0;
    std::string event;
    std::string payload;
    const std::string* payload_ptr = nullptr;
    std::uint32_t emit = 0;
    Side side = Side::Rust;
    std::string webview;
    std::string window;
};

class BusFixture {
  public:
    explicit BusFixture(BusConfig cfg = {}, bool record = true)
        : sink(std::make_shared<CaptureSink>()), bus(cfg, recorder) {
        if (record) recorder.add_sink(sink);
    }

    VirtualClock clock;
    Recorder recorder{clock};
    std::shared_ptr<CaptureSink> sink;
    EventBus bus;

    // A handler that logs the call under `name`, then runs `then`.
    Handler logger(std::string name, std::function<void(const Event&)> then = {}) {
        return [this, name = std::move(name), then = std::move(then)](const Event& e) {
            {
                std::lock_guard lock(mutex_);
                log_.push_back(Call{name, e.id, std::string(e.event), **e.payload, e.payload->get(),
                                    e.emit, e.side, std::string(e.webview), std::string(e.window)});
            }
            if (then) then(e);
        };
    }

    EventId rust(std::string_view event, EventTarget target, std::string name,
                 std::function<void(const Event&)> then = {}, bool once = false) {
        ListenOptions options;
        options.once = once;
        options.name = name;
        const OpResult r =
            bus.listen(event, std::move(target), logger(name, std::move(then)), options);
        REQUIRE_MESSAGE(r.ok, r.error);
        return r.id;
    }
    EventId js(std::string_view webview, std::string_view event, EventTarget target,
               std::string name, std::function<void(const Event&)> then = {}, bool once = false) {
        ListenOptions options;
        options.once = once;
        options.name = name;
        const OpResult r = bus.js_listen(webview, event, std::move(target),
                                         logger(name, std::move(then)), options);
        REQUIRE_MESSAGE(r.ok, r.error);
        return r.id;
    }
    void window(std::string_view label) {
        const OpResult r = bus.create_window(label, false);
        REQUIRE_MESSAGE(r.ok, r.error);
    }
    OpResult emit(std::string_view event, std::string payload = "null") {
        return bus.emit(event, make_text(std::move(payload)), Source::rust());
    }

    std::vector<Call> calls() const {
        std::lock_guard lock(mutex_);
        return log_;
    }
    // Names of the handlers called so far, in call order.
    std::vector<std::string> names() const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& c : log_)
            out.push_back(c.name);
        return out;
    }
    std::vector<std::string> take_names() {
        std::vector<std::string> out = names();
        std::lock_guard lock(mutex_);
        log_.clear();
        return out;
    }
    std::size_t count(std::string_view name) const {
        std::lock_guard lock(mutex_);
        std::size_t n = 0;
        for (const auto& c : log_)
            n += c.name == name ? 1 : 0;
        return n;
    }
    const ListenerInfo* find(const std::vector<ListenerInfo>& all, EventId id) const {
        for (const auto& l : all) {
            if (l.id == id) return &l;
        }
        return nullptr;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<Call> log_;
};

// A Session with windows and a capturing sink.
struct SessionFixture {
    explicit SessionFixture(BusConfig cfg = {}, std::vector<std::string> windows = {"main"})
        : session(cfg), sink(std::make_shared<CaptureSink>()) {
        session.recorder().add_sink(sink);
        for (const auto& w : windows)
            REQUIRE(session.bus().create_window(w, false).ok);
    }

    Session session;
    std::shared_ptr<CaptureSink> sink;

    EventId js(std::string in, std::string event, std::string name,
               std::optional<EventTarget> target = std::nullopt) {
        ListenRequest r;
        r.side = Side::Js;
        r.in = std::move(in);
        r.event = std::move(event);
        r.name = std::move(name);
        r.target = std::move(target);
        const OpResult result = session.listen(r);
        REQUIRE_MESSAGE(result.ok, result.error);
        return result.id;
    }
    EventId rust(std::string event, std::string name,
                 std::optional<EventTarget> target = std::nullopt) {
        ListenRequest r;
        r.side = Side::Rust;
        r.event = std::move(event);
        r.name = std::move(name);
        r.target = std::move(target);
        const OpResult result = session.listen(r);
        REQUIRE_MESSAGE(result.ok, result.error);
        return result.id;
    }
    std::uint64_t calls(const std::string& name) const { return session.stats(name).calls; }
    std::string last_payload(const std::string& name) const {
        return session.stats(name).last_payload.value_or("<never called>");
    }
};

// Parses a scenario that must parse, and runs it on a fresh session whose trace is captured.
struct ScenarioRun {
    std::string trace;
    RunReport report;
    std::vector<nlohmann::json> records;
};
inline ScenarioRun run_scenario_text(std::string_view text, const RunSettings& settings = {}) {
    const ScenarioParse parsed = parse_scenario(text, "test.json");
    REQUIRE_MESSAGE(parsed.ok(), parsed.error());
    CHECK(parsed.warnings().empty());
    Session session(resolve_config(*parsed, settings));
    auto sink = std::make_shared<CaptureSink>();
    session.recorder().add_sink(sink);
    ScenarioRun out;
    out.report = run_scenario(session, *parsed);
    out.trace = sink->text();
    out.records = sink->all();
    return out;
}

// A periodic sender of "tick" with payload "tick {n}", as the seed guide's loop sends.
inline PeriodicSpec tick_sender(std::string id, std::int64_t interval_us) {
    PeriodicSpec spec;
    spec.id = std::move(id);
    spec.event = "tick";
    spec.interval_us = interval_us;
    spec.payload = "tick {n}";
    return spec;
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace eventlab::test

// Shows string lists in failed checks ({"a", "b"} instead of {?}).
template <>
struct doctest::StringMaker<std::vector<std::string>> {
    static doctest::String convert(const std::vector<std::string>& v) {
        std::string out = "{";
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out += ", ";
            out += '"' + v[i] + '"';
        }
        out += '}';
        return out.c_str();
    }
};
