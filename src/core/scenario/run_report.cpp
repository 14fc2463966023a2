// `expect` checks and the end-of-run summary: what `eventlab run` tells the person or CI.
#include <algorithm>
#include <map>
#include <set>

#include "core/app/component.h"
#include "core/scenario/runner.h"

namespace eventlab {
namespace {

struct Checks {
    std::vector<std::string> failures;
    std::vector<std::string> passed;

    void check(bool ok, std::string what, std::string failure) {
        if (ok) {
            passed.push_back(std::move(what));
        } else {
            failures.push_back(std::move(failure));
        }
    }
};

std::uint64_t count_listeners(const std::vector<ListenerInfo>& all, const std::string& where,
                              bool leaked_only) {
    return static_cast<std::uint64_t>(std::count_if(all.begin(), all.end(), [&](const auto& l) {
        if (l.pending) return false;  // a queued Rust listen is not live yet
        const bool here =
            where == "rust" ? l.side == Side::Rust : (l.side == Side::Js && l.webview == where);
        return here && (!leaked_only || l.leaked);
    }));
}

bool payload_equals(const std::string& got_text, const nlohmann::json& expected) {
    // A Rust handler receives JSON text; accept the text itself or the value it encodes.
    if (expected.is_string() && expected.get<std::string>() == got_text) return true;
    const auto got = nlohmann::json::parse(got_text, nullptr, false);
    return !got.is_discarded() && got == expected;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

void check_expectation(const Session& session, const Expectation& e, Checks& c) {
    const EventBus& bus = session.bus();
    for (const auto& [name, want] : e.calls.value_or(std::map<std::string, std::uint64_t>{})) {
        // A misspelt name must not hold quietly as "0 calls".
        if (!session.knows_name(name)) {
            c.check(false, "", "calls of `" + name + "`: no listener or invoke has that name");
            continue;
        }
        const std::uint64_t got = session.stats(name).calls;
        c.check(got == want, "calls " + name + "=" + std::to_string(want),
                "calls of `" + name + "`: expected " + std::to_string(want) + ", got " +
                    std::to_string(got));
    }
    for (const auto& [name, want] : e.payload.value_or(std::map<std::string, nlohmann::json>{})) {
        if (!session.knows_name(name)) {
            c.check(false, "", "payload of `" + name + "`: no listener or invoke has that name");
            continue;
        }
        const auto got = session.stats(name).last_payload;
        c.check(got && payload_equals(*got, want), "payload " + name,
                "payload of `" + name + "`: expected " + want.dump() + ", got " +
                    (got ? *got : std::string("nothing (never called)")));
    }
    const auto all = bus.listeners();
    for (const auto& [where, want] : e.listeners.value_or(std::map<std::string, std::uint64_t>{})) {
        const std::uint64_t got = count_listeners(all, where, false);
        c.check(got == want, "listeners " + where + "=" + std::to_string(want),
                "listeners in `" + where + "`: expected " + std::to_string(want) + ", got " +
                    std::to_string(got));
    }
    for (const auto& [where, want] : e.leaked.value_or(std::map<std::string, std::uint64_t>{})) {
        const std::uint64_t got = count_listeners(all, where, true);
        c.check(got == want, "leaked " + where + "=" + std::to_string(want),
                "leaked listeners in `" + where + "`: expected " + std::to_string(want) + ", got " +
                    std::to_string(got));
    }
    if (e.error) {
        const std::string last = bus.last_error();
        c.check(
            !last.empty() && last.find(*e.error) != std::string::npos, "error",
            last.empty()
                ? "expected an error containing \"" + *e.error + "\", but none happened"
                : "expected the last error to contain \"" + *e.error + "\", got \"" + last + "\"");
    }
    if (e.errors) {
        const std::uint64_t got = bus.counters().errors;
        c.check(got == *e.errors, "errors=" + std::to_string(*e.errors),
                "errors so far: expected " + std::to_string(*e.errors) + ", got " +
                    std::to_string(got) + (got > 0 ? " (last: " + bus.last_error() + ")" : ""));
    }
    if (e.windows) {
        std::set<std::string> want(e.windows->begin(), e.windows->end());
        std::set<std::string> got;
        for (const auto& w : bus.windows()) {
            if (w.alive) got.insert(w.label);
        }
        c.check(got == want, "windows",
                "open windows: expected [" + join({want.begin(), want.end()}, ", ") + "], got [" +
                    join({got.begin(), got.end()}, ", ") + "]");
    }
}

}  // namespace

void StepExecutor::expect(const Step& step) {
    Checks checks;
    check_expectation(session_, step.expect, checks);
    ExpectOutcome outcome;
    outcome.path = step.path;
    outcome.ok = checks.failures.empty();
    outcome.message =
        outcome.ok ? "holds: " + join(checks.passed, ", ") : join(checks.failures, "; ");
    if (session_.recorder().active()) {
        Record r;
        r.type = RecordType::Expect;
        if (outcome.ok) r.flags |= flag::kOk;
        r.text = make_text(step.path + ": " + outcome.message);
        session_.bus().record(std::move(r));
    }
    std::lock_guard lock(mutex_);
    outcomes_.push_back(std::move(outcome));
}

RunReport run_scenario(Session& session, const Scenario& scenario) {
    auto executor = std::make_shared<StepExecutor>(session);
    executor->track_payloads_of(scenario);
    executor->prepare(scenario);
    for (const Step& step : scenario.steps)
        executor->run_step(step);
    RunReport report;
    report.counters = session.bus().counters();
    report.outcomes = executor->outcomes();
    report.steps = scenario.steps.size();
    report.last_error = session.bus().last_error();
    report.poisoned = session.bus().poisoned();
    report.leaks = leak_report(session);
    return report;
}

// "main: 2 leaked (component Feed), 0 stale", "rust: 0 leaked, 1 stale (rust-refresh)": a
// leak is named by the component that forgot its cleanup (what the reader has to fix), a stale
// listener by its own name (it belongs to no component).
std::vector<std::string> leak_report(const Session& session) {
    struct Count {
        std::uint64_t leaked = 0;
        std::uint64_t stale = 0;
        std::set<std::string> components;
        std::set<std::string> stale_names;
    };
    ComponentIndex components;
    components.update(session.components());
    std::map<std::string, Count> by_window;
    for (const ListenerInfo& l : session.bus().listeners()) {
        if (!l.leaked && !l.stale) continue;
        Count& count = by_window[l.side == Side::Rust ? "rust" : l.webview];
        const std::string name = l.name.empty() ? l.event : l.name;
        if (l.leaked) {
            ++count.leaked;
            const ComponentInfo* c = components.component_of(l.id);
            count.components.insert(c != nullptr ? c->name : name);
        }
        if (l.stale) {
            ++count.stale;
            count.stale_names.insert(name);
        }
    }
    std::vector<std::string> lines;
    for (const auto& [where, count] : by_window) {
        std::string line = where + ": " + std::to_string(count.leaked) + " leaked";
        if (!count.components.empty()) {
            line += std::string(count.components.size() == 1 ? " (component " : " (components ") +
                    join({count.components.begin(), count.components.end()}, ", ") + ")";
        }
        line += ", " + std::to_string(count.stale) + " stale";
        if (!count.stale_names.empty()) {
            line += " (" + join({count.stale_names.begin(), count.stale_names.end()}, ", ") + ")";
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string format_summary(const RunReport& report, const std::string& scenario_name,
                           const BusConfig& config) {
    const auto& c = report.counters;
    const auto failed = static_cast<std::size_t>(std::count_if(
        report.outcomes.begin(), report.outcomes.end(), [](const auto& o) { return !o.ok; }));
    std::string out = scenario_name + " (tauri " + std::string(to_string(config.mode)) +
                      ", order " + std::string(to_string(config.order));
    if (config.order == Order::Random) out += ", seed " + std::to_string(config.seed);
    out += ")\n";
    out += "  steps " + std::to_string(report.steps) + "  emits " + std::to_string(c.emits) +
           "  deliveries " + std::to_string(c.deliveries) + " (rust " +
           std::to_string(c.rust_deliveries) + ", js " + std::to_string(c.js_deliveries) +
           ")  skipped " + std::to_string(c.skips) + "  errors " + std::to_string(c.errors) + "\n";
    if (report.poisoned) {
        out += "  Rust handlers lock poisoned by a panic: " + std::to_string(c.pending_rust) +
               " queued Rust calls will never run\n";
    } else if (c.pending_rust > 0) {
        out += "  still queued for the Rust handlers lock: " + std::to_string(c.pending_rust) +
               " (no later dispatch ran a handler to flush them)\n";
    }
    if (!report.last_error.empty()) out += "  last error: " + report.last_error + "\n";
    out += "  expectations: " + std::to_string(report.outcomes.size() - failed) + " passed, " +
           std::to_string(failed) + " failed\n";
    for (const auto& o : report.outcomes) {
        if (!o.ok) out += "    FAIL " + o.path + ": " + o.message + "\n";
    }
    if (report.leaks.empty()) {
        out += "  leaked or stale listeners: none\n";
    } else {
        out += "  leaked or stale listeners:\n";
        std::string leaking;  // the first window with leaked listeners, for the hint
        for (const auto& line : report.leaks) {
            out += "    " + line + "\n";
            const std::size_t colon = line.find(": ");
            if (leaking.empty() && line.compare(colon, 10, ": 0 leaked") != 0) {
                leaking = line.substr(0, colon);
            }
        }
        // A leak is not a failure by itself; say how to make it one (the CI use).
        if (!leaking.empty()) {
            out += "    (add {\"op\": \"expect\", \"leaked\": {\"" + leaking +
                   "\": 0}} to make this leak fail the run)\n";
        }
    }
    return out;
}

}  // namespace eventlab
