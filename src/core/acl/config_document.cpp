#include "core/acl/config_document.h"

#include <toml++/toml.h>

#include <filesystem>
#include <sstream>

#include "core/util/json_io.h"

namespace eventlab::acl {

namespace {

nlohmann::json to_json(const toml::node& node);

nlohmann::json table_to_json(const toml::table& table) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : table)
        out[std::string(key.str())] = to_json(value);
    return out;
}

// Dates and times have no JSON type; Tauri's config has none either, so they become the text
// TOML wrote.
nlohmann::json to_json(const toml::node& node) {
    if (const auto* t = node.as_table()) return table_to_json(*t);
    if (const auto* a = node.as_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : *a)
            out.push_back(to_json(item));
        return out;
    }
    if (const auto* s = node.as_string()) return s->get();
    if (const auto* i = node.as_integer()) return i->get();
    if (const auto* f = node.as_floating_point()) return f->get();
    if (const auto* b = node.as_boolean()) return b->get();
    std::ostringstream text;
    node.visit([&](const auto& value) { text << value; });
    return text.str();
}

Result<nlohmann::json> parse_toml(const std::string& text, const std::string& path) {
    try {
        const toml::table table = toml::parse(text, path);
        return table_to_json(table);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        return Failure{path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                       ": " + std::string(e.description())};
    }
}

}  // namespace

Result<nlohmann::json> read_config_document(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".json5") {
        return Failure{path +
                       ": EventLab cannot read JSON5 (Debian packages no JSON5 reader); "
                       "write it as tauri.conf.json / .json, or as Tauri.toml / .toml"};
    }
    auto text = read_text_file(path);
    if (!text) return Failure{text.error()};
    if (ext == ".toml") return parse_toml(*text, path);
    if (ext != ".json") {
        return Failure{path + ": unknown format " + ext + " (Tauri reads .json, .json5 and .toml)"};
    }
    std::string error;
    auto doc = parse_json_text(*text, path, error);
    if (!doc) return Failure{error};
    return std::move(*doc);
}

}  // namespace eventlab::acl
