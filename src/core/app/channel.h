// A `new Channel()` passed to a command, on the command's side (Tauri's ipc::Channel): the page
// sends it as "__CHANNEL__:ID", ID being the callback its onmessage sits behind. Each send reaches
// that callback as {message, index}, index counting from 0, which the api's Channel uses to hand
// messages to onmessage in order. When the last handle goes (the command returned and nothing
// kept it), the page gets {end: true, index} and drops the callback, as Tauri's drop does.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/app/caller.h"

namespace eventlab {

class Channel {
  public:
    static constexpr std::string_view kPrefix = "__CHANNEL__:";

    // The callback id a "__CHANNEL__:ID" argument names; nullopt for anything else.
    static std::optional<std::uint32_t> parse(std::string_view value);
    // Tauri's text for a string that is not one.
    static std::string invalid(std::string_view value);

    // A channel to the page behind `run_callback` (none: sends go nowhere).
    static std::shared_ptr<Channel> open(std::uint32_t id, RunCallback run_callback);
    Channel(std::uint32_t id, RunCallback run_callback)
        : id_(id), run_callback_(std::move(run_callback)) {}
    ~Channel();
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    std::uint32_t id() const { return id_; }
    void send(nlohmann::json message);

  private:
    std::uint32_t id_;
    RunCallback run_callback_;
    std::atomic<std::uint64_t> next_index_{0};
};

}  // namespace eventlab
