// Guided demos without ImGui: the scenario format's demo extension ("title", per-step "code"), what
// the demo window shows at each step, and every embedded demo played step by step on the
// workbench as the Demo window plays it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "view/panels/demo.h"
#include "view/workbench.h"

using namespace eventlab;  // NOLINT(google-build-using-namespace): test file

namespace {

namespace fs = std::filesystem;

ScenarioParse parse(const std::string& text) {
    return parse_scenario(text, "demo.json");
}

std::string with_code(const std::string& code) {
    return R"({"title": "T", "windows": ["main"], "steps": [
      {"op": "emit", "event": "e", "say": "go", "code": )" +
           code + "}]}";
}

// Every file of assets/demos as the binary embeds it: name and text.
struct DemoFiles {
    std::vector<std::string> names;
    std::vector<std::string> texts;

    DemoFiles() {
        std::vector<fs::path> paths;
        for (const auto& entry : fs::directory_iterator(fs::path(EVENTLAB_ASSETS_DIR) / "demos")) {
            if (entry.path().extension() == ".json") paths.push_back(entry.path());
        }
        std::sort(paths.begin(), paths.end());
        for (const fs::path& p : paths) {
            std::ifstream in(p, std::ios::binary);
            names.push_back(p.filename().string());
            texts.emplace_back(std::istreambuf_iterator<char>(in),
                               std::istreambuf_iterator<char>());
        }
    }
    DemoSource source(std::size_t i) const { return {names[i], texts[i].c_str()}; }
};

}  // namespace

TEST_CASE("demo format: title and code are read - run ignores them") {
    const ScenarioParse p = parse(with_code(
        R"json({"lang": "rust", "text": "let a = 1;\napp.emit(\"e\", ())?;\n", "highlight": [2]})json"));
    REQUIRE_MESSAGE(p.ok(), p.error());
    CHECK(p.warnings().empty());
    CHECK(p->title == "T");
    const Step& step = p->steps.at(0);
    REQUIRE(step.code.has_value());
    CHECK(step.code->lang == StepCode::Lang::Rust);
    CHECK(step.code->highlight == std::vector<std::size_t>{2});
    CHECK(to_string(step.code->lang) == "rust");
}

TEST_CASE("demo format: bad code fields are unusable input with their JSON pointer") {
    struct Case {
        const char* code;
        const char* error;
    };
    const Case cases[] = {
        {R"("x")", "demo.json: /steps/0/code: expected an object"},
        {R"({"text": "a"})", R"(demo.json: /steps/0/code: code needs "lang")"},
        {R"({"lang": "js", "text": "a"})", "/steps/0/code/lang: expected one of ts, rust"},
        {R"({"lang": "ts"})", R"(code needs "text")"},
        {R"({"lang": "ts", "text": 3})", "/steps/0/code/text: expected a string; got 3"},
        {R"({"lang": "ts", "text": "a\nb", "highlight": [1, 3]})",
         "/steps/0/code/highlight/1: expected a line number from 1 to 2; got 3"},
        {R"({"lang": "ts", "text": "a", "highlight": [0]})",
         "/steps/0/code/highlight/0: expected an integer >= 1; got 0"},
        {R"({"lang": "ts", "text": "a", "highlight": 1})",
         "/steps/0/code/highlight: expected an array of line numbers"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.code);
        const ScenarioParse p = parse(with_code(c.code));
        CHECK_FALSE(p.ok());
        CHECK(p.error().find(c.error) != std::string::npos);
    }
    const ScenarioParse unknown = parse(with_code(R"({"lang": "ts", "text": "a", "colour": 1})"));
    REQUIRE(unknown.ok());
    REQUIRE(unknown.warnings().size() == 1);
    CHECK(unknown.warnings()[0] == "demo.json: /steps/0/code/colour: unknown field, ignored");
    const ScenarioParse title = parse(R"({"title": 1, "steps": []})");
    CHECK(title.error() == "demo.json: /title: expected a string; got 1");
}

TEST_CASE("demo format: code lines and their highlights") {
    StepCode code;
    code.text = "a\n\nc\n";
    code.highlight = {3, 1};
    const auto lines = code_lines(code, true);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].text == "a");
    CHECK(lines[0].highlighted);
    CHECK(lines[1].text.empty());
    CHECK_FALSE(lines[1].highlighted);
    CHECK(lines[2].highlighted);
    for (const CodeLine& line : code_lines(code, false))
        CHECK_FALSE(line.highlighted);
}

