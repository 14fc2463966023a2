// Helpers for the command-line suites: run the real `eventlab` binary through /bin/sh as a user
// would, with stdout and stderr captured separately, inside a temporary directory per test.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

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

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

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

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
  public:
    TempDir() {
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        const std::string name = "eventlab-cli-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter++) + "-" + std::to_string(random());
        path_ = fs::temp_directory_path() / name;
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

    // Writes `text` to NAME in the directory and returns its path.
    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path file = path_ / name;
        write_file(file, text);
        return file;
    }

    // Runs `eventlab ARGS...` with the working directory set to this directory.
    Result run(std::initializer_list<std::string> args) const {
        return run(std::vector<std::string>(args));
    }
    Result run(const std::vector<std::string>& args) const {
        const fs::path out = path_ / ".stdout";
        const fs::path err = path_ / ".stderr";
        std::string command =
            "cd " + shell_quote(path_.string()) + " && " + shell_quote(kBinary.string());
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

  private:
    fs::path path_;
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
