#pragma once

#include <string>

namespace lab {

struct ExperimentInfo;
struct ExperimentParams;
struct RunContext;

// The lesson's CPU-bound experiments: n! with GMP, 30 times, sequentially, in
// threads (under the GIL model or not), in processes and in pools.
namespace experiments {

void factorialSequential(RunContext &ctx);
void factorialThreads(RunContext &ctx);
void factorialProcesses(RunContext &ctx);
void factorialThreadPool(RunContext &ctx);
void factorialProcessPool(RunContext &ctx);
void poolOrder(RunContext &ctx);

// Pool sizes when the workers parameter is 0, as Python chooses them.
int defaultThreadPoolWorkers(int cpuCount);  // min(32, cores + 4)
int defaultProcessPoolWorkers(int cpuCount); // cores

// The workers a run of the experiment starts: pool size, or one per task; 0 for none.
int workersFor(const ExperimentInfo &info, const ExperimentParams &params, int cpuCount);

} // namespace experiments
} // namespace lab
