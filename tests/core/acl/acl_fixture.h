// Projects for the permission tests: the fixture apps of tests/data/projects, and small ones
// written into a temporary folder, file by file, for the cases the fixtures do not hold.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/acl/authority.h"
#include "core/acl/project.h"

namespace eventlab::acl::test {

namespace fs = std::filesystem;

// tests/data/projects/NAME (the core tests' data folder is tests/core/data).
inline std::string fixture_project(std::string_view name) {
    return (fs::path(EVENTLAB_TEST_DATA_DIR) / ".." / ".." / "data" / "projects" / name)
        .lexically_normal()
        .string();
}

// A project folder of its own, removed afterwards. Its src-tauri/ gets a minimal config
// unless a test writes another.
class TempProject {
  public:
    TempProject()
        : dir_(fs::temp_directory_path() /
               ("eventlab-acl-" + std::to_string(::getpid()) + "-" +
                std::to_string(reinterpret_cast<std::uintptr_t>(this)))) {
        fs::create_directories(dir_ / "src-tauri");
    }
    ~TempProject() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    TempProject(const TempProject&) = delete;
    TempProject& operator=(const TempProject&) = delete;

    // Writes src-tauri/RELATIVE.
    TempProject& file(std::string_view relative, std::string_view text) {
        const fs::path path = tauri_dir() / relative;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return *this;
    }
    // A tauri.conf.json with the given `app` object.
    TempProject& config_with_app(std::string_view app) {
        return file("tauri.conf.json",
                    R"({"identifier": "com.example.test", "app": )" + std::string(app) + "}");
    }

    std::string dir() const { return dir_.string(); }
    fs::path tauri_dir() const { return dir_ / "src-tauri"; }
    std::string path(std::string_view relative) const { return (tauri_dir() / relative).string(); }

    Result<Project> load(const ProjectOptions& options = {}) const {
        return load_project(dir(), options);
    }
    // Loads and fails the test when the project does not load.
    Project loaded(const ProjectOptions& options = {}) const {
        auto project = load(options);
        REQUIRE_MESSAGE(project.ok(), project.error());
        return std::move(*project);
    }

  private:
    fs::path dir_;
};

inline Project load_fixture(std::string_view name, const ProjectOptions& options = {}) {
    auto project = load_project(fixture_project(name), options);
    REQUIRE_MESSAGE(project.ok(), project.error());
    return std::move(*project);
}

// The decision for a page of window `window` (its webview has the same label).
inline AccessDecision check(const Authority& authority, std::string_view command,
                            std::string_view window = "main") {
    return authority.check(AccessRequest{command, window, window, {}});
}

// The refusal text, or "allowed" / "unchecked".
inline std::string outcome(const Authority& authority, std::string_view command,
                           std::string_view window = "main") {
    const AccessDecision d = check(authority, command, window);
    if (d.refusal) return d.refusal->message;
    return d.verdict == AccessDecision::Verdict::Allowed ? "allowed" : "unchecked";
}

}  // namespace eventlab::acl::test
