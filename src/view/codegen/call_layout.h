// How the code previews lay out a call too long for its width, in Rust and in TypeScript alike:
// rustfmt and prettier break a call the same way, only the indent differs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace eventlab {

// The width that never breaks a call: for a caller that wraps the text itself.
inline constexpr std::size_t kOneLine = std::string::npos;

// `head(arg, arg)tail` on one line when it fits in `width` columns and no argument spans lines.
// A last argument that spans lines (a closure) hangs off the first line when that line fits.
// Otherwise one argument per line, `indent` deeper, each with a trailing comma, and `)tail` on
// a line of its own. Every line starts with `base` (the indent of the block the call is in).
std::string format_call(std::string_view head, const std::vector<std::string>& args,
                        std::string_view tail, std::size_t width, std::string_view indent,
                        std::string_view base = {});

}  // namespace eventlab
