#pragma once

#include "Sweep.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace lab {

class LaneRecorder;
struct RunContext;

// Real worker processes of one run, started with fork() or posix_spawn() and
// driven over one socket each. Every worker gets its own lane (pid and name),
// starting with a start-up span from the request until the worker's first
// event; the worker's events arrive over its socket, stamped with the same
// monotonic clock, and are recorded on that lane by the thread that pumps
// (one writer per lane). Every child is reaped: no zombies, even on cancel.
class WorkerProcesses
{
public:
    WorkerProcesses(RunContext &ctx, StartMethod method);
    ~WorkerProcesses(); // kills the workers still running and reaps them all
    WorkerProcesses(const WorkerProcesses &) = delete;
    WorkerProcesses &operator=(const WorkerProcesses &) = delete;

    // Starts one worker; throws std::runtime_error when the OS refuses.
    std::size_t start(const std::string &name);
    // Hands `task` (compute n!) to a worker; false if it has gone.
    bool assign(std::size_t worker, int task, int n);
    // Asks a worker to exit once its tasks are done.
    void quit(std::size_t worker);

    struct Result
    {
        std::size_t worker = 0;
        int task = -1;
        std::int64_t value = 0;
    };
    // Waits for the next result; nothing once every worker has exited, a
    // worker died with work in hand, or the run was cancelled.
    std::optional<Result> nextResult();
    // Records what has arrived so far without waiting.
    void poll();
    // Waits until every worker has exited (Process.join() for all).
    void waitAllExited();
    // Kills every worker still running (SIGKILL) and reaps it.
    void killAll();

    std::size_t size() const { return m_children.size(); }
    int pid(std::size_t worker) const { return m_children[worker].pid; }
    // Why the workers cannot go on (a worker died with unfinished tasks); empty if they can.
    const std::string &failure() const { return m_failure; }

    // The worker program spawn starts: $LAB_WORKER, else next to this executable, else the build's.
    static std::optional<std::string> workerProgram();

private:
    struct Child
    {
        std::string name;
        pid_t pid = -1;
        int fd = -1;
        LaneRecorder *lane = nullptr;
        std::set<int> pending; // assigned, no result yet
        bool reaped = false;
    };
    pid_t forkWorker(int childFd);
    pid_t spawnWorker(int childFd);
    // Waits up to timeoutMs for messages; false when no worker is left to hear from.
    bool pump(int timeoutMs, std::vector<Result> *results);
    void drain(Child &child, std::vector<Result> *results);
    void reap(Child &child, bool killed);

    RunContext &m_ctx;
    StartMethod m_method;
    std::vector<Child> m_children;
    std::vector<Result> m_ready;
    std::string m_failure;
};

} // namespace lab
