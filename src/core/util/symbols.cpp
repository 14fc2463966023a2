#include "core/util/symbols.h"

#include <atomic>
#include <mutex>

namespace eventlab {
namespace {

std::atomic<std::uint64_t> next_table_id{1};

// The last name a thread interned, and in which table: most interning repeats it (one event
// emitted over and over, recorded at every emit), and this skips the hash and the lock. The
// view points into that table's strings, which live as long as the table; a table's id is never
// reused, so a memo of a table that is gone is never compared.
struct InternMemo {
    std::uint64_t table = 0;
    std::string_view text;
    Sym sym = kNoSym;
};
thread_local InternMemo intern_memo;

}  // namespace

Symbols::Symbols() : id_(next_table_id.fetch_add(1, std::memory_order_relaxed)) {
    strings_.emplace_back();
}  // slot 0 is kNoSym

Sym Symbols::intern(std::string_view text) {
    InternMemo& memo = intern_memo;
    if (memo.table == id_ && memo.text == text) return memo.sym;
    Sym sym = kNoSym;
    std::string_view stored;
    {
        std::shared_lock lock(mutex_);
        if (auto it = index_.find(text); it != index_.end()) {
            stored = it->first;
            sym = it->second;
        }
    }
    if (sym == kNoSym) {
        std::unique_lock lock(mutex_);
        if (auto it = index_.find(text); it != index_.end()) {
            stored = it->first;
            sym = it->second;
        } else {
            sym = static_cast<Sym>(strings_.size());
            stored = strings_.emplace_back(text);
            index_.emplace(stored, sym);
        }
    }
    memo = {id_, stored, sym};
    return sym;
}

Sym Symbols::find(std::string_view text) const {
    std::shared_lock lock(mutex_);
    auto it = index_.find(text);
    return it == index_.end() ? kNoSym : it->second;
}

std::string_view Symbols::view(Sym sym) const {
    std::shared_lock lock(mutex_);
    return sym < strings_.size() ? std::string_view(strings_[sym]) : std::string_view();
}

size_t Symbols::size() const {
    std::shared_lock lock(mutex_);
    return strings_.size() - 1;
}

}  // namespace eventlab
