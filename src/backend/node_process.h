// One Node process running the backend host (backend-host.mjs) for a module, and the socket to
// it: lines out through a writer thread, lines in on a reader thread, its end noticed there.
// Nothing here knows the protocol; NodeBackend does.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace eventlab::backend {

struct NodeProcessHooks {
    std::function<void(std::string line)> line;  // each line the host writes (reader thread)
    std::function<void(std::string why)> ended;  // once, when its socket closed: "exit code 1"
};

class NodeProcess {
  public:
    // Starts `NODE --input-type=module --eval HOST MODULE` with the socket on fd 3, its stdout
    // and stderr on this process's stderr. Empty error: started.
    static std::unique_ptr<NodeProcess> start(const std::string& node, const std::string& host,
                                              const std::string& module, NodeProcessHooks hooks,
                                              std::string& error);
    ~NodeProcess();  // kills it and joins both threads; never call from its own hooks
    NodeProcess(const NodeProcess&) = delete;
    NodeProcess& operator=(const NodeProcess&) = delete;

    // Queues one line (without its newline) for the host; dropped once the process ended.
    void send(std::string line);

  private:
    NodeProcess(pid_t pid, int socket, NodeProcessHooks hooks);
    void read_loop();
    void write_loop();

    pid_t pid_;
    int socket_;
    NodeProcessHooks hooks_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> outbox_;
    bool stopping_ = false;
    bool exited_ = false;  // the reader saw it exit (not reaped yet at that moment)
    std::thread reader_;
    std::thread writer_;
};

}  // namespace eventlab::backend
