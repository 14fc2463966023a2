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
#include <string>
#include <string_view>
#include <vector>

#include "core/bus.h"
#include "core/clock.h"
#include "core/mode.h"
#include "core/record.h"
#include "core/recorder.h"
#include "core/trace.h"

namespace eventlab::test {

inline constexpr std::array<Mode, 3> kModes = {Mode::Tauri20, Mode::Stable, Mode::Next};

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
                log_.push_back(Call{name, e.id, std::string(e.event), **e.payload,
                                    e.payload->get(), e.emit, e.side, std::string(e.webview),
                                    std::string(e.window)});
            }
            if (then) then(e);
        };
    }

    EventId rust(std::string_view event, EventTarget target, std::string name,
                 std::function<void(const Event&)> then = {}, bool once = false) {
        ListenOptions options;
        options.once = once;
        options.name = name;
        const OpResult r = bus.listen(event, std::move(target), logger(name, std::move(then)),
                                      options);
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

inline std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace eventlab::test
