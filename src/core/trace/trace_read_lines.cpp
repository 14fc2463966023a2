#include "core/trace/trace_read_lines.h"

#include <algorithm>
#include <cstring>
#include <system_error>

namespace eventlab {

PaddedLines::PaddedLines(Read read, std::size_t padding, std::size_t chunk)
    : read_(std::move(read)), padding_(padding), buffer_(chunk + padding), capacity_(chunk) {}

bool PaddedLines::next(std::string_view& line, bool& unterminated) {
    for (;;) {
        const char* data = buffer_.data();
        const void* newline = std::memchr(data + scanned_, '\n', end_ - scanned_);
        if (newline != nullptr) {
            const auto at = static_cast<std::size_t>(static_cast<const char*>(newline) - data);
            line = std::string_view(data + begin_, at - begin_);
            unterminated = false;
            begin_ = scanned_ = at + 1;
            return true;
        }
        scanned_ = end_;
        if (eof_) {
            if (begin_ == end_) return false;
            line = std::string_view(data + begin_, end_ - begin_);
            unterminated = true;
            begin_ = end_;
            return true;
        }
        if (!refill()) return false;
    }
}

// Moves the unfinished line to the front (growing the buffer when it fills it) and reads more.
bool PaddedLines::refill() {
    const std::size_t kept = end_ - begin_;
    if (kept == capacity_) {
        capacity_ *= 2;
        buffer_.resize(capacity_ + padding_);
    }
    std::memmove(buffer_.data(), buffer_.data() + begin_, kept);
    base_ += begin_;
    begin_ = 0;
    scanned_ = end_ = kept;
    const std::ptrdiff_t n = read_(buffer_.data() + end_, capacity_ - end_);
    if (n < 0) {
        error_ = std::generic_category().message(errno);
        return false;
    }
    end_ += static_cast<std::size_t>(n);
    eof_ = n == 0;
    return true;
}

void PaddedLines::ahead(std::size_t& lines, std::size_t& bytes) const {
    const char* data = buffer_.data();
    lines = static_cast<std::size_t>(std::count(data + begin_, data + end_, '\n'));
    bytes = end_ - begin_;
}

}  // namespace eventlab
