// The route view's model without ImGui: for one emit, who got it and why, who did not and why not
// (from the same rule the bus applies), and the events × receivers matrix.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <string>

#include "core/scenario/scenario.h"
#include "view/log/emit_tracker.h"
#include "view/log/log_rows.h"
#include "view/route/route.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

using Outcome = RouteListener::Outcome;

// The GUI's default workspace: main and settings each listen globally and with their own
// label as target; the Rust side has app.listen (target App).
struct DefaultWorkspace {
    Workbench bench;
    EmitTracker tracker;
    std::vector<ListenerInfo> listeners;
    std::vector<WindowInfo> windows;

    explicit DefaultWorkspace(Mode mode = Mode::Stable) {
        ScenarioParse parse = load_scenario(EVENTLAB_ASSETS_DIR "/workspace/default.json");
        REQUIRE(parse.ok());
        BusConfig config;
        config.mode = mode;
        bench.open(std::move(*parse), "default", config);
    }
    EventBus& bus() { return bench.session().bus(); }
    void pump() { bench.pump(std::numeric_limits<std::size_t>::max()); }

    Route route(std::uint32_t emit = 0) {
        tracker.update(bench.log(), std::numeric_limits<std::size_t>::max());
        listeners = bus().listeners();
        windows = bus().windows();
        const BusCounters c = bus().counters();
        RouteInputs in{bench.log(),
                       bus().symbols(),
                       tracker,
                       listeners,
                       windows,
                       bench.config().mode,
                       Settling{bench.log().end(), bench.session().clock().now_us(),
                                c.queued_js == 0 && c.pending_rust == 0}};
        return build_route(emit == 0 ? tracker.newest_emit() : emit, in);
    }
};

const RouteNode& node(const Route& route, std::string_view title) {
    auto it = std::find_if(route.nodes.begin(), route.nodes.end(),
                           [&](const RouteNode& n) { return n.title == title; });
    REQUIRE(it != route.nodes.end());
    return *it;
}

const RouteListener* find(const std::vector<RouteListener>& list, std::string_view name) {
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const RouteListener& l) { return l.name == name; });
    return it == list.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("route: emit_to(\"main\") in the default workspace: who got it and who did not") {
    DefaultWorkspace w;
    REQUIRE(w.bus()
                .emit_to(EventTarget::any_label("main"), "test-event", make_text("\"hi\""),
                         Source::rust())
                .ok);
    w.pump();
    const Route route = w.route();
    REQUIRE(route.found);
    CHECK(route.event == "test-event");
    CHECK(route.from == "rust");
    CHECK(route.call == "emit_to(AnyLabel{main})");
    CHECK(route.fate == EmitFate::Reached);
    REQUIRE(route.nodes.size() == 3);
    CHECK(route.nodes[0].title == "main");
    CHECK(route.nodes[1].title == "settings");
    CHECK(route.nodes[2].title == "Rust backend");
    CHECK(route.nodes[2].rust);

    const RouteNode& main = node(route, "main");
    CHECK(main.got.size() == 2);  // its global listener and its {target: main} one
    CHECK(main.not_got.empty());
    const RouteListener* targeted = find(main.got, "main: listen(test-event, {target: main})");
    REQUIRE(targeted != nullptr);
    CHECK(targeted->reason == MatchReason::AnyLabelToLabel);

    const RouteNode& settings = node(route, "settings");
    REQUIRE(settings.got.size() == 1);  // the global listener gets every targeted emit
    CHECK(settings.got[0].name == "settings: listen(test-event)");
    CHECK(settings.got[0].reason == MatchReason::AnyListener);
    REQUIRE(settings.not_got.size() == 1);
    const RouteListener& missed = settings.not_got[0];
    CHECK(missed.name == "settings: listen(test-event, {target: settings})");
    CHECK(missed.outcome == Outcome::Missed);
    CHECK(missed.reason == MatchReason::LabelDiffers);
    CHECK(missed.words == "target AnyLabel{settings}: emit_to is for AnyLabel{main}");

    const RouteNode& rust = node(route, "Rust backend");
    CHECK(rust.got.empty());
    REQUIRE(rust.not_got.size() == 1);
    CHECK(rust.not_got[0].name == "app.listen(test-event)");
    CHECK(rust.not_got[0].outcome == Outcome::Missed);
    CHECK(rust.not_got[0].reason == MatchReason::AppNotLabelled);
    CHECK(rust.not_got[0].words.find("App") != std::string::npos);
}

