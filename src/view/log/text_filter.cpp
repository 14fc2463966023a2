#include "view/log/text_filter.h"

#include "core/util/ascii_fold.h"

namespace eventlab {

TextFilter::TextFilter(std::string_view text) : text_(text) {
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string_view term = text.substr(start, comma - start);
        while (!term.empty() && term.front() == ' ')
            term.remove_prefix(1);
        while (!term.empty() && term.back() == ' ')
            term.remove_suffix(1);
        const bool exclude = !term.empty() && term.front() == '-';
        if (exclude) term.remove_prefix(1);
        if (!term.empty()) terms_.push_back({ascii_lower(term), exclude});  // a lone '-' is none
        start = comma + 1;
    }
}

bool TextFilter::passes(std::string_view row) const {
    bool any_include = false;
    bool included = false;
    for (const Term& term : terms_) {
        if (term.exclude) {
            if (contains_ascii_folded(row, term.lower)) return false;
        } else if (!included) {
            any_include = true;
            included = contains_ascii_folded(row, term.lower);
        }
    }
    return !any_include || included;
}

}  // namespace eventlab
