// Reading one of a Tauri project's own files (tauri.conf.json, Tauri.toml, a capability, a
// platform config) into JSON, by its extension, as Tauri does: `.json` is JSON, `.toml` is
// TOML 1.0 (toml++, Debian's libtomlplusplus), and `.json5` is refused with an error naming the
// file: no JSON5 reader is packaged for Debian, and Tauri itself reads JSON5 only when the app
// enables its `config-json5` feature.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/util/result.h"

namespace eventlab::acl {

// Syntax errors name the file, line and column ("Tauri.toml:3:7: ...").
Result<nlohmann::json> read_config_document(const std::string& path);

}  // namespace eventlab::acl