TEST_CASE("route: JS deliveries not run yet are queued and a later listener is late (not missed)") {
    DefaultWorkspace w;
    REQUIRE(w.bus().emit("test-event", make_text("1"), Source::rust()).ok);
    Route route = w.route();
    CHECK(route.fate == EmitFate::Reached);  // app.listen got it at once (Rust is synchronous)
    CHECK(node(route, "Rust backend").got.size() == 1);
    const RouteNode& main = node(route, "main");
    CHECK(main.got.empty());
    REQUIRE(main.not_got.size() == 2);
    CHECK(main.not_got[0].outcome == Outcome::Queued);  // the webview has not run its queue yet

    ListenRequest late;
    late.in = "main";
    late.event = "test-event";
    late.name = "late";
    REQUIRE(w.bench.session().listen(late).ok);
    w.pump();
    route = w.route();
    CHECK(node(route, "main").got.size() == 2);
    const RouteListener* l = find(node(route, "main").not_got, "late");
    REQUIRE(l != nullptr);
    CHECK(l->outcome == Outcome::Late);
}

TEST_CASE("route: a queued JS delivery is 'queued' while the emit's fate is pending") {
    DefaultWorkspace w;
    // Only JS listeners: nothing is delivered until a webview runs its queue.
    REQUIRE(w.bus()
                .emit_to(EventTarget::window("main"), "test-event", make_text("1"), Source::rust())
                .ok);
    Route route = w.route();
    CHECK(route.fate == EmitFate::Pending);
    const RouteListener* global = find(node(route, "main").not_got, "main: listen(test-event)");
    REQUIRE(global != nullptr);
    CHECK(global->outcome == Outcome::Queued);
    // Window{main} reaches main's AnyLabel{main} listener (not in 2.0), not settings' one.
    const RouteListener* other =
        find(node(route, "settings").not_got, "settings: listen(test-event, {target: settings})");
    REQUIRE(other != nullptr);
    CHECK(other->outcome == Outcome::Missed);
    w.pump();
    route = w.route();
    CHECK(route.fate == EmitFate::Reached);
    CHECK(node(route, "main").got.size() == 2);
}

TEST_CASE(
    "route: the filter is rebuilt from the emit record (emit_to target or emit_filter list)") {
    Symbols symbols;
    Record r;
    r.type = RecordType::Emit;
    r.code = static_cast<std::uint8_t>(EmitApi::EmitTo);
    r.flags |= flag::kHasTarget;
    r.set_target_kind(EventTarget::Kind::WebviewWindow);
    r.target_label = symbols.intern("main");
    EmitFilter f = emit_filter_of(r, symbols);
    CHECK(f.kind == EmitFilter::Kind::Target);
    CHECK(f.target == EventTarget::webview_window("main"));
    const MatchResult m = match_listener(EventTarget::window("main"), f, Mode::Stable);
    CHECK_FALSE(m.matched);
    CHECK(describe_match(m.reason, EventTarget::window("main"), f).find("never cross") !=
          std::string::npos);

    r.code = static_cast<std::uint8_t>(EmitApi::EmitFilter);
    r.text = make_text(R"([{"kind":"App"},{"kind":"Webview","label":"settings"}])");
    f = emit_filter_of(r, symbols);
    CHECK(f.kind == EmitFilter::Kind::Accept);
    REQUIRE(f.accept.size() == 2);
    CHECK(f.accept[1] == EventTarget::webview("settings"));

    r.code = static_cast<std::uint8_t>(EmitApi::Emit);
    CHECK(emit_filter_of(r, symbols).kind == EmitFilter::Kind::None);
}

