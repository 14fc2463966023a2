#include "view/codegen/call_layout.h"

#include "core/util/utf8.h"

namespace eventlab {
namespace {

// `text` with `prefix` after each line break, so that an argument's own lines stay under it.
void append_indented(std::string& out, std::string_view text, std::string_view prefix) {
    for (const char c : text) {
        out += c;
        if (c == '\n') out += prefix;
    }
}

}  // namespace

std::string format_call(std::string_view head, const std::vector<std::string>& args,
                        std::string_view tail, std::size_t width, std::string_view indent,
                        std::string_view base) {
    std::string line = std::string(base) + std::string(head) + "(";
    std::size_t spanning = 0;  // arguments that span lines
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0) line += ", ";
        line += args[i];
        if (args[i].find('\n') != std::string::npos) ++spanning;
    }
    line += ")";
    line += tail;
    if (spanning == 0 && utf8::count(line) <= width) return line;
    const bool last_spans = !args.empty() && args.back().find('\n') != std::string::npos;
    if (spanning == 1 && last_spans && utf8::count(line.substr(0, line.find('\n'))) <= width) {
        std::string hung;
        append_indented(hung, line, base);
        return hung;
    }
    const std::string inner = std::string(base) + std::string(indent);
    std::string out = std::string(base) + std::string(head) + "(\n";
    for (const std::string& arg : args) {
        out += inner;
        append_indented(out, arg, inner);
        out += ",\n";
    }
    out += base;
    out += ")";
    out += tail;
    return out;
}

}  // namespace eventlab
