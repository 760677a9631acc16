#pragma once

#include "Event.h"

#include <cstdint>

namespace lab {

class ProcessSharedLock;

// What the engine and a worker process say to each other over their socket
// (AF_UNIX, SOCK_SEQPACKET: one message per packet, EOF when the peer exits).
// Both sides are built from this source, so a plain struct is the format.

// The work one task does in a worker.
enum class WorkerTask : std::int32_t {
    Factorial = 1, // n!, returning its digit count
    PrintId = 2,   // the lesson's pool-order task: under the shared lock, print "id, " when id < 10; return id
};

struct WorkerCommand
{
    enum Kind : std::int32_t {
        Setup = 1, // the first command: how this worker is to behave
        Run = 2,   // run tasks firstTask .. firstTask + count - 1 back to back, as one chunk
        Quit = 3,
    };
    std::int32_t kind = Quit;
    // Run
    std::int32_t chunk = -1;   // the chunk's index in the map; -1: not part of a map (a Process's target)
    std::int32_t firstTask = -1;
    std::int32_t count = 0;
    std::int32_t n = 0;        // Factorial: compute n!
    WorkerTask task = WorkerTask::Factorial;
    // Setup
    std::int32_t startupCpuMs = 0; // CPU work before the first task: an interpreter's start-up (spawn)
    std::int64_t writeTimeNs = 0;  // how long one console output call blocks (the Console's model)
    char lockName[40] = {};        // the shared lock to map by name; empty: inherited (fork) or none
    std::int32_t sharedQueue = 0;  // 1: take Run and Quit from the pool's task queue (fd 5), not from the own socket
    char queueLockName[40] = {};   // the task queue's read lock, to map by name; empty: inherited (fork)
};

struct WorkerMessage
{
    enum Kind : std::int32_t {
        Event = 1,  // a recorded event; a console write carries its text
        Result = 2, // one task's return value, sent once the whole chunk has run
        Ready = 3,  // the worker waits for work: after start-up, and after each chunk's results
        Took = 4,   // the worker took a chunk from the pool's task queue: tasks `task` .. `task` + `value` - 1
    };
    std::int32_t kind = Event;
    std::int32_t task = -1;
    std::int64_t value = 0;    // Result: the task's value (digits of n!, or pool-order's id)
    std::uint64_t check = 0;   // Result: n! mod Factorial::checkPrime (0 for other work)
    lab::Event event;          // Event: recorded in the worker on the shared monotonic clock; lane is ignored
    std::uint32_t textLength = 0;
    char text[36] = {};        // Event of kind ConsoleWrite: what was written (cut to this size)
};

// The descriptors a worker finds its socket, the shared standard output and a pool's task queue on.
inline constexpr int workerSocketFd = 3;
inline constexpr int workerStdoutFd = 4;
inline constexpr int workerQueueFd = 5;

// The shared locks a forked worker inherits already mapped (a spawned one maps them by name).
struct InheritedLocks
{
    ProcessSharedLock *task = nullptr;  // the lock the tasks print under (pool-order's rlock)
    ProcessSharedLock *queue = nullptr; // the task queue's read lock
};

// The worker's whole life: read its setup, do an interpreter's start-up when
// told to, announce it is ready, then run what it is told -- on its own socket,
// or taken from the pool's task queue -- until told to quit or the engine goes
// away. Returns the process exit code.
int runWorker(int socketFd, int stdoutFd, int queueFd, InheritedLocks inherited = {});

} // namespace lab
