#pragma once

#include <csignal>

namespace lab {

// A new worker is in the engine's process group from its fork until it has
// moved to a group of its own. What a terminal (Ctrl+C, Ctrl+\, Ctrl+Z, a
// hang-up) or `kill -- -PGID` sends that group meanwhile is meant for the
// engine, which handles it (Ctrl+C cancels the run and ends the workers
// itself). So a new worker keeps these blocked until it has its own group.
sigset_t groupSignals();
// Those and the others a worker must not inherit from the engine (an ignored
// SIGPIPE would survive an exec; a forked worker would keep the engine's handlers).
sigset_t defaultedSignals();

// In a new worker that has its own process group and has kept the group
// signals blocked since its fork: drops those that came meanwhile, then takes
// default dispositions and no blocked signals, as a new program gets them, so
// that `kill` ends a worker rather than running a handler of the engine's.
// (One sent to the worker itself before this -- in its first moments, before
// a spawned worker's main() -- is dropped too; from here on, it ends it.)
void settleWorkerSignals();

} // namespace lab
