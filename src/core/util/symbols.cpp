#include "core/util/symbols.h"

#include <mutex>

namespace eventlab {

Symbols::Symbols() {
    strings_.emplace_back();
}  // slot 0 is kNoSym

Sym Symbols::intern(std::string_view text) {
    {
        std::shared_lock lock(mutex_);
        if (auto it = index_.find(text); it != index_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    if (auto it = index_.find(text); it != index_.end()) return it->second;
    const auto sym = static_cast<Sym>(strings_.size());
    const std::string& stored = strings_.emplace_back(text);
    index_.emplace(std::string_view(stored), sym);
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
