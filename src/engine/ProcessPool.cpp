#include "ProcessPool.h"

#include "RunContext.h"

#include <algorithm>
#include <deque>
#include <stdexcept>

namespace lab {

ProcessPool::ProcessPool(RunContext &ctx, PoolApi api, StartMethod method, int workers, WorkerSettings settings)
    : m_ctx(ctx), m_workers(ctx, method, settings)
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
    const int chunks = (tasks + chunksize - 1) / chunksize;
    int nextChunk = 0;
    int received = 0;
    std::deque<std::size_t> free; // workers that asked for work, in the order they asked
    const ReleasedGil released(m_ctx.mainLane, -1); // waiting on the result queue drops the GIL
    m_ctx.mainLane.setState(SpanState::Joining);
    while (received < tasks) {
        const auto notice = m_workers.next();
        if (!notice)
            break;
        if (notice->kind == WorkerProcesses::Notice::Ready)
            free.push_back(notice->worker);
        else
            ++received;
        while (!free.empty() && nextChunk < chunks) {
            const int first = nextChunk * chunksize;
            const WorkerJob job{nextChunk, first, std::min(chunksize, tasks - first), n, work};
            if (m_workers.run(free.front(), job))
                ++nextChunk; // else that worker has gone: the chunk waits for the next free one
            free.pop_front();
        }
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
    const ReleasedGil released(m_ctx.mainLane, -1);
    m_ctx.mainLane.setState(SpanState::Joining);
    for (std::size_t w = 0; w < m_workers.size(); ++w)
        m_workers.quit(w);
    m_workers.waitAllExited();
    m_ctx.mainLane.setState(SpanState::Running);
    if (!m_workers.failure().empty())
        throw std::runtime_error("the process pool is broken: " + m_workers.failure());
}

} // namespace lab
