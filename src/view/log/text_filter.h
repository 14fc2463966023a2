// The log's text filter, as the person types it in the Log panel's filter field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eventlab {

// ImGuiTextFilter's syntax without ImGui: "a,b" keeps rows containing a or b, "-c" drops rows
// containing c; case-insensitive; an empty filter keeps everything.
// The text is parsed here once, and folded with ascii_lower: the log panel's RowMatcher takes
// its terms from terms(), so the two cannot read a filter differently.
class TextFilter {
  public:
    struct Term {
        std::string lower;  // ascii_lower'ed, spaces around it trimmed
        bool exclude = false;
    };

    explicit TextFilter(std::string_view text = {});
    bool active() const { return !terms_.empty(); }
    bool passes(std::string_view row) const;
    const std::string& text() const { return text_; }
    const std::vector<Term>& terms() const { return terms_; }  // in the order written

  private:
    std::string text_;
    std::vector<Term> terms_;
};

}  // namespace eventlab
