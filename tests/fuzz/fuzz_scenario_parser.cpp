// Any bytes given as a scenario file: the parser answers with a scenario or one error line,
// never a crash, an exception, or a stack overflow on deep nesting.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const eventlab::ScenarioParse parse = eventlab::parse_scenario(text, "fuzz.json");
    if (!parse.ok() && parse.error().empty()) __builtin_trap();           // failures must explain
    if (parse.error().find('\n') != std::string::npos) __builtin_trap();  // one line
    return 0;
}
