#include "view/log/row_matcher.h"

#include <cinttypes>
#include <cstdio>
#include <memory>

#include "core/util/ascii_fold.h"
#include "view/log/log_rows_internal.h"

namespace eventlab {

using namespace log_rows_detail;  // NOLINT(google-build-using-namespace): shared helpers

RowMatcher::RowMatcher(const TextFilter& filter, TypeMask types, const Symbols& symbols)
    : symbols_(symbols), types_(types) {
    // Includes first, then excludes: each term is a bit of the masks below.
    for (const bool exclude : {false, true}) {
        for (const TextFilter::Term& term : filter.terms()) {
            if (term.exclude != exclude) continue;
            Term t;
            t.exclude = exclude;
            t.lower = term.lower;
            t.numeric = t.lower.find_first_not_of("#id 0123456789") == std::string::npos;
            terms_.push_back(std::move(t));
        }
    }
    cached_ = terms_.size() <= 64;  // one bit per term
    if (!cached_) return;
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        const Mask bit = Mask{1} << i;
        (terms_[i].exclude ? exclude_bits_ : include_bits_) |= bit;
        if (terms_[i].numeric) numeric_bits_ |= bit;
    }
}

std::size_t RowMatcher::SigHash::operator()(const SigKey& k) const {
    std::uint64_t h = k.a * 0x9E3779B97F4A7C15ULL;
    h ^= (k.b + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2)) * 0xBF58476D1CE4E5B9ULL;
    h ^= (k.c + 0x94D049BB133111EBULL + (h << 6) + (h >> 2));
    return static_cast<std::size_t>(h ^ (h >> 31));
}

RowMatcher::Mask RowMatcher::mask_of(std::string_view field) const {
    Mask mask = 0;
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        if (contains_ascii_folded(field, terms_[i].lower)) mask |= Mask{1} << i;
    }
    return mask;
}

bool RowMatcher::passes(Mask mask) const {
    if ((mask & exclude_bits_) != 0) return false;
    return include_bits_ == 0 || (mask & include_bits_) != 0;
}

RowMatcher::Mask RowMatcher::signature_mask(const Record& r) {
    const std::uint32_t misc = static_cast<std::uint32_t>(r.type) | (r.text ? 0x10U : 0U) |
                               (std::uint32_t{r.code} << 8) | (std::uint32_t{r.flags} << 16) |
                               (std::uint32_t{r.kinds} << 24);
    const SigKey key{misc | (std::uint64_t{r.target_label} << 32),
                     r.event | (std::uint64_t{r.in} << 32), r.aux};
    SigSlot& slot = recent_[SigHash{}(key) % recent_.size()];
    if (slot.used && slot.key == key) return slot.mask;
    auto it = signatures_.find(key);
    Mask mask = 0;
    if (it != signatures_.end()) {
        mask = it->second;
    } else {
        signature_fields(r, symbols_, [&](std::string_view field) { mask |= mask_of(field); });
        // A log of a million distinct listener names would grow this without end.
        if (signatures_.size() >= 65'536) signatures_.clear();
        signatures_.emplace(key, mask);
    }
    slot = SigSlot{key, mask, true};
    return mask;
}

RowMatcher::Mask RowMatcher::text_mask(const Text& text, TextCache& cache, bool accept_list) {
    // Deliveries share their emit's payload: one search per payload, not one per delivery.
    const auto address = reinterpret_cast<std::uintptr_t>(text.get());
    TextSlot& slot = cache[(address >> 4) % cache.size()];
    if (slot.text.get() == text.get()) return slot.mask;
    Record probe;
    slot.mask = 0;
    if (accept_list) {
        probe.type = RecordType::Emit;
        probe.code = static_cast<std::uint8_t>(EmitApi::EmitFilter);
        probe.text = text;
        slot.mask = mask_of(accept_description(probe));
    } else {
        slot.mask = mask_of(bounded(text));
    }
    slot.text = text;
    return slot.mask;
}

RowMatcher::Mask RowMatcher::numeric_mask(const Record& r) const {
    Mask mask = 0;
    char buffer[32];
    auto check = [&](const char* prefix, std::uint32_t value) {
        const int n = std::snprintf(buffer, sizeof buffer, "%s%" PRIu32, prefix, value);
        const std::string_view field(buffer, static_cast<std::size_t>(n));
        for (std::size_t i = 0; i < terms_.size(); ++i) {
            if ((numeric_bits_ >> i & 1U) != 0 && contains_ascii_folded(field, terms_[i].lower)) {
                mask |= Mask{1} << i;
            }
        }
    };
    if (has_emit_id(r)) check("#", r.emit);
    if (r.type == RecordType::Skip && r.payload) {
        for (const std::uint32_t id : record_skip_listeners(r))  // each listener it stands for
            check("id ", id);
    } else if (has_listener_id(r)) {
        check("id ", r.listener);
    }
    return mask;
}

bool RowMatcher::matches(const Record& r) {
    if ((types_ & type_bit(r.type)) == 0) return false;
    if (terms_.empty()) return true;
    if (!cached_) return matches_uncached(r);
    Mask mask = signature_mask(r);
    if ((mask & exclude_bits_) != 0) return false;
    if (r.payload) mask |= text_mask(r.payload, payloads_, false);
    if (r.text) mask |= text_mask(r.text, texts_, is_accept_list(r));
    if (numeric_bits_ != 0) mask |= numeric_mask(r);
    return passes(mask);
}

bool RowMatcher::matches_uncached(const Record& r) const {
    if ((types_ & type_bit(r.type)) == 0) return false;
    std::vector<char> hit(terms_.size(), 0);
    for_each_search_field(r, symbols_, [&](std::string_view field) {
        for (std::size_t i = 0; i < terms_.size(); ++i) {
            if (hit[i] == 0 && contains_ascii_folded(field, terms_[i].lower)) hit[i] = 1;
        }
    });
    bool any_include = false;
    bool included = false;
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        if (terms_[i].exclude) {
            if (hit[i] != 0) return false;
        } else {
            any_include = true;
            included = included || hit[i] != 0;
        }
    }
    return !any_include || included;
}

bool row_matches(const Record& r, const Symbols& symbols, const TextFilter& filter) {
    RowMatcher matcher(filter, kAllTypes, symbols);
    return matcher.matches(r);
}

LogIndex::Predicate make_row_predicate(const TextFilter& filter, TypeMask types,
                                       const Symbols& symbols) {
    auto matcher = std::make_shared<RowMatcher>(filter, types, symbols);
    if (matcher->keeps_everything()) return {};  // LogIndex keeps every record without one
    return [matcher](const Record& r) { return matcher->matches(r); };
}

}  // namespace eventlab
