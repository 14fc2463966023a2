// Scenario files (JSON): the scripted input of `eventlab run`, `--scenario` and the guided demos.
// Parsing is strict about types and ops (a bad file is unusable input, exit 2) and reports
// where: FILE:LINE:COL for JSON syntax, the JSON pointer (/steps/3/target/kind) for schema.
//
// Guided-demo extension (compatible: optional fields that `eventlab run` ignores):
//  - top level "title": the demo's name in the Demos menu;
//  - per step "code": {"lang": "ts"|"rust", "text": "...", "highlight": [1-based lines]}, the
//    code the demo shows beside the step's "say" sentence, with the lines that matter marked.
//
// Declared commands (compatible: an optional top-level "commands" array; docs/formats.md):
// backend commands the scenario's session serves besides the seed guide's, each with its
// parameters, what it emits and what its promise gives.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/commands.h"
#include "core/app/component.h"
#include "core/bus/mode.h"
#include "core/bus/target.h"
#include "core/util/result.h"

namespace eventlab {

enum class Op : std::uint8_t {
    Listen,
    Unlisten,
    Emit,
    EmitTo,
    EmitFilter,
    Invoke,
    CreateWindow,
    CloseWindow,
    Destroy,
    PreventDefault,
    Mount,
    Unmount,
    PeriodicStart,
    PeriodicStop,
    Advance,
    Expect
};
std::string_view to_string(Op op);
[[nodiscard]] std::optional<Op> parse_op(std::string_view text);

struct Expectation {
    std::optional<std::map<std::string, std::uint64_t>> calls;      // name → handler calls
    std::optional<std::map<std::string, nlohmann::json>> payload;   // name → last payload
    std::optional<std::map<std::string, std::uint64_t>> listeners;  // label or "rust" → count
    std::optional<std::map<std::string, std::uint64_t>> leaked;     // label → leaked listeners
    std::optional<std::string> error;                               // substring of the last error
    std::optional<std::uint64_t> errors;              // errors so far (0: none at all)
    std::optional<std::vector<std::string>> windows;  // labels of the open windows
};

// The code a guided demo shows beside a step.
struct StepCode {
    enum class Lang : std::uint8_t { TypeScript, Rust };
    Lang lang = Lang::TypeScript;
    std::string text;                    // several lines, '\n'-separated
    std::vector<std::size_t> highlight;  // 1-based line numbers, each within the text
};
std::string_view to_string(StepCode::Lang lang);  // "ts", "rust"

struct Step {
    Op op = Op::Expect;
    std::string path;              // JSON pointer of the step ("/steps/3", "/steps/1/actions/0")
    std::string say;               // optional sentence shown by guided demos ("say" field)
    std::optional<StepCode> code;  // optional code shown by guided demos ("code" field)

    std::string in;             // listen, invoke, mount, unmount: a label, or "rust" for listen
    std::string event;          // listen, emit*, periodic_start
    std::string name;           // listen, unlisten, invoke
    std::string from = "rust";  // emit, emit_to: "rust" or a window label
    std::string command;        // invoke
    std::string label;          // create_window, close_window
    std::string component;      // mount, unmount
    std::string id;             // periodic_start, periodic_stop

    std::optional<EventTarget> target;               // listen, emit_to, periodic_start
    std::vector<EventTarget> accept;                 // emit_filter
    std::optional<nlohmann::json> payload;           // emit*, periodic_start (absent: null)
    nlohmann::json args = nlohmann::json::object();  // invoke
    bool once = false;                               // listen
    bool cleanup = false;                            // mount
    bool strict = false;                             // mount
    std::vector<ListenItem> listen;                  // mount
    std::vector<Step> actions;                       // listen: steps the handler runs on every call
    std::int64_t interval_ms = 0;                    // periodic_start (>= 1)
    std::int64_t ms = 0;                             // advance (>= 0)
    Expectation expect;                              // expect
};

struct Scenario {
    std::string description;  // what the scenario shows (optional "description" field)
    std::string title;        // a guided demo's menu entry (optional "title" field)
    std::optional<Mode> mode;
    std::optional<Order> order;
    std::optional<std::uint64_t> seed;
    std::vector<std::string> windows;
    std::vector<DeclaredCommand> commands;  // served from before step 0 ("commands" field)
    std::vector<Step> steps;
};

// Warnings: unknown fields, ignored (with their JSON pointer).
using ScenarioParse = Result<Scenario>;

// `source_name` prefixes every message (the file path, or "<workspace>").
ScenarioParse parse_scenario(std::string_view text, std::string_view source_name);
ScenarioParse load_scenario(const std::string& path);

}  // namespace eventlab
