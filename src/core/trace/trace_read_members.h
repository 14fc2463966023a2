// What the fast reader (trace_read_fast.cpp) keeps of a record line while trace_fields reads it:
// each member decoded once, found again by key, and the strings a trace repeats on every line.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/record/record.h"

namespace eventlab {

// Keys and names are a few bytes long: comparing them in place beats a call to memcmp, which
// took a tenth of the load (perf).
inline bool same_text(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

// One member of a record line's object, its value decoded as nlohmann would have read it.
struct Member {
    enum Kind : std::uint8_t { Null, Bool, Int, Uint, Double, String, Nested };
    std::string_view key;  // unescaped, in the parser's buffer: valid until the next line
    Kind kind = Null;
    bool boolean = false;
    std::int64_t integer = 0;
    std::uint64_t unsigned_integer = 0;
    double real = 0;
    std::string_view text;  // String: unescaped, in the parser's buffer
    nlohmann::json value;   // Nested: the value; others: filled by FastFields::get
};

// The members of a record line's object, found by key. A writer's line has at most a dozen, and
// trace_fields asks for them in the order the writer wrote them: the member after the last one
// found is tried first.
class Members {
  public:
    void clear() {
        count_ = 0;
        next_ = 0;
        seen_ = 0;
    }
    // The member to fill for key: the one already there (nlohmann keeps the last of duplicate
    // keys), else a new one; null when there are more than it holds (the DOM path reads those).
    // A bit per key hash says which keys may be there already: most lines have no duplicate,
    // and searching for one made up a quarter of a load (callgrind).
    Member* slot(std::string_view key) {
        const std::uint64_t bit = std::uint64_t{1} << hash(key);
        if ((seen_ & bit) != 0) {
            for (std::size_t i = 0; i < count_; ++i) {
                if (same_text(members_[i].key, key)) return &members_[i];
            }
        }
        if (count_ == members_.size()) return nullptr;
        seen_ |= bit;
        members_[count_].key = key;
        return &members_[count_++];
    }
    Member* find(std::string_view key) {
        if (next_ < count_ && same_text(members_[next_].key, key)) return &members_[next_++];
        for (std::size_t i = 0; i < count_; ++i) {
            if (same_text(members_[i].key, key)) {
                next_ = i + 1;
                return &members_[i];
            }
        }
        return nullptr;
    }

  private:
    static unsigned hash(std::string_view key) {
        if (key.empty()) return 0;
        const auto first = static_cast<unsigned char>(key.front());
        const auto last = static_cast<unsigned char>(key.back());
        return static_cast<unsigned>(key.size() * 31 + first + std::size_t{last} * 7) % 64;
    }

    std::array<Member, 24> members_;
    std::size_t count_ = 0;
    std::size_t next_ = 0;
    std::uint64_t seen_ = 0;
};

// Strings a trace repeats on nearly every line (event names, labels, match words), remembered by
// a reader: a hit costs a compare instead of the symbol table's lock and hash, and equal words
// share one Text instead of a copy per record. A reader interns into one Symbols all its life.
class FieldCache {
  public:
    Sym intern(std::string_view text, Symbols& symbols) {
        if (&symbols != symbols_) {
            syms_ = {};
            symbols_ = &symbols;
        }
        SymEntry& e = syms_[slot(text)];
        if (e.sym != kNoSym && same_text(e.text, text)) return e.sym;
        e.text.assign(text);
        e.sym = symbols.intern(text);
        return e.sym;
    }
    Text words(std::string_view text) {
        Text& e = words_[slot(text)];
        if (!e || *e != text) e = make_text(std::string(text));
        return e;
    }

  private:
    static constexpr std::size_t kSlots = 64;
    struct SymEntry {
        std::string text;
        Sym sym = kNoSym;
    };
    static std::size_t slot(std::string_view s) {
        if (s.empty()) return 0;
        const auto first = static_cast<std::uint8_t>(s.front());
        const auto last = static_cast<std::uint8_t>(s.back());
        return (s.size() * 131 + std::size_t{first} * 7 + last) % kSlots;
    }

    std::array<SymEntry, kSlots> syms_;
    std::array<Text, kSlots> words_;
    const Symbols* symbols_ = nullptr;
};

// The same answers as the DOM path's Fields when they succeed. Errors need no words: a failed
// fast read goes to the DOM path, which words them.
class FastFields {
  public:
    FastFields(Members& members, FieldCache& cache) : members_(members), cache_(cache) {}

    bool ok() const { return ok_; }
    void fail(const std::string& /*why*/) { ok_ = false; }

    // Stable until the next line: each member keeps its own value.
    const nlohmann::json* get(std::string_view key, bool required = true) {
        Member* m = find(key, required);
        if (m == nullptr) return nullptr;
        switch (m->kind) {
            case Member::Null:
                m->value = nullptr;
                break;
            case Member::Bool:
                m->value = m->boolean;
                break;
            case Member::Int:  // nlohmann reads a non-negative integer as unsigned
                m->value = m->integer >= 0 ? nlohmann::json(static_cast<std::uint64_t>(m->integer))
                                           : nlohmann::json(m->integer);
                break;
            case Member::Uint:
                m->value = m->unsigned_integer;
                break;
            case Member::Double:
                m->value = m->real;
                break;
            case Member::String:
                m->value = std::string(m->text);
                break;
            case Member::Nested:
                break;
        }
        return &m->value;
    }
    std::string_view str(std::string_view key, bool required = true) {
        const Member* m = find(key, required);
        if (m == nullptr) return {};
        if (m->kind != Member::String) ok_ = false;
        return m->text;
    }
    Sym sym(std::string_view key, Symbols& symbols) {
        const std::string_view text = str(key);
        return ok_ ? cache_.intern(text, symbols) : kNoSym;
    }
    Text words(std::string_view key) {
        const std::string_view text = str(key);
        return ok_ ? cache_.words(text) : Text();
    }
    Sym sym_or_null(std::string_view key, Symbols& symbols, bool required = true) {
        const Member* m = find(key, required);
        if (m == nullptr || m->kind == Member::Null) return kNoSym;
        if (m->kind != Member::String) {
            ok_ = false;
            return kNoSym;
        }
        return cache_.intern(m->text, symbols);
    }
    std::uint64_t num(std::string_view key) {
        const Member* m = find(key, true);
        if (m == nullptr) return 0;
        if (m->kind == Member::Uint) return m->unsigned_integer;
        if (m->kind != Member::Int || m->integer < 0) ok_ = false;
        return static_cast<std::uint64_t>(m->integer);
    }
    // Beyond int64 nlohmann wraps the value around; that rare case is left to it.
    std::int64_t integer(std::string_view key) {
        const Member* m = find(key, true);
        if (m == nullptr) return 0;
        if (m->kind != Member::Int) ok_ = false;
        return m->integer;
    }
    bool boolean(std::string_view key, bool required = true) {
        const Member* m = find(key, required);
        if (m == nullptr) return false;
        if (m->kind != Member::Bool) ok_ = false;
        return m->boolean;
    }

  private:
    Member* find(std::string_view key, bool required) {
        Member* m = members_.find(key);
        if (m == nullptr && required) ok_ = false;
        return m;
    }

    Members& members_;
    FieldCache& cache_;
    bool ok_ = true;
};

}  // namespace eventlab
