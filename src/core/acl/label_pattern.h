// A capability's `windows` / `webviews` entry: a glob pattern over labels, as Tauri matches
// them (the `glob` crate's Pattern, default options): `*` any run of characters, `?` one
// character, `[abc]` / `[a-z]` / `[!abc]` one of (or none of) a set, `**` a whole path
// component (any labels, with or without `/`), everything else literally and case-sensitive.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/result.h"

namespace eventlab::acl {

class LabelPattern {
  public:
    // The glob crate's errors, in its words: "Pattern syntax error near position 3: invalid
    // range pattern".
    static Result<LabelPattern> parse(std::string_view text);

    bool matches(std::string_view label) const;
    // As written in the capability (Tauri quotes it so in "allowed on: [windows: ...]").
    const std::string& text() const { return text_; }

    // One element of the compiled pattern.
    struct Token {
        enum class Kind { Char, AnyChar, AnySequence, AnyRecursive, Within, Except } kind;
        char32_t c = 0;                                     // Char
        std::vector<std::pair<char32_t, char32_t>> ranges;  // Within, Except: [first, last]
    };

  private:
    std::string text_;
    std::vector<Token> tokens_;
};

}  // namespace eventlab::acl
