#include "bridge/static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace eventlab::bridge {
namespace {

namespace fs = std::filesystem;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool lies_in(const fs::path& root, const fs::path& file) {
    const auto [root_end, ignored] =
        std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    return root_end == root.end();
}

// Where the URL path leads with every symlink followed, a directory's index.html included; the
// check against the root comes after that last step, so nothing appended escapes it.
std::optional<fs::path> resolve_in(const fs::path& root, const std::string& path) {
    std::error_code ec;
    fs::path file = fs::canonical(root / fs::path(path).relative_path(), ec);
    if (!ec && fs::is_directory(file, ec)) file = fs::canonical(file / "index.html", ec);
    if (ec || !lies_in(root, file)) return std::nullopt;
    return file;
}

// Opened without blocking (a FIFO swapped in since resolve_in would otherwise wait for a
// writer), then kept only if it is a regular file.
std::optional<boost::beast::file_posix> open_regular(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    boost::beast::file_posix opened;
    opened.native_handle(fd);
    return opened;
}

}  // namespace

std::string decoded_path(std::string_view target) {
    target = target.substr(0, target.find_first_of("?#"));
    std::string out;
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (target[i] != '%') {
            out += target[i];
            continue;
        }
        if (i + 2 >= target.size()) return {};
        const int hi = hex_value(target[i + 1]);
        const int lo = hex_value(target[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return {};
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

std::string_view content_type(const fs::path& path) {
    const std::string ext = path.extension().string();
    if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs" || ext == ".cjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".map") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".wasm") return "application/wasm";
    if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::optional<StaticFile> open_static_file(const std::string& root, std::string_view target) {
    const std::string path = decoded_path(target);
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::error_code ec;
    const fs::path base = fs::canonical(root, ec);
    if (ec) return std::nullopt;
    auto file = resolve_in(base, path);
    if (!file) return std::nullopt;
    auto opened = open_regular(*file);
    if (!opened) return std::nullopt;
    return StaticFile{std::move(*opened), std::move(*file)};
}

}  // namespace eventlab::bridge