TEST_CASE("demo frame: counter - sentence - carried code - expect outcome") {
    const ScenarioParse p = parse(R"json({"description": "intro", "windows": ["main"], "steps": [
      {"op": "listen", "in": "main", "event": "e", "name": "n", "say": "listen",
       "code": {"lang": "ts", "text": "listen()", "highlight": [1]}},
      {"op": "emit", "event": "e", "say": "emit"},
      {"op": "expect", "calls": {"n": 1}, "say": "once"}
    ]})json");
    REQUIRE(p.ok());
    const Scenario& s = *p;
    DemoFrame f = demo_frame(s, 0, {});
    CHECK(f.counter == "3 steps");
    CHECK(f.sentence == "intro");
    CHECK(f.next == "listen");
    REQUIRE(f.code != nullptr);
    CHECK_FALSE(f.own_code);  // shown before the first step, unmarked

    f = demo_frame(s, 1, {});
    CHECK(f.counter == "Step 1 of 3");
    CHECK(f.sentence == "listen");
    CHECK(f.own_code);
    f = demo_frame(s, 2, {});
    CHECK(f.code == &*s.steps[0].code);  // carried over, not highlighted
    CHECK_FALSE(f.own_code);
    CHECK_FALSE(f.outcome.has_value());

    f = demo_frame(s, 3, {{"/steps/2", true, "holds: calls n=1"}});
    CHECK(f.finished);
    CHECK(f.next.empty());
    REQUIRE(f.outcome.has_value());
    CHECK(f.outcome->ok);
    CHECK(f.passed == 1);
    CHECK(f.failed == 0);
}

TEST_CASE("demo: auto-play steps once per interval") {
    AutoPlay play;
    CHECK_FALSE(play.due(10.0));  // not playing
    play.start(10.0);
    CHECK_FALSE(play.due(11.0));
    CHECK(play.due(10.0 + AutoPlay::kInterval));
    CHECK_FALSE(play.due(12.0));
    CHECK(play.due(10.0 + 2 * AutoPlay::kInterval + 0.01));
    play.stop();
    CHECK_FALSE(play.due(100.0));
}

TEST_CASE("demo: a title falls back to the file name - a broken demo says why") {
    const DemoLoad plain = load_demo({"my-demo.json", R"({"steps": []})"});
    REQUIRE(plain.ok());
    CHECK(plain->title == "my-demo");
    const DemoLoad broken = load_demo({"bad.json", "{"});
    CHECK_FALSE(broken.ok());
    CHECK(broken.error().rfind("bad.json:", 0) == 0);
}

TEST_CASE("demo: every demo file loads - has a title - and plays to the end on the workbench") {
    const DemoFiles files;
    REQUIRE(files.names.size() >= 8);
    for (std::size_t i = 0; i < files.names.size(); ++i) {
        CAPTURE(files.names[i]);
        const DemoLoad load = load_demo(files.source(i));
        REQUIRE_MESSAGE(load.ok(), load.error());
        CHECK(load.warnings().empty());
        CHECK_FALSE(load->scenario.title.empty());
        Workbench bench;
        bench.start_stepping(load->scenario, load->title, load->config());
        CHECK(bench.steps_run() == 0);
        while (bench.run_next_step()) {
            for (const ExpectOutcome& o : bench.outcomes()) {
                CAPTURE(o.path);
                CHECK_MESSAGE(o.ok, o.message);
            }
        }
        CHECK(bench.steps_run() == bench.step_count());
        // Back from the end lands one step earlier, with the same expects holding.
        bench.rewind(bench.steps_run() - 1);
        CHECK(bench.steps_run() == bench.step_count() - 1);
        CHECK(bench.stepping());
    }
}

TEST_CASE("demo: StrictMode without cleanup shows the double delivery after four Nexts") {
    const DemoFiles files;
    std::optional<Demo> demo;
    for (std::size_t i = 0; i < files.names.size(); ++i) {
        DemoLoad load = load_demo(files.source(i));
        if (load.ok() && load->title == "StrictMode without cleanup") demo = *load;
    }
    REQUIRE(demo.has_value());
    Workbench bench;
    bench.start_stepping(demo->scenario, demo->title, demo->config());
    for (int next = 0; next < 4; ++next)
        REQUIRE(bench.run_next_step());
    CHECK(bench.session().stats("Feed").calls == 2);
    std::size_t deliveries = 0;
    std::size_t leaked = 0;
    bench.live_log().scan(0, bench.live_log().end(), [&](std::uint64_t, const Record& r) {
        if (r.type != RecordType::Deliver) return;
        ++deliveries;
        leaked += r.has(flag::kStale) ? 1 : 0;
    });
    CHECK(deliveries == 2);  // one emit, two handlers
    CHECK(leaked == 1);      // one of them the leaked listener's
    const DemoFrame frame = demo_frame(bench.scenario(), bench.steps_run(), bench.outcomes());
    REQUIRE(frame.outcome.has_value());
    CHECK(frame.outcome->ok);
    CHECK(frame.sentence.find("twice") != std::string::npos);
    // ... and the fix comes later in the same demo: a listener named "fixed" called once.
    while (bench.run_next_step()) {
    }
    CHECK(bench.session().stats("fixed").calls == 1);
}
