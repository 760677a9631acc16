#pragma once

namespace lab {

struct RunContext;

// The lesson's I/O-bound experiments; the catalog names them.
namespace experiments {
void sleepSequential(RunContext &ctx);
void sleepThreads(RunContext &ctx);
void sleepCoarseLock(RunContext &ctx);
void sleepFineLock(RunContext &ctx);
void sleeperRun(RunContext &ctx);
void sleeperStart(RunContext &ctx);
void sleeperLock(RunContext &ctx);
} // namespace experiments

} // namespace lab
