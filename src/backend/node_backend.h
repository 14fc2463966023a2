// `--backend FILE`: a Node module standing in for the app's Rust commands. Its default export
// has the shape of a mockIPC handler, (cmd, args, ctx) => value; EventLab runs it in a Node
// process of its own (backend-host.mjs over a socket), restarts it when the file changes, and
// reports a load error, a throw or a crash while the rest of the session goes on answering.
// docs/bridge.md, "A backend stand-in in JavaScript".
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/app/caller.h"
#include "core/app/commands.h"
#include "core/app/stand_in.h"

namespace eventlab {
class Session;
class Channel;
}  // namespace eventlab

namespace eventlab::backend {

class NodeProcess;

// The module's answer: the value or the text the invoke rejects with; nullopt when it returned
// undefined (not its command: the declared commands come next).
using Answer = std::optional<InvokeResult>;
using Done = CommandStandIn::Done;

struct BackendOptions {
    std::string file;                               // the module (.mjs, .js, .cjs)
    std::string node = "node";                      // the Node binary (PATH is searched)
    std::chrono::milliseconds poll{200};            // how often the file is checked for a change
    std::function<void(const std::string&)> print;  // a line for stderr (default: std::cerr)
};

struct BackendStatus {
    enum class State { Starting, Running, Failed, Stopped } state = State::Starting;
    std::string text;  // what it is doing or what went wrong, one line: "running"
};

struct AnsweredCommand {
    std::string name;
    std::uint64_t resolved = 0;
    std::uint64_t rejected = 0;
};

class NodeBackend final : public CommandStandIn {
  public:
    explicit NodeBackend(BackendOptions options);  // starts Node and the watch on the file
    ~NodeBackend() override;                       // stop()
    // Ends Node and the watch; calls it had not answered reject. Later invokes pass on.
    void stop();
    NodeBackend(const NodeBackend&) = delete;
    NodeBackend& operator=(const NodeBackend&) = delete;

    // The session the module's emits go to and its problems are logged in (null: none). Waits
    // until no emit runs in the one it replaces.
    void attach(Session* session);

    // Hands the command to the module; `done` runs once, on another thread, with its answer.
    // Messages on the command's Channel arguments go to caller.run_callback.
    void invoke(const Caller& caller, std::string_view command, const nlohmann::json& args,
                Done done) override;

    BackendStatus status() const;
    std::vector<AnsweredCommand> answered() const;  // the commands it answered, first first
    const std::string& file() const { return options_.file; }

  private:
    struct Call {
        std::string command;
        Done done;
        RunCallback run_callback;
        std::map<std::uint32_t, std::shared_ptr<Channel>> channels;  // opened on first send
    };
    struct Stamp {
        bool exists = false;
        std::int64_t mtime_ns = 0;
        std::int64_t size = 0;
        std::uint64_t inode = 0;
        bool operator==(const Stamp&) const = default;
    };

    std::optional<std::string> start_locked();
    std::unique_ptr<NodeProcess> stop_locked(const std::string& why,
                                             std::vector<std::pair<Call, InvokeResult>>& failed);
    void restart();
    void watch();
    Stamp stamp() const;
    static void finish(std::vector<std::pair<Call, InvokeResult>>& calls);
    static void pass_on(std::vector<Call>& calls);

    // What the host says (its reader thread).
    void received(std::uint64_t generation, const std::string& line);
    void loaded(std::uint64_t generation);
    void load_failed(std::uint64_t generation, const std::string& error);
    void answer(const nlohmann::json& message);
    void count_answer(const std::string& command, bool ok);
    void emit(std::uint64_t generation, const nlohmann::json& message);
    static OpResult emit_to_session(Session& session, const nlohmann::json& message);
    void channel_message(const nlohmann::json& message);
    void ended(std::uint64_t generation, const std::string& why);
    // "backend FILE: WHAT" on stderr, WHAT in the status, and (log) an error row in the session's
    // log and trace.
    void report(const std::string& what, BackendStatus::State state, bool log);

    BackendOptions options_;
    std::string host_;  // backend-host.mjs's source

    mutable std::mutex mutex_;
    std::unique_ptr<NodeProcess> process_;
    std::unique_ptr<NodeProcess> retired_;  // ended on its own; destroyed from another thread
    std::uint64_t generation_ = 0;          // of process_; lines and ends of older ones are ignored
    BackendStatus status_;
    Stamp loaded_;  // the file as the running (or failed) process read it
    std::uint64_t next_call_ = 1;
    std::map<std::uint64_t, Call> calls_;
    std::vector<AnsweredCommand> answered_;

    std::mutex session_mutex_;  // held while an emit or a log row uses the session
    Session* session_ = nullptr;

    std::mutex watch_mutex_;
    std::condition_variable watch_wake_;
    bool stopping_ = false;  // stop() was called (watch_mutex_)
    bool stopped_ = false;   // stop() has run: no new process (mutex_)
    std::thread watcher_;
};

// The options for `file`: Node is EVENTLAB_NODE when set, else `node` on PATH.
BackendOptions backend_options(std::string file);

// The host script compiled in (backend-host.mjs).
std::string_view host_script();

}  // namespace eventlab::backend
