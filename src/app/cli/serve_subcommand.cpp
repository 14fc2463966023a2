// `eventlab serve`: the bridge headless, for tests and CI. Ready when it prints its URL; SIGINT
// or SIGTERM ends it (exit 0) with every page's window destroyed and the trace complete.
#include <pthread.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "app/cli/subcommands.h"
#include "backend/node_backend.h"
#include "bridge/origin.h"
#include "bridge/server.h"
#include "core/app/session.h"
#include "core/scenario/runner.h"
#include "core/trace/trace.h"

namespace eventlab::app {
namespace {

// Blocked in every thread (threads inherit the mask), so the main thread takes them with
// sigwait and nothing is interrupted half way.
sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

}  // namespace

int serve_subcommand(const ServeOptions& options) {
    std::optional<Scenario> scenario;
    if (!options.scenario.empty()) {
        ScenarioParse parse = load_scenario(options.scenario);
        for (const auto& warning : parse.warnings())
            std::cerr << "eventlab: warning: " << warning << "\n";
        if (!parse.ok()) {
            std::cerr << "eventlab: " << parse.error() << "\n";
            return 2;
        }
        scenario = std::move(*parse);
    }
    const BusConfig config = scenario ? resolve_config(*scenario, RunSettings{options.mode, {}, {}})
                                      : BusConfig{options.mode.value_or(kDefaultMode)};

    std::shared_ptr<const acl::Project> project;
    if (!options.project.empty()) {
        auto loaded = load_project_for(options.project, config.mode);
        for (const auto& warning : loaded.warnings())
            std::cerr << "eventlab: warning: " << warning << "\n";
        if (!loaded) {
            std::cerr << "eventlab: " << loaded.error() << "\n";
            return 2;
        }
        project = *loaded;
    }

    const sigset_t signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Session session(config);
    if (project) session.open_project(project);
    if (options.with_global_tauri) {
        AppInfo app = session.app();
        app.with_global_tauri = true;
        session.set_app(std::move(app));
    }
    if (!options.tap_rules.empty()) {
        std::optional<ModeRules> row = rules(config.mode);
        std::string name = std::string(row->name) + " (with";
        for (const auto& assignment : options.tap_rules) {
            std::string error;
            row = override_rule(*row, assignment, error);
            if (!row) {
                std::cerr << "eventlab: --tap-rule: " << error << "\n";
                return 2;
            }
            name += " " + assignment;
        }
        session.set_tap_rules(*row, name + ")");
    }
    std::shared_ptr<TraceFileSink> trace;
    if (!options.trace.empty()) {
        auto opened = TraceFileSink::open(
            options.trace, {kTraceVersion, config.mode, config.order, config.seed}, 0);
        if (!opened) {
            std::cerr << "eventlab: " << opened.error() << "\n";
            return 2;
        }
        trace = std::move(*opened);
        session.recorder().add_sink(trace);
    }
    if (scenario) {
        const RunReport report = run_scenario(session, *scenario);
        for (const auto& outcome : report.outcomes) {
            if (!outcome.ok) {
                std::cerr << "eventlab: warning: " << outcome.path << ": " << outcome.message
                          << "\n";
            }
        }
    }
    session.go_live();

    bridge::BridgeOptions bridge_options;
    bridge_options.bind = options.bind;
    bridge_options.port = options.port;
    bridge_options.allowed_origins = options.allow_origins;
    bridge_options.static_dir = options.static_dir;
    bridge_options.max_message = options.max_message;
    bridge_options.max_send_queue = options.max_send_queue;
    bridge_options.max_buffered = options.max_buffered;
    // Started before the bridge: a page's first command may be the stand-in's. Without Node it
    // says so and the bridge answers everything else.
    std::shared_ptr<backend::NodeBackend> stand_in;
    if (!options.backend.empty()) {
        stand_in =
            std::make_shared<backend::NodeBackend>(backend::backend_options(options.backend));
        stand_in->attach(&session);
        bridge_options.stand_in = stand_in;
    }
    bridge::BridgeServer server(bridge_options);
    if (std::string error = server.start(&session); !error.empty()) {
        std::cerr << "eventlab: " << error << "\n";
        return 1;
    }
    if (!bridge::is_loopback_address(options.bind)) {
        std::cerr << "eventlab: warning: listening on " << options.bind
                  << ", not loopback: anything that can reach this port can drive the session\n";
    }
    std::cerr << "eventlab: " << session.permissions_note()
              << (project ? "" : " (--project PATH checks them as Tauri does)") << "\n";
    std::cout << "eventlab: bridge listening on " << server.url() << std::endl;

    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
    if (stand_in) stand_in->stop();  // its last emits are in the trace before it closes
    if (trace) {
        if (!close_trace(session, *trace, options.trace)) return 1;
        if (const std::uint64_t dropped = trace->records_dropped(); dropped > 0) {
            std::cerr << "eventlab: warning: the disk fell behind: " << dropped
                      << " records were dropped from the trace " << options.trace
                      << " (error records with op \"trace\" say where)\n";
        }
    }
    return 0;
}

}  // namespace eventlab::app
