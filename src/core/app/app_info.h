// What the simulated app says about itself (`plugin:app|name`, `version`, `identifier`,
// `tauri_version`), where its path plugin puts its directories, and whether its pages get
// `window.__TAURI__`. EventLab's own defaults until a project's tauri.conf.json fills it in.
#pragma once

#include <string>

namespace eventlab {

struct AppInfo {
    std::string name = "eventlab-app";            // productName (package_info().name)
    std::string version = "0.1.0";                // version
    std::string identifier = "com.eventlab.app";  // identifier: names the app's directories
    // The Tauri release whose command surface EventLab answers with (`getTauriVersion()`).
    std::string tauri_version = "2.12.7";
    bool with_global_tauri = false;  // app.withGlobalTauri: pages get window.__TAURI__
    // The folder holding one sandbox per app identifier (see path_plugin.h); empty: the default,
    // $XDG_DATA_HOME/eventlab/sandbox (~/.local/share/eventlab/sandbox).
    std::string sandbox_root;
};

}  // namespace eventlab
