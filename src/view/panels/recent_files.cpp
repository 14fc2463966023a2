#include "view/panels/recent_files.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>

namespace eventlab {
namespace {

namespace fs = std::filesystem;

bool is_set(const char* value) {
    return value != nullptr && *value != '\0';
}

// A line someone (or a crash) garbled: a path never holds control characters.
bool plausible_path(const std::string& line) {
    return !line.empty() && std::none_of(line.begin(), line.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
}

}  // namespace

PathEnv PathEnv::from_process() {
    return {std::getenv("HOME"), std::getenv("XDG_CONFIG_HOME")};
}

fs::path config_dir(const PathEnv& env) {
    if (is_set(env.xdg_config_home) && env.xdg_config_home[0] == '/') {
        return fs::path(env.xdg_config_home) / "eventlab";
    }
    if (is_set(env.home)) return fs::path(env.home) / ".config" / "eventlab";
    return {};
}

fs::path recent_traces_file(const PathEnv& env) {
    const fs::path dir = config_dir(env);
    return dir.empty() ? dir : dir / "recent-traces.txt";
}

std::vector<std::string> read_recent_files(const fs::path& file) {
    std::vector<std::string> list;
    if (file.empty()) return list;
    std::ifstream in(file, std::ios::binary);
    for (std::string line; list.size() < kMaxRecentFiles && std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!plausible_path(line)) continue;
        if (std::find(list.begin(), list.end(), line) != list.end()) continue;
        list.push_back(std::move(line));
    }
    return list;
}

std::vector<std::string> push_recent_file(std::vector<std::string> list, const std::string& path) {
    std::erase(list, path);
    list.insert(list.begin(), path);
    if (list.size() > kMaxRecentFiles) list.resize(kMaxRecentFiles);
    return list;
}

Result<void> write_recent_files(const fs::path& file, const std::vector<std::string>& list) {
    if (file.empty()) return Failure{"no place for the recent files list (HOME is not set)"};
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return Failure{"cannot create " + file.parent_path().string() + ": " + ec.message()};
    const fs::path temp = file.string() + ".partial";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        for (std::size_t i = 0; i < list.size() && i < kMaxRecentFiles; ++i) {
            if (plausible_path(list[i])) out << list[i] << '\n';
        }
        out.flush();
        if (!out) {
            fs::remove(temp, ec);
            return Failure{"cannot write " + file.string()};
        }
    }
    fs::rename(temp, file, ec);
    if (ec) {
        // The rename's reason, read before removing the temporary file overwrites `ec`.
        Failure failure{"cannot write " + file.string() + ": " + ec.message()};
        fs::remove(temp, ec);
        return failure;
    }
    return {};
}

fs::path default_trace_dir(const PathEnv& env) {
    return (is_set(env.home) ? fs::path(env.home) : fs::path(".")) / "eventlab-traces";
}

fs::path timestamped_trace_path(const fs::path& dir, std::chrono::system_clock::time_point when) {
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&t, &local);
    char name[40];
    std::strftime(name, sizeof name, "%Y-%m-%d_%H%M%S.jsonl", &local);
    return dir / name;
}

}  // namespace eventlab
