// Event names and labels of any bytes: validation never crashes, its verdict is the same in
// every mode, and a refused name always comes with Tauri's message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/bus/mode_rules.h"
#include "core/bus/names.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace eventlab;
    const std::string_view name(reinterpret_cast<const char*>(data), size);
    const bool valid = is_valid_event_name(name);
    for (Mode mode : kAllModes) {
        for (NameCall call : {NameCall::RustListen, NameCall::RustEmit, NameCall::Js}) {
            const auto error = check_event_name(name, mode, call);
            if (valid == error.has_value()) __builtin_trap();
            if (error && error->message.empty()) __builtin_trap();
        }
    }
    (void)rust_debug_string(name);
    if (is_valid_label(name) != valid) __builtin_trap();  // labels follow the same rule
    return 0;
}
