#pragma once

#include "Sweep.h"
#include "UniqueFd.h"
#include "WorkerProtocol.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace lab {

class LaneRecorder;
class ProcessSharedLock;
struct RunContext;

// How the workers of one run behave (sent to each as its setup).
struct WorkerSettings
{
    int interpreterStartupMs = 0;      // spawn: CPU work before the first task, a model of an interpreter's start-up
    std::int64_t writeTimeNs = 0;      // one console output call's blocking time (the Console's model)
    ProcessSharedLock *lock = nullptr; // the lock the workers share, if any (inherited by fork, named for spawn)
    bool sharedQueue = false;          // a pool: the workers take their jobs from one queue (enqueue())
};

// Tasks a worker runs back to back: a chunk of a pool's map, or a Process's one target call.
struct WorkerJob
{
    int chunk = -1;     // the chunk's index in the map; -1: not part of a map
    int firstTask = 0;
    int count = 1;      // tasks firstTask .. firstTask + count - 1
    int n = 0;          // for factorials
    WorkerTask task = WorkerTask::Factorial;
};

// Real worker processes of one run, started with fork() or posix_spawn() and
// driven over one socket each. Every worker gets its own lane (pid and name),
// starting with a start-up span from the request until the worker's first
// event; the worker's events arrive over its socket, stamped with the same
// monotonic clock, and are recorded on that lane by the thread that pumps
// (one writer per lane). What the workers print goes to one standard output
// they share, in the order they wrote it, and from there to the run's console.
// Every child is reaped: no zombies, even on cancel.
class WorkerProcesses
{
public:
    WorkerProcesses(RunContext &ctx, StartMethod method, WorkerSettings settings = {});
    ~WorkerProcesses(); // kills the workers still running and reaps them all
    WorkerProcesses(const WorkerProcesses &) = delete;
    WorkerProcesses &operator=(const WorkerProcesses &) = delete;

    // Starts one worker; throws std::runtime_error when the OS refuses.
    std::size_t start(const std::string &name);
    // Hands a worker a job; false if it has gone. Its tasks are the worker's
    // either way: if the worker never returns their results, they are its failure.
    bool run(std::size_t worker, const WorkerJob &job);
    // Asks a worker to exit once its jobs are done.
    void quit(std::size_t worker);
    // With a shared queue: puts a job on it, for whichever worker is free first
    // to take; quitAll() puts one quit per worker behind the jobs (the pool's sentinels).
    void enqueue(const WorkerJob &job);
    void quitAll();

    struct Notice
    {
        enum Kind { Result, Ready };
        Kind kind = Result; // Result: one task's result has arrived (it is in the run's TaskResults)
        std::size_t worker = 0;
    };
    // Waits for the next result or ready worker; nothing once every worker has
    // exited, a worker died with work in hand, or the run was cancelled.
    std::optional<Notice> next();
    // Records what has arrived so far without waiting.
    void poll();
    // Waits until every worker has exited (Process.join() for all).
    void waitAllExited();
    // Kills every worker still running (SIGKILL) and reaps it.
    void killAll();

    std::size_t size() const { return m_children.size(); }
    int pid(std::size_t worker) const { return m_children[worker].pid; }
    const std::string &name(std::size_t worker) const { return m_children[worker].name; }
    // Why the workers cannot go on -- a worker ended before it answered its set-up,
    // before returning its tasks' results or before it was told to quit; empty if they can.
    const std::string &failure() const { return m_failure; }

    // The worker program spawn starts: $LAB_WORKER, else next to this executable, else the build's.
    static std::optional<std::string> workerProgram();

private:
    struct Child
    {
        std::string name;
        pid_t pid = -1;
        UniqueFd fd; // the engine's end of its socket
        LaneRecorder *lane = nullptr;
        std::set<int> pending; // given to it, no result yet
        std::vector<WorkerMessage> unreported; // results of the chunk still arriving
        bool answered = false;   // it sent its first Ready: it read its set-up and started
        bool toldToQuit = false; // told to quit (a pool: its sentinel is on the queue)
        bool reaped = false;
        int signal = 0;   // once reaped: what killed it, if anything
        int exitCode = 0; // once reaped: its exit code, if it exited
    };
    // Starts a worker process whose socket is `workerEnd`; -1 (errno set) when the OS refuses.
    pid_t launch(int workerEnd);
    // Waits up to timeoutMs for messages; false when no worker is left to hear from.
    bool pump(int timeoutMs);
    void drain(Child &child);
    void drainStdout();
    void flushQueue(); // sends what the queue's socket had no room for yet
    // Sends a command on the worker's own socket; false, ending the worker, when it cannot.
    bool send(Child &child, const WorkerCommand &command);
    void reap(Child &child, bool killed);
    // Why a worker that ended this way failed; nothing when it did all it was asked to.
    static std::optional<std::string> failureOf(const Child &child);
    void recordFailure(const Child &child, const std::set<int> &tasks, const std::string &why);

    RunContext &m_ctx;
    StartMethod m_method;
    WorkerSettings m_settings;
    UniqueFd m_stdoutRead;  // the engine's end of the workers' shared standard output
    UniqueFd m_stdoutWrite; // every worker's end (its fd 4)
    UniqueFd m_queueWrite;  // the shared task queue: the engine writes jobs ...
    UniqueFd m_queueRead;   // ... and every worker reads them (its fd 5), one at a time under m_queueLock
    std::unique_ptr<ProcessSharedLock> m_queueLock;
    std::deque<WorkerCommand> m_backlog; // jobs waiting for room in the queue
    std::vector<Child> m_children;
    std::deque<Notice> m_notices;
    std::string m_failure;
};

} // namespace lab
