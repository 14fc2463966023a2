// Reads the arguments of one core plugin command the way its #[command] deserializer does: a
// missing or mistyped key rejects the call with Tauri's InvalidArgs text naming the command
// (``invalid args `value` for command `set_title`: …``). The first error wins; every reader
// returns nullopt once there is one.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/window_state.h"
#include "core/bus/target.h"

namespace eventlab {

// Tauri's dpi Size and Position: {"Physical": {…}} or {"Logical": {…}}.
struct SizeArg {
    bool logical = false;
    double width = 0;
    double height = 0;
    PhysicalSize physical(double scale_factor) const;
};
struct PositionArg {
    bool logical = false;
    double x = 0;
    double y = 0;
    PhysicalPosition physical(double scale_factor) const;
};

class PluginArgs {
  public:
    // `command`: the name without its plugin ("set_title"), as Tauri's message names it.
    PluginArgs(std::string_view command, const nlohmann::json& args)
        : command_(command), args_(args) {}

    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }

    // Required parameters (a missing key is an error).
    std::optional<std::string> string(std::string_view key);
    std::optional<std::uint32_t> u32(std::string_view key);
    std::optional<std::uint16_t> u16(std::string_view key);
    std::optional<std::int32_t> i32(std::string_view key);
    std::optional<double> f64(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    std::optional<EventTarget> target(std::string_view key);
    std::optional<SizeArg> size(std::string_view key);
    std::optional<PositionArg> position(std::string_view key);
    std::optional<std::vector<std::string>> strings(std::string_view key);
    // A required parameter EventLab does not read: true when present.
    bool required(std::string_view key) { return find(key) != nullptr; }
    // Any JSON value (a struct EventLab does not model); present or not.
    std::optional<nlohmann::json> value(std::string_view key);

    // Option<…> parameters: absent or null is none, which is no error (check failed()).
    std::optional<std::string> optional_string(std::string_view key);
    std::optional<SizeArg> optional_size(std::string_view key);
    std::optional<Theme> optional_theme(std::string_view key);

    // An Option<JsonValue> payload: absent or null both mean unit ("null").
    std::string payload() const;

  private:
    struct Tagged {
        bool logical;
        double first;
        double second;
    };
    std::optional<Tagged> tagged(std::string_view key, std::string_view type,
                                 std::string_view first, std::string_view second);
    const nlohmann::json* find(std::string_view key);     // a required key
    const nlohmann::json* present(std::string_view key);  // an optional key, null as absent
    template <typename Int>
    std::optional<Int> integer(std::string_view key, std::string_view type);
    std::nullopt_t wrong_type(std::string_view key, const nlohmann::json& value,
                              std::string_view expected);
    std::optional<double> number_in(std::string_view key, const nlohmann::json& object,
                                    std::string_view field);
    void fail(std::string_view key, const std::string& why);

    std::string_view command_;
    const nlohmann::json& args_;
    std::string error_;
};

}  // namespace eventlab
