#include "ProcessPool.h"

#include "RunContext.h"

#include <algorithm>
#include <stdexcept>

namespace lab {

namespace {

WorkerSettings withSharedQueue(WorkerSettings settings)
{
    settings.sharedQueue = true;
    return settings;
}

} // namespace

ProcessPool::ProcessPool(RunContext &ctx, PoolApi api, StartMethod method, int workers, WorkerSettings settings)
    : m_ctx(ctx), m_workers(ctx, method, withSharedQueue(settings))
{
    for (int w = 0; w < std::max(1, workers) && !ctx.cancel.isCancelled(); ++w)
        m_workers.start(workerName(api, method, w + 1));
}

int ProcessPool::chunksizeFor(PoolApi api, int tasks, int workers, int requested)
{
    if (requested > 0)
        return requested;
    if (api == PoolApi::Executor)
        return 1;
    // Pool._map_async: chunksize, extra = divmod(len(iterable), len(self._pool) * 4); if extra: chunksize += 1
    const int batches = 4 * std::max(1, workers);
    return std::max(1, tasks / batches + (tasks % batches ? 1 : 0));
}

std::string ProcessPool::workerName(PoolApi api, StartMethod method, int index)
{
    const std::string context = method == StartMethod::Spawn ? "Spawn" : "Fork";
    return context + (api == PoolApi::Pool ? "PoolWorker-" : "Process-") + std::to_string(index);
}

void ProcessPool::map(int tasks, int chunksize, WorkerTask work, int n)
{
    m_ctx.results.setChunksize(chunksize);
    // Pool's task handler puts every chunk on the queue at once; a free worker takes the next.
    for (int first = 0, chunk = 0; first < tasks; first += chunksize, ++chunk)
        m_workers.enqueue(WorkerJob{chunk, first, std::min(chunksize, tasks - first), n, work});
    int received = 0;
    m_ctx.mainLane.setState(SpanState::Joining);
    const ReleasedGil released(m_ctx.mainLane, -1); // waiting on the result queue drops the GIL
    while (received < tasks) {
        const auto notice = m_workers.next();
        if (!notice)
            break;
        if (notice->kind == WorkerProcesses::Notice::Result)
            ++received;
    }
    m_ctx.mainLane.setState(SpanState::Running);
    if (!m_workers.failure().empty()) {
        m_workers.killAll();
        throw std::runtime_error("the process pool is broken: " + m_workers.failure());
    }
    if (received < tasks && !m_ctx.cancel.isCancelled()) {
        m_workers.killAll();
        throw std::runtime_error("the process pool is broken: its workers exited with " + std::to_string(tasks - received) + " of "
                                 + std::to_string(tasks) + " tasks not done");
    }
}

void ProcessPool::shutdown()
{
    m_ctx.mainLane.setState(SpanState::Joining);
    const ReleasedGil released(m_ctx.mainLane, -1);
    m_workers.quitAll(); // one sentinel per worker, behind the work
    m_workers.waitAllExited();
    m_ctx.mainLane.setState(SpanState::Running);
    if (!m_workers.failure().empty())
        throw std::runtime_error("the process pool is broken: " + m_workers.failure());
}

} // namespace lab
