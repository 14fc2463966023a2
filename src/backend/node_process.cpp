#include "backend/node_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace eventlab::backend {
namespace {

std::string errno_text(int error) {
    return std::strerror(error);  // NOLINT(concurrency-mt-unsafe): glibc's is thread-safe
}

std::string exit_text(const siginfo_t& info) {
    if (info.si_code == CLD_EXITED) return "exit code " + std::to_string(info.si_status);
    // NOLINTNEXTLINE(concurrency-mt-unsafe): glibc's strsignal is thread-safe
    return "signal " + std::to_string(info.si_status) + " (" + strsignal(info.si_status) + ")";
}

bool write_all(int socket, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        // MSG_NOSIGNAL: a host that died is an error here, not a SIGPIPE for all of EventLab.
        const ssize_t n = ::send(socket, text.data() + done, text.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// posix_spawn's attributes: no signal blocked (`eventlab serve` blocks SIGINT and SIGTERM in
// every thread, and a child inherits that), the usual dispositions, and a process group of its
// own, so Ctrl+C in the terminal is EventLab's to handle (it ends the host with its socket).
struct SpawnAttributes {
    posix_spawnattr_t attr{};
    posix_spawn_file_actions_t actions{};
    SpawnAttributes() {
        posix_spawnattr_init(&attr);
        posix_spawn_file_actions_init(&actions);
        sigset_t none;
        sigemptyset(&none);
        posix_spawnattr_setsigmask(&attr, &none);
        sigset_t defaults;
        sigemptyset(&defaults);
        for (int signal : {SIGINT, SIGTERM, SIGPIPE, SIGHUP})
            sigaddset(&defaults, signal);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setpgroup(&attr, 0);
        posix_spawnattr_setflags(
            &attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    }
    ~SpawnAttributes() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
};

}  // namespace

std::unique_ptr<NodeProcess> NodeProcess::start(const std::string& node, const std::string& host,
                                                const std::string& module, NodeProcessHooks hooks,
                                                std::string& error) {
    std::array<int, 2> fds{};
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.data()) != 0) {
        error = "cannot make a socket for the backend: " + errno_text(errno);
        return nullptr;
    }
    // dup2 onto fd 3 clears close-on-exec, except when the socket already is fd 3.
    int child_end = fds[1];
    if (child_end == 3) child_end = fcntl(fds[1], F_DUPFD_CLOEXEC, 4);
    SpawnAttributes spawn;
    posix_spawn_file_actions_addopen(&spawn.actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&spawn.actions, 2, 1);  // console.log goes to our stderr
    posix_spawn_file_actions_adddup2(&spawn.actions, child_end, 3);
    std::vector<std::string> args = {node, "--input-type=module", "--eval", host, module};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned =
        posix_spawnp(&pid, node.c_str(), &spawn.actions, &spawn.attr, argv.data(), environ);
    if (child_end != fds[1]) ::close(child_end);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        error = "cannot run " + node + ": " + errno_text(spawned);
        return nullptr;
    }
    return std::unique_ptr<NodeProcess>(new NodeProcess(pid, fds[0], std::move(hooks)));
}

NodeProcess::NodeProcess(pid_t pid, int socket, NodeProcessHooks hooks)
    : pid_(pid), socket_(socket), hooks_(std::move(hooks)) {
    reader_ = std::thread([this] { read_loop(); });
    writer_ = std::thread([this] { write_loop(); });
}

NodeProcess::~NodeProcess() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        outbox_.clear();
        // Until the reader has seen it exit, the pid is not reaped and cannot name another.
        if (!exited_) ::kill(pid_, SIGKILL);
    }
    wake_.notify_all();
    ::shutdown(socket_, SHUT_RDWR);  // the reader's read() returns
    writer_.join();
    reader_.join();
    ::close(socket_);
}

void NodeProcess::send(std::string line) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        line += '\n';
        outbox_.push_back(std::move(line));
    }
    wake_.notify_one();
}

void NodeProcess::read_loop() {
    std::string pending;
    std::array<char, std::size_t{64} * 1024> buffer{};
    for (;;) {
        const ssize_t n = ::read(socket_, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pending.append(buffer.data(), static_cast<std::size_t>(n));
        std::size_t start = 0;
        for (std::size_t end = pending.find('\n'); end != std::string::npos;
             end = pending.find('\n', start)) {
            hooks_.line(pending.substr(start, end - start));
            start = end + 1;
        }
        pending.erase(0, start);
    }
    // Wait for its end without reaping it, so the destructor's kill cannot hit a reused pid.
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT) != 0 &&
           errno == EINTR) {
    }
    {
        std::lock_guard lock(mutex_);
        exited_ = true;
        stopping_ = true;
        outbox_.clear();
    }
    wake_.notify_all();
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    hooks_.ended(exit_text(info));
}

void NodeProcess::write_loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !outbox_.empty(); });
        if (stopping_) return;
        std::string line = std::move(outbox_.front());
        outbox_.pop_front();
        lock.unlock();
        const bool sent = write_all(socket_, line);
        lock.lock();
        if (!sent) {  // the host is gone; the reader sees its end and says why
            stopping_ = true;
            outbox_.clear();
            return;
        }
    }
}

}  // namespace eventlab::backend
