#pragma once

#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace lab {

// One of a new worker's descriptors: the engine's `from` is the worker's `to` (`from` < 0: none).
struct FdMove
{
    int from = -1;
    int to = -1;
};

// How a worker process comes to be, with fork or with spawn. The worker has
// the descriptors `moves` give it and no other of the engine's, its own
// process group (a terminal's Ctrl+C is the engine's to handle) and default
// signal dispositions. Both return the worker's pid, or -1 with errno set
// when the OS refuses; the engine's own descriptors are left as they were.

// A copy of this process that runs `work` and exits with what it returns.
pid_t forkWorker(std::vector<FdMove> moves, const std::function<int()> &work);
// `program`, started with posix_spawn.
pid_t spawnWorker(const std::string &program, std::vector<FdMove> moves);

} // namespace lab
