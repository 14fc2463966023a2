#include "core/app/channel.h"

#include <charconv>

namespace eventlab {

std::optional<std::uint32_t> Channel::parse(std::string_view value) {
    if (!value.starts_with(kPrefix)) return std::nullopt;
    const std::string_view digits = value.substr(kPrefix.size());
    std::uint32_t id = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
        return std::nullopt;
    }
    return id;
}

std::string Channel::invalid(std::string_view value) {
    return "invalid channel value `" + std::string(value) + "`, expected a string in the `" +
           std::string(kPrefix) + "ID` format";
}

std::shared_ptr<Channel> Channel::open(std::uint32_t id, RunCallback run_callback) {
    return std::make_shared<Channel>(id, std::move(run_callback));
}

void Channel::send(nlohmann::json message) {
    const std::uint64_t index = next_index_.fetch_add(1, std::memory_order_relaxed);
    if (run_callback_) run_callback_(id_, {{"message", std::move(message)}, {"index", index}});
}

Channel::~Channel() {
    if (run_callback_) {
        run_callback_(id_, {{"end", true}, {"index", next_index_.load(std::memory_order_relaxed)}});
    }
}

}  // namespace eventlab
