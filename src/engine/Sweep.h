#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lab {

enum class PoolKind { Process, Thread };
// How a process is started: fork() a child of the engine, or posix_spawn() the
// project's worker program (like Python's multiprocessing start methods).
enum class StartMethod { Fork, Spawn };

// A worker-count sweep: the same map run on pools of each size.
struct SweepSpec
{
    PoolKind pool = PoolKind::Process;
    bool gil = true;                 // thread pools only: the GIL model on or off
    int switchMs = 5;                // thread pools with the GIL: its switch interval
    std::vector<int> workers;        // e.g. 1, 2, 4, ... 512
    int tasks = 30;
    int n = 0;                       // factorial argument of each task; 0: lesson pace (LessonPace)
    int repeat = 1;                  // each point's time is the median of this many runs
    StartMethod startMethod = StartMethod::Fork;
    int poolApi = 0;                 // process pools: 0 multiprocessing.Pool, 1 ProcessPoolExecutor
    int chunksize = 0;               // process pools: map's chunk size; 0: the API's rule
    int interpreterStartupMs = 40;   // spawn: the interpreter start-up model
};

struct SweepPoint
{
    int workers = 0;
    std::int64_t wallNs = 0;             // median of repeatsNs: pool creation + map + shutdown
    std::vector<std::int64_t> repeatsNs;
    double idealNs = 0;                  // T1 / min(workers, cores)
    double speedup = 0;                  // T1 / wallNs
    double efficiency = 0;               // speedup / min(workers, cores)
};

struct SweepResult
{
    SweepSpec spec;
    int cpuCount = 0;
    std::int64_t t1Ns = 0;               // the 1-worker time the others are measured against
    std::vector<SweepPoint> points;      // in spec.workers order; fewer when cancelled or failed
    bool cancelled = false;
    std::string error;                   // empty when every point ran
};

} // namespace lab
