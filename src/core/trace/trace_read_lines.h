// The lines of a trace, read in chunks into one reused buffer where each line is followed by
// simdjson's padding: one pass over the file, memory the size of a chunk (or of the longest
// line) whatever the file's size, and nothing mapped that a truncating writer could turn into
// a SIGBUS. Reading the whole file first cost more than parsing it (perf: page faults and the
// copies of a growing string).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace eventlab {

class PaddedLines {
  public:
    // Fills `to` with up to `max` bytes: how many (0 at the end), or -1 with errno set.
    using Read = std::function<std::ptrdiff_t(char* to, std::size_t max)>;

    PaddedLines(Read read, std::size_t padding, std::size_t chunk = std::size_t{1} << 20);

    // The next line, without its '\n' (a '\r' before it stays); `unterminated` when it had
    // none (the input ended). False at the end, or when a read failed (then error() says why).
    bool next(std::string_view& line, bool& unterminated);
    const std::string& error() const { return error_; }
    // Input consumed, up to the end of the last line given.
    std::uint64_t bytes_done() const { return base_ + begin_; }
    // Lines and bytes read ahead but not yet given: a sample of the line length to come.
    void ahead(std::size_t& lines, std::size_t& bytes) const;

  private:
    bool refill();

    Read read_;
    std::size_t padding_;
    std::vector<char> buffer_;  // capacity_ bytes of input, then padding_
    std::size_t capacity_;
    std::size_t begin_ = 0;    // the next line starts here
    std::size_t end_ = 0;      // input read so far ends here
    std::size_t scanned_ = 0;  // no '\n' in [begin_, scanned_)
    std::uint64_t base_ = 0;   // input consumed before buffer_[0]
    bool eof_ = false;
    std::string error_;
};

}  // namespace eventlab
