// Helpers for the command-line suites: run the real `eventlab` binary through /bin/sh as a user
// would, with stdout and stderr captured separately, inside a temporary directory per test.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.h"

namespace cli_test {

namespace fs = std::filesystem;

inline const fs::path kBinary = EVENTLAB_BINARY;
inline const fs::path kScenarios = fs::path(EVENTLAB_ASSETS_DIR) / "scenarios";

// Quotes one word for /bin/sh.
inline std::string shell_quote(const std::string& word) {
    std::string out = "'";
    for (char c : word) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

using eventlab::test::read_file;
using eventlab::test::write_file;

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// What one run of the binary did.
struct Result {
    int status = -1;  // the exit status, or -1 if the process did not exit normally
    std::string out;
    std::string err;
};

// A test's own directory (removed at scope exit) in which it runs the binary.
class TempDir : public eventlab::test::TempDir {
  public:
    // Runs `eventlab ARGS...` with the working directory set to this directory.
    Result run(std::initializer_list<std::string> args) const {
        return run(std::vector<std::string>(args));
    }
    Result run(const std::vector<std::string>& args) const {
        const fs::path out = path() / ".stdout";
        const fs::path err = path() / ".stderr";
        std::string command =
            "cd " + shell_quote(path().string()) + " && " + shell_quote(kBinary.string());
        for (const std::string& arg : args)
            command += " " + shell_quote(arg);
        command +=
            " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
        const int raw = std::system(command.c_str());
        Result result;
        result.status = (raw != -1 && WIFEXITED(raw)) ? WEXITSTATUS(raw) : -1;
        result.out = read_file(out);
        result.err = read_file(err);
        fs::remove(out);
        fs::remove(err);
        return result;
    }
};

// Every *.json in assets/scenarios, sorted, so a new file is covered without editing a test.
inline std::vector<fs::path> scenario_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kScenarios)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// A small valid scenario that passes: one window, one listener, one emit, one expect.
inline const std::string kPassing = R"({
  "windows": ["main", "settings"],
  "steps": [
    {"op": "listen", "in": "main", "event": "test-event", "name": "feed"},
    {"op": "listen", "in": "rust", "event": "test-event", "name": "backend"},
    {"op": "emit", "event": "test-event", "payload": {"data": "hi"}},
    {"op": "expect", "calls": {"feed": 1, "backend": 1}}
  ]
}
)";

}  // namespace cli_test
