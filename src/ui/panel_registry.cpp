#include "ui/panel_registry.h"

#include <algorithm>
#include <utility>

namespace eventlab::ui {
namespace {

// Filled by the panels' files while the program starts (static initialisation), read after.
std::vector<PanelInfo>& registry() {
    static std::vector<PanelInfo> panels;
    return panels;
}

}  // namespace

PanelRegistration::PanelRegistration(PanelInfo info) {
    std::vector<PanelInfo>& panels = registry();
    const auto at = std::upper_bound(panels.begin(), panels.end(), info.order,
                                     [](int order, const PanelInfo& p) { return order < p.order; });
    panels.insert(at, std::move(info));
}

const std::vector<PanelInfo>& registered_panels() {
    return registry();
}

std::unique_ptr<Panel> make_panel(std::string_view name) {
    for (const PanelInfo& p : registry()) {
        if (p.name == name) return p.make();
    }
    return nullptr;
}

PanelSet::PanelSet() {
    for (const PanelInfo& p : registry())
        entries_.push_back({&p, p.make()});
}

}  // namespace eventlab::ui
