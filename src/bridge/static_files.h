// The plain-HTTP side's paths and files: what a request target names, and the file of
// `--static DIR` to send for it.
#pragma once

#include <boost/beast/core/file_posix.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace eventlab::bridge {

// The request target's path, percent-decoded; empty when it cannot be a file under the root.
std::string decoded_path(std::string_view target);

// The Content-Type for a file, from its extension.
std::string_view content_type(const std::filesystem::path& path);

struct StaticFile {
    boost::beast::file_posix file;  // open for reading
    std::filesystem::path path;     // where it really is (symlinks resolved)
};

// The file of the static root `root` for a request target (a directory: its index.html),
// opened; nullopt when there is none to serve. What the path finally resolves to must lie in
// the root (no `..`, no symlink leading out, for a directory's index.html too) and be a regular
// file: a named pipe would block the opener and a device would never end.
std::optional<StaticFile> open_static_file(const std::string& root, std::string_view target);

}  // namespace eventlab::bridge
