#pragma once

#include "Event.h"

#include <cstdint>

namespace lab {

// What the engine and a worker process say to each other over their socket
// (AF_UNIX, SOCK_SEQPACKET: one message per packet, EOF when the peer exits).
// Both sides are built from this source, so a plain struct is the format.

struct WorkerCommand
{
    enum Kind : std::int32_t { Compute = 1, Quit = 2 };
    std::int32_t kind = Quit;
    std::int32_t task = -1;
    std::int32_t n = 0;      // compute n!
    std::int32_t unused = 0;
};

struct WorkerMessage
{
    enum Kind : std::int32_t { Event = 1, Result = 2 };
    std::int32_t kind = Event;
    std::int32_t task = -1;
    std::int64_t value = 0;  // Result: the task's value (digits of n!)
    lab::Event event;        // Event: recorded in the worker on the shared monotonic clock; lane is ignored
};

// The descriptor a spawned worker finds its socket on.
inline constexpr int workerSocketFd = 3;

// The worker's whole life: announce it runs, then compute what it is told
// until told to quit or the engine goes away. Returns the process exit code.
int runWorker(int socketFd);

} // namespace lab
