#include "view/panels/demo.h"

#include <algorithm>

namespace eventlab {

DemoLoad load_demo(const DemoSource& source) {
    ScenarioParse parse = parse_scenario(source.json != nullptr ? source.json : "", source.name);
    if (!parse) {
        DemoLoad out = Failure{parse.error()};
        out.set_warnings(parse.warnings());
        return out;
    }
    Demo demo;
    demo.name = source.name;
    demo.title = parse->title;
    if (demo.title.empty()) {
        std::string_view stem = source.name;
        if (stem.ends_with(".json")) stem.remove_suffix(5);
        demo.title = std::string(stem);
    }
    demo.scenario = std::move(*parse);
    DemoLoad out(std::move(demo));
    out.set_warnings(parse.warnings());
    return out;
}

DemoFrame demo_frame(const Scenario& scenario, std::size_t steps_run,
                     const std::vector<ExpectOutcome>& outcomes) {
    DemoFrame f;
    const auto& steps = scenario.steps;
    f.total = steps.size();
    f.step = std::min(steps_run, f.total);
    f.finished = f.step == f.total;
    f.counter = f.step == 0 ? std::to_string(f.total) + " steps"
                            : "Step " + std::to_string(f.step) + " of " + std::to_string(f.total);
    if (f.step == 0) {
        f.sentence = scenario.description;
    } else {
        const Step& step = steps[f.step - 1];
        f.sentence = step.say.empty() ? std::string(to_string(step.op)) : step.say;
        if (step.op == Op::Expect) {
            const auto it =
                std::find_if(outcomes.begin(), outcomes.end(),
                             [&](const ExpectOutcome& o) { return o.path == step.path; });
            if (it != outcomes.end()) f.outcome = *it;
        }
    }
    if (f.step < f.total) f.next = steps[f.step].say;

    // Before the first step the first code is shown, unmarked: the talk starts on it.
    if (f.step == 0) {
        const auto it = std::find_if(steps.begin(), steps.end(),
                                     [](const Step& s) { return s.code.has_value(); });
        if (it != steps.end()) f.code = &*it->code;
    } else {
        for (std::size_t i = f.step; i-- > 0;) {
            if (!steps[i].code) continue;
            f.code = &*steps[i].code;
            f.own_code = i + 1 == f.step;
            break;
        }
    }
    for (const ExpectOutcome& o : outcomes) {
        if (o.ok) {
            ++f.passed;
        } else {
            ++f.failed;
        }
    }
    return f;
}

std::vector<CodeLine> code_lines(const StepCode& code, bool show_highlight) {
    std::vector<CodeLine> lines;
    std::string_view rest = code.text;
    while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        lines.push_back({rest.substr(0, end), false});
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    if (lines.empty()) lines.push_back({});
    if (show_highlight) {
        for (const std::size_t line : code.highlight) {
            if (line >= 1 && line <= lines.size()) lines[line - 1].highlighted = true;
        }
    }
    return lines;
}

}  // namespace eventlab
