// Commands answered outside the session, later: the app's backend stand-in (`--backend FILE`, a
// Node module; src/backend/). The bridge hands it a page's command after Tauri's checks
// (Session::admit) and before the session's own commands, and answers the page when it answers.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "core/app/caller.h"
#include "core/app/commands.h"

namespace eventlab {

class CommandStandIn {
  public:
    // The answer, or nullopt when the command is not the stand-in's (the session's declared
    // commands come next, then "Command NAME not found").
    using Done = std::function<void(std::optional<InvokeResult>)>;

    virtual ~CommandStandIn() = default;
    // `done` runs exactly once, on any thread. Channel messages go to caller.run_callback.
    virtual void invoke(const Caller& caller, std::string_view command, const nlohmann::json& args,
                        Done done) = 0;
};

}  // namespace eventlab
