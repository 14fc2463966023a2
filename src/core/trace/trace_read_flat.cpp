#include "core/trace/trace_read_flat.h"

#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/util/utf8.h"

namespace eventlab {
namespace {

#if defined(__SSE2__)
constexpr unsigned kRunBytes = 16;

// How many of the 16 bytes at p are plain string bytes before the first special one (16: all).
unsigned plain_run(const char* p) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: bytes from 0x80 up are negative, so they count as "below 0x20" too.
    const __m128i low = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
    const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
    const auto mask =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(quote, backslash))));
    return mask == 0 ? kRunBytes : static_cast<unsigned>(__builtin_ctz(mask));
}
#else
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

// 0x80 in exactly the bytes of w that are zero.
std::uint64_t zero_bytes(std::uint64_t w) {
    return ~(((w & kLow7) + kLow7) | w | kLow7);
}

// 0x80 in exactly the bytes of w that end a string's plain run: '"', '\\', a control
// character, or a byte of a multi-byte UTF-8 sequence.
std::uint64_t special_bytes(std::uint64_t w) {
    const std::uint64_t control = ~((w & kLow7) + kOnes * 0x60) & ~w & kHigh;
    return control | (w & kHigh) | zero_bytes(w ^ (kOnes * '"')) | zero_bytes(w ^ (kOnes * '\\'));
}

constexpr unsigned kRunBytes = 8;

unsigned plain_run(const char* p) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    const std::uint64_t special = special_bytes(word);
    return special == 0 ? kRunBytes : static_cast<unsigned>(__builtin_ctzll(special) / 8);
}
#endif

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class FlatScanner {
  public:
    explicit FlatScanner(std::string_view line)
        : at_(line.data()), end_(line.data() + line.size()) {}

    bool object(Members& members);

  private:
    // skip_space, eat and string are inlined: called two to four times a member, the calls were
    // a third of the load (perf), and a writer's lines have no white space to skip.
    [[gnu::always_inline]] void skip_space() {
        // Most bytes are not white space: one compare says so.
        const char* at = at_;
        while (at < end_ && static_cast<unsigned char>(*at) <= ' ' && is_space(*at))
            ++at;
        at_ = at;
    }
    [[gnu::always_inline]] bool eat(char c) {
        if (at_ == end_ || *at_ != c) return false;
        ++at_;
        return true;
    }
    bool literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - at_) < word.size() ||
            std::memcmp(at_, word.data(), word.size()) != 0) {
            return false;
        }
        at_ += word.size();
        return true;
    }
    [[gnu::always_inline]] inline bool string(std::string_view& out);
    bool integer(Member& m);
    bool value(Member& m);

    const char* at_;
    const char* end_;
};

// A string without escapes or raw control characters (nlohmann refuses those), valid UTF-8.
// A run of bytes at a time: the line is followed by padding, so a read may pass its end.
// (The cursor is a local: the compiler must assume that a store into a Member, which holds
// pointers too, may change at_, and kept reloading it.)
bool FlatScanner::string(std::string_view& out) {
    if (!eat('"')) return false;
    const char* const begin = at_;
    const char* at = at_;
    bool ascii = true;
    for (;;) {
        const unsigned skip = plain_run(at);
        if (skip == kRunBytes) {
            at += kRunBytes;
            continue;
        }
        at += skip;
        if (at >= end_) return false;
        const auto c = static_cast<std::uint8_t>(*at);
        if (c == '"') break;
        if (c < 0x80) return false;  // an escape or a control character
        ascii = false;
        ++at;
    }
    at_ = at + 1;
    out = std::string_view(begin, static_cast<std::size_t>(at - begin));
    return ascii || utf8::is_valid(out);
}

// An integer of up to 18 digits; signs on zeros, leading zeros, fractions and exponents are
// left to the general parsers, which know what nlohmann makes of them.
bool FlatScanner::integer(Member& m) {
    const bool negative = eat('-');
    const char* const digits = at_;
    const char* at = at_;
    std::uint64_t value = 0;  // unsigned: wraps (defined) on a long run, which is refused
    for (; at < end_ && *at >= '0' && *at <= '9'; ++at)
        value = value * 10 + static_cast<std::uint64_t>(*at - '0');
    at_ = at;
    const auto count = static_cast<std::size_t>(at - digits);
    if (count == 0 || count > 18 || (*digits == '0' && (count > 1 || negative))) return false;
    if (at < end_ && (*at == '.' || *at == 'e' || *at == 'E')) return false;
    m.kind = Member::Int;
    m.integer = negative ? -static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value);
    return true;
}

bool FlatScanner::value(Member& m) {
    if (at_ == end_) return false;
    switch (*at_) {
        case '"':
            m.kind = Member::String;
            return string(m.text);
        case 't':
            m.kind = Member::Bool;
            m.boolean = true;
            return literal("true");
        case 'f':
            m.kind = Member::Bool;
            m.boolean = false;
            return literal("false");
        case 'n':
            m.kind = Member::Null;
            return literal("null");
        default:
            return integer(m);  // anything else fails there, objects and arrays too
    }
}

bool FlatScanner::object(Members& members) {
    members.clear();
    skip_space();
    if (!eat('{')) return false;
    skip_space();
    if (!eat('}')) {
        for (;;) {
            std::string_view key;
            if (!string(key)) return false;
            skip_space();
            if (!eat(':')) return false;
            skip_space();
            Member* m = members.slot(key);  // the last of duplicate keys wins, as in nlohmann
            if (m == nullptr || !value(*m)) return false;
            skip_space();
            if (eat('}')) break;
            if (!eat(',')) return false;
            skip_space();
        }
    }
    skip_space();
    return at_ == end_;
}

}  // namespace

bool read_flat_line(std::string_view line, Members& members) {
    return FlatScanner(line).object(members);
}

}  // namespace eventlab
