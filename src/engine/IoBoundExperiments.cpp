// The lesson's I/O-bound experiments: a task announces itself, sleeps and
// announces its end, run sequentially, in threads, under locks, and through a
// Thread subclass.
#include "IoBoundExperiments.h"

#include "LessonOutput.h"
#include "PyThread.h"
#include "RecordedLock.h"
#include "RunContext.h"

#include <exception>
#include <memory>
#include <optional>
#include <vector>

namespace lab::experiments {
namespace {

constexpr std::uint32_t rlockId = 1;

// print() under `lock` when there is one.
void printLine(RunContext &ctx, LaneRecorder &lane, int task, const std::string &text, RecordedLock *lock)
{
    std::optional<LockScope> held;
    if (lock)
        held.emplace(*lock, lane, task);
    ctx.console.print(lane, task, text, ctx.cancel);
}

// The lesson's task(i); `printLock` set: the fine-grained variant that locks each print.
void sleepingTask(RunContext &ctx, LaneRecorder &lane, int id, RecordedLock *printLock = nullptr)
{
    if (ctx.cancel.isCancelled())
        return;
    const auto t = Clock::nowNs();
    lane.taskStart(id, t);
    lane.setState(SpanState::Running, id, t);
    printLine(ctx, lane, id, "Task " + std::to_string(id) + ": starting. ", printLock);
    if (!ctx.sleep(lane, id, std::int64_t(ctx.params.sleepMs) * 1'000'000))
        return;
    printLine(ctx, lane, id, "Task " + std::to_string(id) + ": finishing. ", printLock);
    if (ctx.cancel.isCancelled())
        return;
    const auto end = Clock::nowNs();
    lane.taskEnd(id, end);
    lane.setState(SpanState::Running, -1, end);
}

void runThreads(RunContext &ctx, RecordedLock *coarseLock, RecordedLock *printLock)
{
    std::vector<std::unique_ptr<PyThread>> threads;
    for (int i = 0; i < ctx.params.tasks; ++i) {
        threads.push_back(std::make_unique<PyThread>(ctx, [&ctx, i, coarseLock, printLock](LaneRecorder &lane) {
            std::optional<LockScope> held;
            if (coarseLock)
                held.emplace(*coarseLock, lane, i);
            sleepingTask(ctx, lane, i, printLock);
        }));
    }
    startThenJoin(ctx, threads);
}

// The lesson's Sleeper: a Thread subclass whose run() is the task.
class Sleeper : public PyThread
{
public:
    Sleeper(RunContext &ctx, int id) : PyThread(ctx), m_id(id) { }
    void run(LaneRecorder &lane) override { sleepingTask(m_ctx, lane, m_id, printLock()); }

protected:
    virtual RecordedLock *printLock() { return nullptr; }

private:
    int m_id;
};

// SleeperLock: one lock shared by the whole class (a class variable in Python).
class SleeperLock : public Sleeper
{
public:
    SleeperLock(RunContext &ctx, int id, RecordedLock &classLock) : Sleeper(ctx, id), m_classLock(classLock) { }

protected:
    RecordedLock *printLock() override { return &m_classLock; }

private:
    RecordedLock &m_classLock;
};

} // namespace

void sleepSequential(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    for (int i = 0; i < ctx.params.tasks && !ctx.cancel.isCancelled(); ++i)
        sleepingTask(ctx, ctx.mainLane, i);
    printTimeSpent(ctx, began);
}

void sleepThreads(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    runThreads(ctx, nullptr, nullptr);
    printTimeSpent(ctx, began);
}

void sleepCoarseLock(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    RecordedLock rlock(rlockId);
    runThreads(ctx, &rlock, nullptr);
    printTimeSpent(ctx, began);
}

void sleepFineLock(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    RecordedLock rlock(rlockId);
    runThreads(ctx, nullptr, &rlock);
    printTimeSpent(ctx, began);
}

void sleeperRun(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    for (int i = 0; i < ctx.params.tasks && !ctx.cancel.isCancelled(); ++i)
        Sleeper(ctx, i).run(ctx.mainLane); // run() called directly: no new thread
    printTimeSpent(ctx, began);
}

void sleeperStart(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    std::vector<std::unique_ptr<PyThread>> sleepers;
    for (int i = 0; i < ctx.params.tasks; ++i)
        sleepers.push_back(std::make_unique<Sleeper>(ctx, i));
    startThenJoin(ctx, sleepers);
    printTimeSpent(ctx, began);
}

void sleeperLock(RunContext &ctx)
{
    const auto began = Clock::nowNs();
    RecordedLock classLock(rlockId);
    std::vector<std::unique_ptr<PyThread>> sleepers;
    for (int i = 0; i < ctx.params.tasks; ++i)
        sleepers.push_back(std::make_unique<SleeperLock>(ctx, i, classLock));
    startThenJoin(ctx, sleepers);
    printTimeSpent(ctx, began);
}

} // namespace lab::experiments
