#include "CpuBoundExperiments.h"

#include "Factorial.h"
#include "PyThread.h"
#include "RunContext.h"
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

int cpuCount() { return std::max(1, int(sysconf(_SC_NPROCESSORS_ONLN))); }

StartMethod startMethod(const RunContext &ctx) { return ctx.params.startMethod == 1 ? StartMethod::Spawn : StartMethod::Fork; }

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
    const std::int64_t digits = Factorial::digits(n);
    const auto t1 = Clock::nowNs();
    lane.cpuUsage(Clock::threadCpuNs() - cpu0, cpu, task, t1);
    lane.taskEnd(task, t1);
    lane.setState(SpanState::Running, -1, t1);
    ctx.results.record(task, digits);
    if (ctx.gil)
        ctx.gil->checkpoint(lane, -1);
}

void printSummary(RunContext &ctx, const std::string &what)
{
    const auto values = ctx.results.values();
    const auto done = std::count_if(values.begin(), values.end(), [](std::int64_t v) { return v >= 0; });
    std::string line = what + ": " + std::to_string(done) + " of " + std::to_string(ctx.params.tasks) + " results";
    if (done > 0)
        line += ", " + std::to_string(ctx.params.n) + "! has " + std::to_string(*std::max_element(values.begin(), values.end())) + " digits";
    ctx.console.print(ctx.mainLane, -1, line, ctx.cancel);
}

// A process pool's map: every task goes to the next free worker; results are
// kept by task id (so they come back in submission order) while the order of
// arrival is recorded.
void processPoolMap(RunContext &ctx, int workers, const std::string &workerName, int (*nFor)(int n, int task))
{
    WorkerProcesses pool(ctx, startMethod(ctx));
    const int size = std::max(1, workers);
    for (int w = 0; w < size && !ctx.cancel.isCancelled(); ++w)
        pool.start(workerName + std::to_string(w + 1));
    const int tasks = ctx.params.tasks;
    int next = 0;
    auto nOf = [&](int task) { return nFor ? nFor(ctx.params.n, task) : ctx.params.n; };
    for (std::size_t w = 0; w < pool.size() && next < tasks; ++w, ++next)
        pool.assign(w, next, nOf(next));
    int received = 0;
    {
        const ReleasedGil released(ctx.mainLane, -1); // waiting on the result queue drops the GIL
        ctx.mainLane.setState(SpanState::Joining);
        while (received < tasks) {
            const auto result = pool.nextResult();
            if (!result)
                break;
            ++received;
            if (next < tasks && pool.assign(result->worker, next, nOf(next)))
                ++next;
        }
        // shutdown(): every worker is told to quit and joined.
        for (std::size_t w = 0; w < pool.size(); ++w)
            pool.quit(w);
        if (pool.failure().empty())
            pool.waitAllExited();
        ctx.mainLane.setState(SpanState::Running);
    }
    if (!pool.failure().empty()) {
        pool.killAll();
        throw std::runtime_error("the process pool is broken: " + pool.failure());
    }
}

} // namespace

int defaultThreadPoolWorkers(int cpus) { return std::min(32, cpus + 4); }
int defaultProcessPoolWorkers(int cpus) { return cpus; }

int poolOrderN(int n, int task)
{
    // A fixed scramble of sizes between n/4 and n, the same on every run.
    const unsigned h = (unsigned(task) * 2654435761u) >> 16;
    return std::max(1, n / 4 + int(h % unsigned(std::max(1, n - n / 4))));
}

int workersFor(const std::string &experiment, const ExperimentParams &params, int cpus)
{
    if (experiment == "factorial-processes")
        return params.tasks;
    if (experiment == "factorial-process-pool" || experiment == "pool-order")
        return params.workers > 0 ? params.workers : defaultProcessPoolWorkers(cpus);
    if (experiment == "factorial-thread-pool")
        return params.workers > 0 ? params.workers : defaultThreadPoolWorkers(cpus);
    return 0;
}

void factorialSequential(RunContext &ctx)
{
    for (int i = 0; i < ctx.params.tasks && !ctx.cancel.isCancelled(); ++i)
        factorialTask(ctx, ctx.mainLane, i, ctx.params.n);
    printSummary(ctx, "for loop");
}

void factorialMap(RunContext &ctx)
{
    // The built-in map is lazy and sequential: list() pulls one result at a time.
    for (int i = 0; i < ctx.params.tasks && !ctx.cancel.isCancelled(); ++i)
        factorialTask(ctx, ctx.mainLane, i, ctx.params.n);
    printSummary(ctx, "map");
}

void factorialThreads(RunContext &ctx)
{
    std::vector<std::unique_ptr<PyThread>> threads;
    for (int i = 0; i < ctx.params.tasks; ++i)
        threads.push_back(std::make_unique<PyThread>(ctx, [&ctx, i](LaneRecorder &lane) { factorialTask(ctx, lane, i, ctx.params.n); }));
    startThenJoin(ctx, threads);
    printSummary(ctx, "threads");
}

void factorialThreadPool(RunContext &ctx)
{
    const int workers = std::min(ctx.params.tasks, workersFor("factorial-thread-pool", ctx.params, cpuCount()));
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
    printSummary(ctx, "thread pool");
}

void factorialProcesses(RunContext &ctx)
{
    WorkerProcesses processes(ctx, startMethod(ctx));
    for (int i = 0; i < ctx.params.tasks && !ctx.cancel.isCancelled(); ++i) {
        const auto p = processes.start("Process-" + std::to_string(i + 1));
        processes.assign(p, i, ctx.params.n);
        processes.quit(p);
        processes.poll();
    }
    {
        const ReleasedGil released(ctx.mainLane, -1);
        ctx.mainLane.setState(SpanState::Joining);
        processes.waitAllExited();
        ctx.mainLane.setState(SpanState::Running);
    }
    printSummary(ctx, "processes");
}

void factorialProcessPool(RunContext &ctx)
{
    const int workers = workersFor("factorial-process-pool", ctx.params, cpuCount());
    processPoolMap(ctx, workers, ctx.params.startMethod == 1 ? "SpawnPoolWorker-" : "ForkPoolWorker-", nullptr);
    printSummary(ctx, "process pool");
}

void poolOrder(RunContext &ctx)
{
    const int workers = workersFor("pool-order", ctx.params, cpuCount());
    processPoolMap(ctx, workers, ctx.params.startMethod == 1 ? "SpawnPoolWorker-" : "ForkPoolWorker-", poolOrderN);
    if (ctx.cancel.isCancelled())
        return;
    auto join = [](const auto &values) {
        std::string out;
        for (const auto v : values)
            out += (out.empty() ? "" : ", ") + std::to_string(v);
        return out;
    };
    // What map returned, by position (each a digit count), and the order the tasks really finished in.
    ctx.console.print(ctx.mainLane, -1, "results (digits of each n!), in submission order: " + join(ctx.results.values()), ctx.cancel);
    ctx.console.print(ctx.mainLane, -1, "completion order: tasks " + join(ctx.results.completionOrder()), ctx.cancel);
}

} // namespace lab::experiments
