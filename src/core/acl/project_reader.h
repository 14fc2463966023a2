// Internal to the project loader (project*.cpp): reading the Tauri config's members under
// either spelling Tauri accepts, camelCase (tauri.conf.json) or kebab-case (its serde aliases,
// which Tauri.toml files use).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/acl/project.h"
#include "core/util/json_reader.h"

namespace eventlab::acl::detail {

class ConfigReader : public JsonReader {
  public:
    explicit ConfigReader(const std::string& source);

    // The member written as `camel` or as its kebab-case alias.
    std::optional<JsonField> member(const JsonObject& obj, std::string_view camel);
    // A member that must be an object (absent: nullopt, no error).
    std::optional<JsonObject> object(const JsonObject& obj, std::string_view camel,
                                     std::string_view owner);
    void optional_string(const JsonObject& obj, std::string_view camel,
                         std::optional<std::string>& to);
    void optional_number(const JsonObject& obj, std::string_view camel, std::optional<double>& to);
    void number(const JsonObject& obj, std::string_view camel, double& to);
    void boolean(const JsonObject& obj, std::string_view camel, bool& to);
    // Warns about members that are none of `known` (camelCase names; aliases accepted).
    void warn_unknown_members(const JsonObject& obj, const std::vector<std::string_view>& known);
};

// Reads app.windows into the project; errors and warnings go to the reader.
void read_windows(ConfigReader& r, const JsonObject& app, Project& project);

// The capabilities of src-tauri/capabilities/ and the config's app.security.capabilities,
// selected as Tauri selects them; the files' capabilities left out go to `unselected` (Tauri's
// build checks their permissions all the same).
Result<std::vector<Capability>> read_project_capabilities(const Project& project,
                                                          const nlohmann::json& entries,
                                                          const std::string& entries_pointer,
                                                          std::vector<Capability>& unselected);

// The core manifests of the release plus the project's acl-manifests.json (when present), with
// permissions of plugins that cannot be known left out (warned) when the file is absent.
// Then checks every capability's permissions and resolves the selected ones into project.acl.
Result<bool> read_project_permissions(Project& project, std::vector<Capability> unselected);

}  // namespace eventlab::acl::detail
