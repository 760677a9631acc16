#pragma once

#include "Sweep.h"
#include "WorkerProcesses.h"

#include <string>

namespace lab {

struct RunContext;

// The two process pools Python has, as CPython builds them.
enum class PoolApi {
    Pool,     // multiprocessing.Pool: workers ForkPoolWorker-N / SpawnPoolWorker-N; map chunks by divmod(len, 4 * workers)
    Executor, // concurrent.futures.ProcessPoolExecutor: workers ForkProcess-N / SpawnProcess-N; map's chunksize is 1
};

// A process pool's map, the way Lib/multiprocessing/pool.py and
// Lib/concurrent/futures/process.py do it: the pool's workers are started
// when it is made; map cuts its tasks into chunks of consecutive tasks and
// puts them all on one task queue; a free worker takes the next chunk (one
// reader at a time, under the queue's lock, as SimpleQueue.get does), runs its
// tasks back to back and sends their results back together; the results are
// kept by task, so map returns them in submission order whatever order the
// chunks finished in. The pool ends with one quit per worker on the queue.
class ProcessPool
{
public:
    // Starts `workers` workers; throws std::runtime_error when the OS refuses one.
    ProcessPool(RunContext &ctx, PoolApi api, StartMethod method, int workers, WorkerSettings settings = {});

    // Runs tasks 0 .. tasks - 1 (each `work`, with `n` for factorials) in
    // chunks of `chunksize` (0: the API's rule). Throws std::runtime_error
    // when the pool breaks (a worker died with work in hand, or every worker
    // went away before the map was done).
    void map(int tasks, int chunksize, WorkerTask work, int n = 0);
    // The with-block's end: every worker is told to quit and joined.
    void shutdown();

    // map's chunk size: `requested` if given, else Pool's divmod(tasks, 4 * workers)
    // (plus one for a remainder), or 1 for the executor.
    static int chunksizeFor(PoolApi api, int tasks, int workers, int requested = 0);
    // The worker's name as CPython gives it, e.g. ForkPoolWorker-1 or SpawnProcess-2 (index from 1).
    static std::string workerName(PoolApi api, StartMethod method, int index);

private:
    RunContext &m_ctx;
    WorkerProcesses m_workers;
};

} // namespace lab
