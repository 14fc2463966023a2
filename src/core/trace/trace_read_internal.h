// The two readers of a record line behind parse_record_line and parse_trace, visible to the
// tests that check they agree. Neither includes simdjson here: it stays private to the core.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/record/record.h"

namespace eventlab {

// The reference reader, over nlohmann's DOM. It words every error a bad line gets, and it is
// what a line that the fast reader is unsure of goes through.
std::optional<Record> read_record_dom(std::string_view line, Symbols& symbols, std::string& error);

// Building a DOM per line took most of the time to open a big trace; this reader parses lines
// with simdjson's On-Demand API instead. It answers only when it is sure: a Record it gives is
// the one read_record_dom gives for the same line, and for anything else (a bad line, a number
// nlohmann reads differently, …) it gives nullopt and the caller asks read_record_dom.
// A reader remembers the symbols it interned: it interns into one Symbols all its life.
class FastRecordReader {
  public:
    // simdjson reads up to this many bytes past the end of a line (SIMDJSON_PADDING).
    static constexpr std::size_t kPadding = 64;

    FastRecordReader();
    ~FastRecordReader();
    FastRecordReader(const FastRecordReader&) = delete;
    FastRecordReader& operator=(const FastRecordReader&) = delete;

    // The caller promises kPadding readable bytes after line (any values): a whole trace in
    // one padded buffer is read line by line without a copy per line.
    std::optional<Record> read_padded(std::string_view line, Symbols& symbols);
    // Any line: copied into a padded buffer first.
    std::optional<Record> read(std::string_view line, Symbols& symbols);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace eventlab
