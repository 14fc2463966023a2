// Interned strings: records refer to event names and labels by a 4-byte id, so a million
// records do not hold a million copies of "test-event".
#pragma once

#include <cstdint>
#include <deque>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace eventlab {

using Sym = std::uint32_t;
inline constexpr Sym kNoSym = 0;  // "null" / absent

class Symbols {
  public:
    Symbols();
    Sym intern(std::string_view text);
    // The id of `text` if it was interned, else kNoSym; never adds it (lookups of labels a
    // user is still typing must not keep every prefix forever).
    Sym find(std::string_view text) const;
    // Stable for the life of the table: strings are never moved or freed.
    std::string_view view(Sym sym) const;
    size_t size() const;

  private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    const std::uint64_t id_;  // tells this table's memo entries from another's (see intern)
    mutable std::shared_mutex mutex_;
    std::deque<std::string> strings_;  // deque: growing never moves existing elements
    std::unordered_map<std::string_view, Sym, Hash, std::equal_to<>> index_;
};

}  // namespace eventlab
