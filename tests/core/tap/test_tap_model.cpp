// The tap's model: what a real app reports becomes observed records, and each delivery is
// checked against one row of the rules (core/tap/tap_model.h).
#include <doctest/doctest.h>

#include "bus_fixture.h"
#include "core/tap/tap_model.h"

namespace eventlab::test {
namespace {

using json = nlohmann::json;

// A session whose records are captured, fed as the bridge feeds a tap.
struct Tapped {
    explicit Tapped(Mode mode = Mode::Next) : session(config(mode)) {
        session.recorder().add_sink(sink);
    }
    void feed(const json& record) { REQUIRE(session.observe(record) == ""); }
    std::vector<json> flags() const {
        std::vector<json> out;
        for (const auto& e : sink->of("expect")) {
            if (e.at("ok") == false) out.push_back(e);
        }
        return out;
    }

    Session session;
    std::shared_ptr<CaptureSink> sink = std::make_shared<CaptureSink>();
};

json listen(std::uint32_t id, const char* in, const char* event, json target = nullptr) {
    json r = {{"type", "listen"}, {"in", in}, {"listener", id}, {"event", event}};
    if (!target.is_null()) r["target"] = std::move(target);
    return r;
}
json emit_to(const char* from, json target, const char* event, json payload) {
    return {{"type", "emit"}, {"in", from},       {"api", "emit_to"},
            {"event", event}, {"target", target}, {"payload", std::move(payload)}};
}
json deliver(std::uint32_t id, const char* in, const char* event, json payload) {
    return {{"type", "deliver"},
            {"in", in},
            {"listener", id},
            {"event", event},
            {"payload", std::move(payload)}};
}

}  // namespace

TEST_CASE("tap: every record it takes is marked observed - in the trace line too") {
    Tapped t;
    t.feed({{"type", "window"}, {"action", "created"}, {"label", "main"}});
    t.feed(listen(0, "main", "notify"));
    t.feed(
        {{"type", "emit"}, {"in", "main"}, {"api", "emit"}, {"event", "notify"}, {"payload", 1}});
    t.feed(deliver(0, "main", "notify", 1));
    t.feed({{"type", "invoke"},
            {"in", "main"},
            {"command", "save"},
            {"args", {{"a", 1}}},
            {"ok", false},
            {"error", "denied"}});
    const auto all = t.sink->all();
    REQUIRE(all.size() == 5);
    for (const auto& r : all)
        CHECK(r.at("observed") == true);
    CHECK(all[3].at("emit") == all[2].at("emit"));
    CHECK(
        all[3].at("match").get<std::string>().starts_with("observed, as the 2.12 model predicts"));
    CHECK(all[4].at("error") == "denied");
    CHECK(t.flags().empty());
    CHECK(t.session.tap_counts()->checked == 1);
}

TEST_CASE("tap: a trace line's observed field reads back and a line without it is simulated") {
    Tapped t;
    t.feed(listen(4, "main", "notify"));
    t.session.bus().record_error("simulated", "test", false);
    Symbols symbols;
    const auto lines = t.sink->text();
    const auto first = lines.substr(0, lines.find('\n'));
    const auto second = lines.substr(first.size() + 1, lines.size() - first.size() - 2);
    const auto observed = parse_record_line(first, symbols);
    const auto simulated = parse_record_line(second, symbols);
    REQUIRE(observed.ok());
    REQUIRE(simulated.ok());
    CHECK(observed->observed);
    CHECK_FALSE(simulated->observed);
    CHECK(second.find("observed") == std::string::npos);
}

TEST_CASE("tap: a delivery the row does not predict is flagged with the rule") {
    Tapped t;
    ModeRules wrong = rules(Mode::Next);
    wrong.any_label_matching = false;
    t.session.set_tap_rules(wrong, "test row");
    t.feed(listen(0, "main", "notify", {{"kind", "AnyLabel"}, {"label", "main"}}));
    t.feed(emit_to("settings", "main", "notify", "hi"));
    t.feed(deliver(0, "main", "notify", "hi"));
    const auto flags = t.flags();
    REQUIRE(flags.size() == 1);
    const std::string message = flags[0].at("message");
    CHECK(message.find("to listener 0 in main, which the test row model does not predict") !=
          std::string::npos);
    CHECK(message.find("any_label_matching = false") != std::string::npos);
    CHECK(t.session.tap_counts()->unexpected == 1);
}

TEST_CASE("tap: a predicted delivery that does not arrive is flagged when the emit settles") {
    Tapped t;
    t.feed(listen(0, "main", "notify", {{"kind", "Window"}, {"label", "main"}}));
    t.feed(listen(1, "settings", "notify"));
    t.feed(emit_to("settings", {{"kind", "Window"}, {"label", "main"}}, "notify", 7));
    t.feed(deliver(1, "settings", "notify", 7));
    t.session.tap_settle(false);  // too soon: nothing judged yet
    CHECK(t.flags().empty());
    t.session.tap_settle(true);
    const auto flags = t.flags();
    REQUIRE(flags.size() == 1);
    const std::string message = flags[0].at("message");
    CHECK(message.find("reaches listener 0 in main") != std::string::npos);
    CHECK(message.find("Tauri did not deliver it; rule equal_target") != std::string::npos);
    CHECK(t.session.tap_counts()->missing == 1);
}

TEST_CASE("tap: a delivery of an emit made in Rust gets an inferred emit and is not checked") {
    Tapped t;
    t.feed(listen(0, "main", "tick"));
    t.feed(listen(1, "settings", "tick"));
    t.feed(deliver(0, "main", "tick", 1));
    t.feed(deliver(1, "settings", "tick", 1));
    t.feed(deliver(0, "main", "tick", 1));  // the same listener again: a second emit
    const auto emits = t.sink->of("emit");
    REQUIRE(emits.size() == 2);
    CHECK(emits[0].at("from") == "rust");
    const auto deliveries = t.sink->of("deliver");
    CHECK(deliveries[0].at("emit") == deliveries[1].at("emit"));
    CHECK(deliveries[2].at("emit") == emits[1].at("emit"));
    t.session.tap_settle(true);
    CHECK(t.flags().empty());
    CHECK(t.session.tap_counts()->checked == 0);
}

TEST_CASE("tap: a page that loads again or a destroyed window gets nothing more predicted") {
    Tapped t;
    t.feed({{"type", "page_load"}, {"label", "main"}, {"phase", "started"}});
    t.feed(listen(0, "main", "notify"));
    t.feed(listen(1, "settings", "notify"));
    t.feed({{"type", "page_load"}, {"label", "main"}, {"phase", "started"}});  // a reload
    t.feed({{"type", "window"}, {"action", "destroyed"}, {"label", "settings"}});
    t.feed({{"type", "emit"}, {"in", "main"}, {"api", "emit"}, {"event", "notify"}});
    t.session.tap_settle(true);
    CHECK(t.flags().empty());
    // 2.12 purges a destroyed webview's listeners; the model says so, as its own record.
    const auto unlistens = t.sink->of("unlisten");
    REQUIRE(unlistens.size() == 1);
    CHECK(unlistens[0].at("reason") == "purge");
    CHECK(unlistens[0].find("observed") == unlistens[0].end());
}

TEST_CASE("tap: after an unlisten - 2.0 allows a delivery already under way and 2.12 flags it") {
    for (const Mode mode : {Mode::Tauri20, Mode::Next}) {
        CAPTURE(to_string(mode));
        Tapped t(mode);
        t.feed(listen(0, "main", "notify"));
        t.feed({{"type", "emit"}, {"in", "main"}, {"api", "emit"}, {"event", "notify"}});
        t.feed({{"type", "unlisten"}, {"in", "main"}, {"listener", 0u}, {"event", "notify"}});
        t.feed({{"type", "emit"}, {"in", "main"}, {"api", "emit"}, {"event", "notify"}});
        t.feed(deliver(0, "main", "notify", nullptr));
        t.feed(deliver(0, "main", "notify", nullptr));
        t.session.tap_settle(true);
        CHECK(t.flags().size() == (rules(mode).js_unlisten_at_once ? 1u : 0u));
    }
}

TEST_CASE("tap: an unusable record is refused with why and nothing is recorded") {
    Tapped t;
    CHECK(t.session.observe(json::array()) == "an observed record must be a JSON object");
    CHECK(t.session.observe({{"type", "teleport"}}).starts_with("unknown observed record type"));
    CHECK(t.session.observe({{"type", "listen"}, {"in", "main"}, {"event", "x"}}) ==
          "\"listener\" must be a listener id (a u32)");
    CHECK(t.session
              .observe({{"type", "emit"}, {"in", "main"}, {"api", "emit_filter"}, {"event", "x"}})
              .starts_with("\"api\" must be emit or emit_to"));
    CHECK(t.sink->all().empty());
}

TEST_CASE("tap: --tap-rule changes one rule of a row and says what it takes") {
    std::string error;
    const auto row = override_rule(rules(Mode::Next), "any_label_matching=false", error);
    REQUIRE(row);
    CHECK_FALSE(row->any_label_matching);
    CHECK(row->destroy_purges_listeners == rules(Mode::Next).destroy_purges_listeners);
    CHECK_FALSE(override_rule(rules(Mode::Next), "any_label_matching", error));
    CHECK(error.find("FIELD=true or FIELD=false") != std::string::npos);
    CHECK_FALSE(override_rule(rules(Mode::Next), "warp_speed=true", error));
    CHECK(error.find("unknown rule `warp_speed`") != std::string::npos);
}

}  // namespace eventlab::test
