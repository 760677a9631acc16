#include "CpuBoundExperiments.h"

#include "Factorial.h"
#include "LessonOutput.h"
#include "Machine.h"
#include "PyThread.h"
#include "RunContext.h"
#include "ProcessPool.h"
#include "ProcessSharedLock.h"
#include "WorkerProcesses.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <sched.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace lab::experiments {
namespace {

StartMethod startMethod(const RunContext &ctx) { return ctx.params.startMethod == 1 ? StartMethod::Spawn : StartMethod::Fork; }
PoolApi poolApi(const RunContext &ctx) { return ctx.params.poolApi == 1 ? PoolApi::Executor : PoolApi::Pool; }

WorkerSettings workerSettings(const RunContext &ctx)
{
    return WorkerSettings{ctx.params.interpreterStartupMs, std::int64_t(ctx.params.writeUs) * 1000, nullptr};
}

// One call of math.factorial(n) on the calling thread. It is a C call: it runs
// to its end holding the GIL (if there is one), with GIL checks only before
// and after it. The span records the CPU time the thread really got.
void factorialTask(RunContext &ctx, LaneRecorder &lane, int task, int n)
{
    if (ctx.gil)
        ctx.gil->checkpoint(lane, task);
    if (ctx.cancel.isCancelled())
        return;
    const auto t0 = Clock::nowNs();
    lane.taskStart(task, t0);
    lane.setState(SpanState::Running, task, t0);
    const auto cpu0 = Clock::threadCpuNs();
    const int cpu = sched_getcpu();
    const Factorial::Result result = Factorial::compute(n);
    const auto t1 = Clock::nowNs();
    lane.cpuUsage(Clock::threadCpuNs() - cpu0, cpu, task, t1);
    lane.taskEnd(task, t1);
    lane.setState(SpanState::Running, -1, t1);
    ctx.results.record(task, result.digits, result.residue);
    if (ctx.gil)
        ctx.gil->checkpoint(lane, -1);
}

// with Pool() as pool: pool.map(...) -- or ProcessPoolExecutor(), by the pool-api parameter.
void poolMap(RunContext &ctx, WorkerSettings settings, WorkerTask work)
{
    const int workers = workersFor(*ctx.info, ctx.params, cpuCount());
    const int chunksize = ProcessPool::chunksizeFor(poolApi(ctx), ctx.params.tasks, workers, ctx.params.chunksize);
    // ProcessPoolExecutor under spawn starts a worker per submit while none is idle (fork: all at the
    // first submit); map submits a chunk at a time, all at once, so at most one worker per chunk starts.
    const bool onDemand = poolApi(ctx) == PoolApi::Executor && startMethod(ctx) == StartMethod::Spawn;
    const int chunks = (ctx.params.tasks + chunksize - 1) / chunksize;
    ctx.results.setChunksize(chunksize); // said even if the pool cannot start
    ProcessPool pool(ctx, poolApi(ctx), startMethod(ctx), onDemand ? std::min(workers, chunks) : workers, settings);
    pool.map(ctx.params.tasks, chunksize, work, ctx.params.n);
    pool.shutdown();
}

} // namespace

int defaultThreadPoolWorkers(int cpus) { return std::min(32, cpus + 4); }
int defaultProcessPoolWorkers(int cpus) { return cpus; }

int workersFor(const ExperimentInfo &info, const ExperimentParams &params, int cpus)
{
    switch (info.workers) {
    case WorkerKind::ThreadPerTask:
    case WorkerKind::ProcessPerTask: return params.tasks;
    case WorkerKind::ProcessPool: return params.workers > 0 ? params.workers : defaultProcessPoolWorkers(cpus);
    case WorkerKind::ThreadPool: return params.workers > 0 ? params.workers : defaultThreadPoolWorkers(cpus);
    case WorkerKind::None: break;
    }
    return 0;
}

void factorialSequential(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    for (int i = 0; i < ctx.params.tasks && !ctx.cancel.isCancelled(); ++i)
        factorialTask(ctx, ctx.mainLane, i, ctx.params.n);
    printTimeSpent(ctx, began);
}

void factorialThreads(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    std::vector<std::unique_ptr<PyThread>> threads;
    for (int i = 0; i < ctx.params.tasks; ++i)
        threads.push_back(std::make_unique<PyThread>(ctx, [&ctx, i](LaneRecorder &lane) { factorialTask(ctx, lane, i, ctx.params.n); }));
    startThenJoin(ctx, threads);
    printTimeSpent(ctx, began);
}

void factorialThreadPool(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    const int workers = std::min(ctx.params.tasks, workersFor(*ctx.info, ctx.params, cpuCount()));
    std::atomic<int> next{0};
    std::vector<std::unique_ptr<PyThread>> pool;
    for (int w = 0; w < workers; ++w)
        pool.push_back(std::make_unique<PyThread>(ctx, "ThreadPoolExecutor-0_" + std::to_string(w), [&ctx, &next](LaneRecorder &lane) {
            // Each worker takes the next work item until the queue is empty.
            for (;;) {
                const int task = next.fetch_add(1);
                if (task >= ctx.params.tasks || ctx.cancel.isCancelled())
                    break;
                factorialTask(ctx, lane, task, ctx.params.n);
            }
            lane.setState(SpanState::Idle);
        }));
    startThenJoin(ctx, pool);
    printTimeSpent(ctx, began);
}

void factorialProcesses(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    WorkerProcesses processes(ctx, startMethod(ctx), workerSettings(ctx));
    for (int i = 0; i < ctx.params.tasks && !ctx.cancel.isCancelled(); ++i) {
        const auto p = processes.start("Process-" + std::to_string(i + 1));
        processes.run(p, WorkerJob{-1, i, 1, ctx.params.n, WorkerTask::Factorial});
        processes.quit(p);
        processes.poll();
    }
    {
        ctx.mainLane.setState(SpanState::Joining);
        const ReleasedGil released(ctx.mainLane, -1);
        processes.waitAllExited();
        ctx.mainLane.setState(SpanState::Running);
    }
    printTimeSpent(ctx, began);
}

void factorialProcessPool(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    poolMap(ctx, workerSettings(ctx), WorkerTask::Factorial);
    printTimeSpent(ctx, began);
}

void poolOrder(RunContext &ctx)
{
    // rlock = multiprocessing.RLock(), made before the pool so that every worker shares it.
    ProcessSharedLock rlock(ctx.params.startMethod == 1);
    WorkerSettings settings = workerSettings(ctx);
    settings.lock = &rlock;
    poolMap(ctx, settings, WorkerTask::PrintId);
    if (ctx.cancel.isCancelled())
        return;
    // print(); print(res[:10])
    ctx.console.write(ctx.mainLane, -1, "\n", ctx.cancel);
    const auto results = ctx.results.values();
    std::string tuple;
    const std::size_t shown = std::min<std::size_t>(10, results.size());
    for (std::size_t i = 0; i < shown; ++i)
        tuple += (i ? ", " : "") + std::to_string(results[i]);
    ctx.console.print(ctx.mainLane, -1, "(" + tuple + (shown == 1 ? ",)" : ")"), ctx.cancel);
}

} // namespace lab::experiments