TEST_CASE("route: the matrix counts deliveries per event and receiver") {
    DefaultWorkspace w;
    REQUIRE(w.bus().emit("test-event", make_text("1"), Source::rust()).ok);
    REQUIRE(
        w.bus()
            .emit_to(EventTarget::any_label("main"), "test-event", make_text("2"), Source::rust())
            .ok);
    REQUIRE(w.bus().emit("nobody", make_text("3"), Source::rust()).ok);
    w.pump();
    DeliveryMatrix matrix;
    const std::uint64_t before = matrix.version();
    matrix.update(w.bench.log(), std::numeric_limits<std::size_t>::max());
    CHECK(matrix.version() != before);
    const DeliveryMatrix::View v = matrix.view(w.bus().symbols(), w.bus().windows());
    REQUIRE(v.events == std::vector<std::string>{"nobody", "test-event"});
    REQUIRE(v.columns == std::vector<std::string>{"main", "settings", "Rust backend"});
    CHECK(v.receivers == std::vector<std::string>{"js:main", "js:settings", "rust"});
    CHECK(v.emits == std::vector<std::uint64_t>{1, 2});
    CHECK(v.at(0, 0) == 0);
    CHECK(v.at(1, 0) == 4);  // emit: 2 listeners; emit_to main: 2 listeners
    CHECK(v.at(1, 1) == 3);  // emit: 2; emit_to main: the global one
    CHECK(v.at(1, 2) == 1);  // app.listen: only the plain emit

    // Incremental: only new records are read, and a quiet log changes nothing.
    const std::uint64_t version = matrix.version();
    matrix.update(w.bench.log(), std::numeric_limits<std::size_t>::max());
    CHECK(matrix.version() == version);
    REQUIRE(w.bus().emit("test-event", make_text("4"), Source::rust()).ok);
    matrix.update(w.bench.log(), std::numeric_limits<std::size_t>::max());
    CHECK(matrix.view(w.bus().symbols(), w.bus().windows()).at(1, 2) == 2);

    // A closed window keeps its column (its deliveries happened), after the live ones.
    REQUIRE(w.bus().destroy_window("main").ok);
    matrix.update(w.bench.log(), std::numeric_limits<std::size_t>::max());
    const DeliveryMatrix::View after = matrix.view(w.bus().symbols(), w.bus().windows());
    CHECK(after.columns == std::vector<std::string>{"settings", "main", "Rust backend"});
    CHECK(after.alive == std::vector<bool>{true, false, true});
}

namespace eventlab {

TEST_CASE("route: a matrix of 200 windows keeps the columns that fit and sums the rest") {
    DeliveryMatrix::View v;
    v.events = {"tick"};
    v.emits = {3};
    for (int i = 1; i <= 200; ++i) {
        v.columns.push_back("w" + std::to_string(i));
        v.receivers.push_back("js:w" + std::to_string(i));
        v.alive.push_back(true);
    }
    v.columns.emplace_back("Rust backend");
    v.receivers.emplace_back("rust");
    v.alive.push_back(true);
    for (int i = 1; i <= 201; ++i)
        v.counts.push_back(static_cast<std::uint64_t>(i));

    const DeliveryMatrix::View fit = fit_matrix(v, "", 10);
    REQUIRE(fit.columns.size() == 10);
    CHECK(fit.columns[7] == "w8");
    CHECK(fit.columns[8] == "192 other windows");
    CHECK(fit.receivers[8].empty());
    CHECK(fit.columns[9] == "Rust backend");
    CHECK(fit.at(0, 0) == 1);
    CHECK(fit.at(0, 8) == (9 + 200) * 192 / 2);  // w9..w200
    CHECK(fit.at(0, 9) == 201);

    const DeliveryMatrix::View filtered = fit_matrix(v, "W15", 10);  // w15, w150..w159
    CHECK(filtered.columns == std::vector<std::string>{"w15", "w150", "w151", "w152", "w153",
                                                       "w154", "w155", "w156", "3 other windows",
                                                       "Rust backend"});
    const DeliveryMatrix::View one = fit_matrix(v, "w200", 10);
    CHECK(one.columns == std::vector<std::string>{"w200", "Rust backend"});
    CHECK(one.at(0, 0) == 200);
}

TEST_CASE("route: many receivers - filter nodes by window and sum each up in a line") {
    Route route;
    RouteNode main;
    main.label = main.title = "main";
    main.got.resize(2);
    main.not_got.resize(1);
    RouteNode settings;
    settings.label = settings.title = "settings";
    settings.alive = false;
    RouteNode rust;
    rust.title = "Rust backend";
    rust.rust = true;
    rust.got.resize(1);
    route.nodes = {main, settings, rust};
    CHECK(route_nodes_shown(route, "") == std::vector<std::size_t>{0, 1, 2});
    CHECK(route_nodes_shown(route, "SET") == std::vector<std::size_t>{1, 2});
    CHECK(node_summary(main) == "main: 2 got it, 1 did not");
    CHECK(node_summary(settings) == "settings (closed): no listener of the event");
    CHECK(node_summary(rust) == "Rust backend: 1 got it");
}

}  // namespace eventlab

