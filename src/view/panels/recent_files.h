// Where traces live on disk: the recently opened list (File ▸ Open) and the default path of a
// new GUI recording. Paths come from the environment the caller passes in, so tests can point
// them at a temporary directory; nothing here reads or keeps global state.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace eventlab {

inline constexpr std::size_t kMaxRecentFiles = 8;

// The environment variables these paths depend on (null or empty: unset).
struct PathEnv {
    const char* home = nullptr;
    const char* xdg_config_home = nullptr;

    static PathEnv from_process();  // getenv("HOME"), getenv("XDG_CONFIG_HOME")
};

// EventLab's configuration directory, the one place every settings file lives: $XDG_CONFIG_HOME
// /eventlab when that is an absolute path (the XDG spec says to ignore a relative one), else
// ~/.config/eventlab; empty when neither applies. Nothing is created.
std::filesystem::path config_dir(const PathEnv& env);

// config_dir(env)/recent-traces.txt; empty when there is no configuration directory.
std::filesystem::path recent_traces_file(const PathEnv& env);

// One path per line, newest first. A missing or unreadable file is an empty list; blank
// lines, lines with control characters and duplicates are dropped; at most kMaxRecentFiles.
std::vector<std::string> read_recent_files(const std::filesystem::path& file);

// `path` moved to the front of `list` (no duplicate), cut to kMaxRecentFiles.
std::vector<std::string> push_recent_file(std::vector<std::string> list, const std::string& path);

// Writes the list (creating the directory), or says why not. Written to a temporary file and
// renamed, so a crash never leaves a half-written list.
Result<void> write_recent_files(const std::filesystem::path& file,
                                const std::vector<std::string>& list);

// ~/eventlab-traces (or ./eventlab-traces when HOME is unset).
std::filesystem::path default_trace_dir(const PathEnv& env);
// DIR/2026-11-28_091530.jsonl for that local time.
std::filesystem::path timestamped_trace_path(const std::filesystem::path& dir,
                                             std::chrono::system_clock::time_point when);

}  // namespace eventlab
