#include "view/windows/window_forms.h"

#include "core/bus/names.h"

namespace eventlab {

std::vector<std::string> parse_event_list(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string_view item = text.substr(start, comma - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        start = comma + 1;
    }
    return out;
}

Result<void> check_event_list(const std::vector<std::string>& events, Mode mode) {
    for (const std::string& event : events) {
        if (auto bad = check_event_name(event, mode, NameCall::Js, "listen")) {
            return Failure{"`" + event + "`: " + bad->message};
        }
    }
    return {};
}

std::string default_listener_name(std::string_view label, std::string_view event,
                                  const std::optional<EventTarget>& target, bool once) {
    std::string name =
        std::string(label) + ": " + (once ? "once(" : "listen(") + std::string(event);
    if (target) {
        name += ", {target: ";
        name += target->kind == EventTarget::Kind::AnyLabel ? target->label : describe(*target);
        name += "}";
    }
    return name + ")";
}

namespace {

nlohmann::json sample_value(const CommandParam& param, std::string_view label) {
    if (param.type != CommandParam::Type::String) return nullptr;
    const bool is_label = param.name.find("label") != std::string::npos;
    return is_label ? std::string(label) : std::string("test data");
}

}  // namespace

nlohmann::json default_invoke_args(const Command& command, std::string_view label) {
    nlohmann::json args = nlohmann::json::object();
    for (const CommandParam& param : command.params) {
        args[camel_case(param.name)] = sample_value(param, label);
    }
    return args;
}

std::string default_invoke_text(const Command& command, std::string_view label) {
    if (command.params.empty()) return "{}";
    std::string out = "{";
    for (std::size_t i = 0; i < command.params.size(); ++i) {
        if (i > 0) out += ", ";
        out += nlohmann::json(camel_case(command.params[i].name)).dump();
        out += ": ";
        out += sample_value(command.params[i], label).dump();
    }
    return out + "}";
}

}  // namespace eventlab