TEST_CASE("route: the matrix shape moves with a new event or receiver - not with new counts") {
    DefaultWorkspace w;
    REQUIRE(w.bus().emit("test-event", make_text("1"), Source::rust()).ok);
    w.pump();
    DeliveryMatrix matrix;
    matrix.update(w.bench.log(), std::numeric_limits<std::size_t>::max());
    const std::uint64_t shape = matrix.shape_version();
    const std::uint64_t counts = matrix.version();

    REQUIRE(w.bus().emit("test-event", make_text("2"), Source::rust()).ok);
    w.pump();
    matrix.update(w.bench.log(), std::numeric_limits<std::size_t>::max());
    CHECK(matrix.version() != counts);  // the same cells, higher
    CHECK(matrix.shape_version() == shape);

    REQUIRE(w.bus().emit("other", make_text("3"), Source::rust()).ok);  // a new row
    w.pump();
    matrix.update(w.bench.log(), std::numeric_limits<std::size_t>::max());
    CHECK(matrix.shape_version() != shape);
}

TEST_CASE("route: an emit skipping a reloaded page's stale listeners lists each one as skipped") {
    // Stable keeps a closed page's listeners; its ids still go to the label's new page, which
    // has no callback for them. The trace says it in one skip record per emit: the route view
    // and the emit's count still show every skipped listener.
    DefaultWorkspace w;
    std::vector<std::uint32_t> stale;
    for (const auto& l : w.bus().listeners()) {
        if (l.webview == "main" && l.event == "test-event") stale.push_back(l.id);
    }
    REQUIRE(stale.size() == 2);
    for (int reload = 0; reload < 3; ++reload) {
        REQUIRE(w.bus().destroy_window("main").ok);
        REQUIRE(w.bus().create_window("main").ok);
        ListenRequest page;
        page.in = "main";
        page.event = "test-event";
        page.name = "page " + std::to_string(reload);
        const OpResult listened = w.bench.session().listen(page);
        REQUIRE(listened.ok);
        if (reload < 2) stale.push_back(listened.id);
    }
    w.pump();
    REQUIRE(w.bus().emit("test-event", make_text("1"), Source::rust()).ok);
    w.pump();
    const Route route = w.route();
    const RouteNode& main = node(route, "main");
    REQUIRE(main.got.size() == 1);
    CHECK(main.got[0].name == "page 2");
    std::vector<std::uint32_t> skipped;
    for (const RouteListener& l : main.not_got) {
        if (l.outcome != Outcome::Skipped) continue;
        skipped.push_back(l.id);
        CHECK(l.words.find("registered by an earlier page") != std::string::npos);
    }
    std::sort(skipped.begin(), skipped.end());
    std::sort(stale.begin(), stale.end());
    CHECK(skipped == stale);
    CHECK(route.skipped == stale.size());
    std::size_t skip_records = 0;
    w.bench.log().scan(w.bench.log().first(), w.bench.log().end(),
                       [&](std::uint64_t /*position*/, const Record& r) {
                           if (r.type == RecordType::Skip && r.emit == route.emit) ++skip_records;
                       });
    CHECK(skip_records == 1);
}
