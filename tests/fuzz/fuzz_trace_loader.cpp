// Any bytes given as a trace: loaded records must write back as valid lines, and a refused
// file must say why.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/trace/trace.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const eventlab::TraceLoad load = eventlab::parse_trace(text, "fuzz.jsonl");
    if (!load.ok()) {
        if (load.error().empty()) __builtin_trap();
        return 0;
    }
    std::string line;
    for (const eventlab::Record& record : load->records) {
        line.clear();
        eventlab::append_record_json(line, record, *load->symbols);
        eventlab::Symbols scratch;
        if (!eventlab::parse_record_line(line, scratch)) __builtin_trap();  // round trip
    }
    return 0;
}
