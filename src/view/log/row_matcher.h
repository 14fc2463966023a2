// The event log's filter predicate: per-type toggles plus a TextFilter (ImGuiTextFilter syntax)
// looked for in the row's fields. It looks at a record's fields one by one, through caches
// keyed by what the fields depend on, instead of building one string per record: a filter
// change over a million records costs tens of milliseconds, not seconds.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "view/log/log_index.h"
#include "view/log/log_rows.h"
#include "view/log/text_filter.h"

namespace eventlab {

// Per-type toggles, one bit per RecordType.
using TypeMask = std::uint16_t;
inline constexpr TypeMask kAllTypes = (1U << kRecordTypeCount) - 1;
inline constexpr TypeMask type_bit(RecordType type) {
    return static_cast<TypeMask>(1U << static_cast<unsigned>(type));
}

// Each term is looked for in each field of for_each_search_field() on its own, so a term never
// spans two cells. Keeps caches: one matcher per filter, used from one thread.
class RowMatcher {
  public:
    RowMatcher(const TextFilter& filter, TypeMask types, const Symbols& symbols);
    bool matches(const Record& r);
    bool keeps_everything() const { return types_ == kAllTypes && terms_.empty(); }

    // The same answer computed field by field without caches: the reference for tests, and
    // the way for filters with more than 64 terms (one bit per term in the caches).
    bool matches_uncached(const Record& r) const;

  private:
    using Mask = std::uint64_t;  // bit i: terms_[i] occurs in the field(s)
    struct Term {
        std::string lower;
        bool exclude = false;
        bool numeric = false;  // could occur in "#123" or "id 123"
    };
    struct SigKey {
        std::uint64_t a = 0;
        std::uint64_t b = 0;
        std::uint32_t c = 0;
        friend bool operator==(const SigKey&, const SigKey&) = default;
    };
    struct SigHash {
        std::size_t operator()(const SigKey& k) const;
    };
    struct SigSlot {
        SigKey key;
        Mask mask = 0;
        bool used = false;
    };
    struct TextSlot {
        Text text;  // held so that its address cannot be reused while it is cached
        Mask mask = 0;
    };
    using TextCache = std::array<TextSlot, 64>;

    Mask mask_of(std::string_view field) const;
    bool passes(Mask mask) const;
    Mask signature_mask(const Record& r);
    Mask text_mask(const Text& text, TextCache& cache, bool accept_list);
    Mask numeric_mask(const Record& r) const;

    const Symbols& symbols_;
    TypeMask types_;
    std::vector<Term> terms_;
    Mask include_bits_ = 0;
    Mask exclude_bits_ = 0;
    Mask numeric_bits_ = 0;
    bool cached_ = true;
    // A small direct-mapped cache in front of the map: no division, no pointer chasing for the
    // few signatures a log is mostly made of.
    std::array<SigSlot, 256> recent_{};
    std::unordered_map<SigKey, Mask, SigHash> signatures_;
    TextCache payloads_{};
    TextCache texts_{};
};

// The one-shot form: true when the log keeps `r` under `filter` with every type shown.
bool row_matches(const Record& r, const Symbols& symbols, const TextFilter& filter);

// A LogIndex predicate owning a RowMatcher (LogIndex copies its predicate, so it is shared).
// Empty when the filter keeps everything: LogIndex then keeps every record without a call.
LogIndex::Predicate make_row_predicate(const TextFilter& filter, TypeMask types,
                                       const Symbols& symbols);

}  // namespace eventlab
