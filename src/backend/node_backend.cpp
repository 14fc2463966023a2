#include "backend/node_backend.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "backend/node_process.h"
#include "core/app/channel.h"
#include "core/app/session.h"
#include "core/bus/target.h"

namespace eventlab::backend {
namespace {

using json = nlohmann::json;

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

NodeBackend::NodeBackend(BackendOptions options)
    : options_(std::move(options)), host_(host_script()) {
    if (!options_.print) {
        options_.print = [](const std::string& line) { std::cerr << line << std::endl; };
    }
    std::optional<std::string> error;
    {
        std::lock_guard lock(mutex_);
        error = start_locked();
    }
    if (error) report(*error, BackendStatus::State::Failed, true);
    watcher_ = std::thread([this] { watch(); });
}

NodeBackend::~NodeBackend() {
    stop();
}

void NodeBackend::stop() {
    {
        std::lock_guard lock(watch_mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    watch_wake_.notify_all();
    watcher_.join();
    std::vector<std::pair<Call, InvokeResult>> failed;
    std::unique_ptr<NodeProcess> old;
    std::unique_ptr<NodeProcess> retired;
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        old = stop_locked("stopped with EventLab", failed);
        retired = std::move(retired_);
        status_ = {BackendStatus::State::Stopped, "stopped"};
    }
    old.reset();  // joins its threads; what they still say is for an older generation
    retired.reset();
    finish(failed);
}

BackendOptions backend_options(std::string file) {
    BackendOptions options;
    options.file = std::move(file);
    // NOLINTNEXTLINE(concurrency-mt-unsafe): read once, before any thread of ours runs
    if (const char* node = std::getenv("EVENTLAB_NODE"); node != nullptr && *node != '\0') {
        options.node = node;
    }
    return options;
}

void NodeBackend::attach(Session* session) {
    std::lock_guard lock(session_mutex_);
    session_ = session;
}

// Starts Node on the file as it is now. Returns why it could not (Node missing, say).
std::optional<std::string> NodeBackend::start_locked() {
    loaded_ = stamp();
    const std::uint64_t generation = ++generation_;
    NodeProcessHooks hooks;
    hooks.line = [this, generation](const std::string& line) { received(generation, line); };
    hooks.ended = [this, generation](const std::string& why) { ended(generation, why); };
    std::string error;
    process_ = NodeProcess::start(options_.node, host_, options_.file, std::move(hooks), error);
    if (!process_) {
        status_ = {BackendStatus::State::Failed, "not started"};
        return "not started: " + error +
               ". --backend needs Node.js (`node` on PATH, or EVENTLAB_NODE naming it); "
               "everything else is answered without it";
    }
    status_ = {BackendStatus::State::Starting, "starting"};
    return std::nullopt;
}

// Retires the running process (the caller destroys it outside the lock: that joins its
// threads) and takes the calls it left unanswered, each with its rejection.
std::unique_ptr<NodeProcess> NodeBackend::stop_locked(
    const std::string& why, std::vector<std::pair<Call, InvokeResult>>& failed) {
    ++generation_;
    for (auto& [id, call] : calls_) {
        InvokeResult result{
            false, nullptr,
            "the backend " + options_.file + " " + why + " before it answered " + call.command};
        failed.emplace_back(std::move(call), std::move(result));
    }
    calls_.clear();
    return std::move(process_);
}

void NodeBackend::finish(std::vector<std::pair<Call, InvokeResult>>& calls) {
    for (auto& [call, result] : calls) {
        call.channels.clear();  // closed before the answer, as a Rust Channel dropped at return
        call.done(std::move(result));
    }
}

void NodeBackend::pass_on(std::vector<Call>& calls) {
    for (Call& call : calls) {
        call.channels.clear();
        call.done(std::nullopt);
    }
}

void NodeBackend::invoke(const Caller& caller, std::string_view command, const json& args,
                         Done done) {
    std::unique_ptr<NodeProcess> retired;
    std::optional<std::string> error;
    Done pass;  // set when the command goes on to the session's own commands
    {
        std::lock_guard lock(mutex_);
        retired = std::move(retired_);
        // After a crash (or a failed start), the next command starts a fresh process; a module
        // that failed to load waits for its file to change.
        const bool load_failed =
            status_.state == BackendStatus::State::Failed && loaded_ == stamp();
        if (!process_ && !load_failed && !stopped_) error = start_locked();
        if (process_ && status_.state != BackendStatus::State::Failed) {
            const std::uint64_t id = next_call_++;
            calls_.emplace(id,
                           Call{std::string(command), std::move(done), caller.run_callback, {}});
            process_->send(dump(json{{"t", "invoke"},
                                     {"id", id},
                                     {"cmd", command},
                                     {"args", args},
                                     {"window", caller.window}}));
        } else {
            pass = std::move(done);
        }
    }
    retired.reset();
    if (error) report(*error, BackendStatus::State::Failed, true);
    if (pass) pass(std::nullopt);  // the declared commands answer, else "Command … not found"
}

void NodeBackend::received(std::uint64_t generation, const std::string& line) {
    json message;
    try {
        message = json::parse(line);
    } catch (const json::exception&) {
        options_.print("eventlab: backend " + options_.file +
                       ": unreadable line from its host: " + line.substr(0, 200));
        return;
    }
    const std::string kind = message.value("t", "");
    if (kind == "result" || kind == "pass") return answer(message);
    if (kind == "emit") return emit(generation, message);
    if (kind == "channel") return channel_message(message);
    if (kind == "ready") return loaded(generation);
    if (kind == "load-error") return load_failed(generation, message.value("error", ""));
}

void NodeBackend::loaded(std::uint64_t generation) {
    {
        std::lock_guard lock(mutex_);
        if (generation != generation_) return;
        status_ = {BackendStatus::State::Running, "running"};
    }
    options_.print("eventlab: backend " + options_.file + " loaded");
}

void NodeBackend::load_failed(std::uint64_t generation, const std::string& error) {
    std::vector<Call> waiting;
    {
        std::lock_guard lock(mutex_);
        if (generation != generation_) return;
        status_.state = BackendStatus::State::Failed;
        for (auto& [id, call] : calls_)
            waiting.push_back(std::move(call));
        calls_.clear();
    }
    // Node has printed the whole error (the file and line of a syntax error) on stderr.
    report("failed to load: " + first_line(error) +
               " (fix the file: it is loaded again when it changes)",
           BackendStatus::State::Failed, true);
    pass_on(waiting);
}

void NodeBackend::answer(const json& message) {
    const std::uint64_t id = message.value("id", std::uint64_t{0});
    std::optional<Call> call;
    Answer answer;
    {
        std::lock_guard lock(mutex_);
        const auto it = calls_.find(id);
        if (it == calls_.end()) return;  // a call of a process that was stopped since
        call = std::move(it->second);
        calls_.erase(it);
        if (message.value("t", "") == "result") {
            const bool ok = message.value("ok", false);
            answer = ok ? InvokeResult{true, message.value("value", json()), {}}
                        : InvokeResult{false, nullptr, message.value("error", "")};
            count_answer(call->command, ok);
        }
    }
    if (answer && !answer->ok) {
        // A throw is the stand-in's Err; its stack helps more on stderr than in the log.
        options_.print("eventlab: backend " + options_.file + ": " + call->command +
                       " threw: " + message.value("stack", answer->error));
        report(call->command + " threw: " + answer->error, BackendStatus::State::Running, false);
    }
    call->channels.clear();
    call->done(std::move(answer));
}

void NodeBackend::count_answer(const std::string& command, bool ok) {
    auto it = std::find_if(answered_.begin(), answered_.end(),
                           [&](const AnsweredCommand& a) { return a.name == command; });
    if (it == answered_.end()) it = answered_.insert(answered_.end(), AnsweredCommand{command});
    ++(ok ? it->resolved : it->rejected);
}

// ctx.emit / ctx.emitTo: app.emit / app.emit_to from the command, on this (the host's reader)
// thread, as a Rust command's emits come from its own thread.
void NodeBackend::emit(std::uint64_t generation, const json& message) {
    OpResult op = OpResult::failure("EventLab has no session right now");
    {
        std::lock_guard lock(session_mutex_);
        if (session_ != nullptr) op = emit_to_session(*session_, message);
    }
    json reply{{"t", "emitted"}, {"id", message.value("id", std::uint64_t{0})}, {"ok", op.ok}};
    if (!op.ok) reply["error"] = op.error;
    std::lock_guard lock(mutex_);
    if (generation == generation_ && process_) process_->send(dump(reply));
}

OpResult NodeBackend::emit_to_session(Session& session, const json& message) {
    const std::string event = message.value("event", "");
    Text payload = make_text(dump(message.contains("payload") ? message["payload"] : json()));
    const Source from = Source::invoke(message.value("cmd", ""));
    EventBus& bus = session.bus();
    const auto target = message.find("target");
    if (target == message.end()) return bus.emit(event, std::move(payload), from, Cause{});
    std::string why;
    const auto parsed = parse_target(*target, "", why);
    if (!parsed) return OpResult::failure("emitTo: " + why);
    return bus.emit_to(*parsed, event, std::move(payload), from, Cause{});
}

// channel.send(message): to the page that passed the Channel, in order, indexed as Tauri does.
void NodeBackend::channel_message(const json& message) {
    const std::uint64_t id = message.value("call", std::uint64_t{0});
    const auto channel = message.value("channel", std::uint32_t{0});
    std::lock_guard lock(mutex_);
    const auto it = calls_.find(id);
    if (it == calls_.end()) return;  // the host refuses sends after the answer
    auto& open = it->second.channels[channel];
    if (!open) open = Channel::open(channel, it->second.run_callback);
    open->send(message.contains("message") ? message["message"] : json());
}

// The host's socket closed: it exited. Expected after a load error (reported already), else a
// crash: its calls reject, and the next command starts it again.
void NodeBackend::ended(std::uint64_t generation, const std::string& why) {
    std::vector<std::pair<Call, InvokeResult>> failed;
    std::unique_ptr<NodeProcess> older;  // an earlier retired one, not this thread's: safe here
    bool crashed = false;
    {
        std::lock_guard lock(mutex_);
        if (generation != generation_) return;
        crashed = status_.state != BackendStatus::State::Failed;
        older = std::move(retired_);
        // Destroyed from another thread: this one is the process's own reader.
        retired_ = stop_locked("crashed (" + why + ")", failed);
    }
    older.reset();
    if (crashed) {
        report("crashed (" + why + "); it starts again at the next command",
               BackendStatus::State::Stopped, true);
    }
    finish(failed);
}

void NodeBackend::report(const std::string& what, BackendStatus::State state, bool log) {
    const std::string text = "backend " + options_.file + ": " + what;
    options_.print("eventlab: " + text);
    {
        std::lock_guard lock(mutex_);
        status_ = {state, what};
    }
    if (!log) return;
    std::lock_guard lock(session_mutex_);
    if (session_ != nullptr) session_->bus().record_error(text, "backend", false);
}

void NodeBackend::restart() {
    std::vector<std::pair<Call, InvokeResult>> failed;
    std::unique_ptr<NodeProcess> old;
    std::unique_ptr<NodeProcess> retired;
    std::optional<std::string> error;
    {
        std::lock_guard lock(mutex_);
        old = stop_locked("restarted (its file changed)", failed);
        retired = std::move(retired_);
        error = start_locked();
    }
    old.reset();
    retired.reset();
    options_.print("eventlab: backend " + options_.file + " changed: restarted");
    if (error) report(*error, BackendStatus::State::Failed, true);
    finish(failed);
}

// Polls the file; restarts once a change has settled (the same stamp twice in a row), so an
// editor's truncate-then-write is one restart.
void NodeBackend::watch() {
    Stamp previous = stamp();
    std::unique_lock lock(watch_mutex_);
    while (!watch_wake_.wait_for(lock, options_.poll, [this] { return stopping_; })) {
        lock.unlock();
        const Stamp now = stamp();
        bool changed = false;
        {
            std::lock_guard state(mutex_);
            changed = now != loaded_ && now == previous;
        }
        previous = now;
        if (changed) restart();
        lock.lock();
    }
}

NodeBackend::Stamp NodeBackend::stamp() const {
    struct stat info {};
    if (::stat(options_.file.c_str(), &info) != 0) return {};
    return {true,
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec,
            static_cast<std::int64_t>(info.st_size), static_cast<std::uint64_t>(info.st_ino)};
}

BackendStatus NodeBackend::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

std::vector<AnsweredCommand> NodeBackend::answered() const {
    std::lock_guard lock(mutex_);
    return answered_;
}

}  // namespace eventlab::backend
