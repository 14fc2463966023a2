#include "core/acl/label_pattern.h"

#include "core/util/utf8.h"

namespace eventlab::acl {

namespace {

using Token = LabelPattern::Token;
using Kind = Token::Kind;

std::u32string decode_all(std::string_view text) {
    std::u32string out;
    for (std::size_t at = 0; at < text.size();) {
        const utf8::Decoded d = utf8::decode(text, at);
        out.push_back(d.code_point);
        at += d.length;
    }
    return out;
}

bool is_separator(char32_t c) {
    return c == U'/';
}

Token token(Kind kind, char32_t c = 0) {
    return Token{kind, c, {}};
}

Failure syntax_error(std::size_t pos, std::string_view msg) {
    return Failure{"Pattern syntax error near position " + std::to_string(pos) + ": " +
                   std::string(msg)};
}

// `a-z` is a range when a character follows the hyphen; anything else stands for itself.
std::vector<std::pair<char32_t, char32_t>> char_set(std::u32string_view s) {
    std::vector<std::pair<char32_t, char32_t>> set;
    for (std::size_t i = 0; i < s.size();) {
        if (i + 3 <= s.size() && s[i + 1] == U'-') {
            set.emplace_back(s[i], s[i + 2]);
            i += 3;
        } else {
            set.emplace_back(s[i], s[i]);
            i += 1;
        }
    }
    return set;
}

bool in_set(const Token& t, char32_t c) {
    for (const auto& [first, last] : t.ranges) {
        if (first <= c && c <= last) return true;
    }
    return false;
}

// The tail of the pattern from token `ti` against the label from `at`; backtracking is fine
// for labels.
bool match_from(const std::vector<Token>& tokens, std::size_t ti, std::u32string_view label,
                std::size_t at) {
    for (; ti < tokens.size(); ++ti) {
        const Token& t = tokens[ti];
        if (t.kind == Kind::AnySequence || t.kind == Kind::AnyRecursive) {
            if (match_from(tokens, ti + 1, label, at)) return true;
            // `**` (with its `/`) may only stop right after a separator; `*` anywhere.
            while (at < label.size()) {
                const bool sep = is_separator(label[at++]);
                if (t.kind == Kind::AnyRecursive && !sep) continue;
                if (match_from(tokens, ti + 1, label, at)) return true;
            }
            return match_from(tokens, ti + 1, label, label.size());
        }
        if (at >= label.size()) return false;
        const char32_t c = label[at++];
        const bool ok = t.kind == Kind::Char      ? c == t.c
                        : t.kind == Kind::AnyChar ? true
                        : t.kind == Kind::Within  ? in_set(t, c)
                                                  : !in_set(t, c);
        if (!ok) return false;
    }
    return at == label.size();
}

constexpr std::string_view kWildcards = "wildcards are either regular `*` or recursive `**`";
constexpr std::string_view kRecursive = "recursive wildcards must form a single path component";

}  // namespace

Result<LabelPattern> LabelPattern::parse(std::string_view text) {
    const std::u32string chars = decode_all(text);
    LabelPattern pattern;
    pattern.text_ = std::string(text);
    auto& tokens = pattern.tokens_;
    for (std::size_t i = 0; i < chars.size();) {
        const char32_t c = chars[i];
        if (c == U'?') {
            tokens.push_back(token(Kind::AnyChar));
            ++i;
        } else if (c == U'*') {
            const std::size_t start = i;
            while (i < chars.size() && chars[i] == U'*')
                ++i;
            const std::size_t count = i - start;
            if (count > 2) return syntax_error(start + 2, kWildcards);
            if (count == 1) {
                tokens.push_back(token(Kind::AnySequence));
                continue;
            }
            if (start != 0 && !is_separator(chars[start - 1])) {
                return syntax_error(start - 1, kRecursive);
            }
            if (i < chars.size() && is_separator(chars[i])) {
                ++i;  // `**/` includes its separator
            } else if (i < chars.size()) {
                return syntax_error(i, kRecursive);
            }
            if (tokens.empty() || tokens.back().kind != Kind::AnyRecursive) {
                tokens.push_back(token(Kind::AnyRecursive));
            }
        } else if (c == U'[') {
            // `[!...]` needs one member, `[...]` too; a `]` right after the bracket is a member.
            const bool negated = i + 1 < chars.size() && chars[i + 1] == U'!';
            const std::size_t first = i + (negated ? 2 : 1);
            const std::size_t close = first + 1 <= chars.size()
                                          ? std::u32string_view(chars).find(U']', first + 1)
                                          : std::u32string_view::npos;
            if (close == std::u32string_view::npos) return syntax_error(i, "invalid range pattern");
            Token t = token(negated ? Kind::Except : Kind::Within);
            t.ranges = char_set(std::u32string_view(chars).substr(first, close - first));
            tokens.push_back(std::move(t));
            i = close + 1;
        } else {
            tokens.push_back(token(Kind::Char, c));
            ++i;
        }
    }
    return pattern;
}

bool LabelPattern::matches(std::string_view label) const {
    const std::u32string chars = decode_all(label);
    return match_from(tokens_, 0, chars, 0);
}

}  // namespace eventlab::acl
