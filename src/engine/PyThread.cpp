#include "PyThread.h"

#include "RunContext.h"

#include <exception>
#include <future>
#include <memory>
#include <vector>
#include <stdexcept>
#include <system_error>

namespace lab {

PyThread::PyThread(RunContext &ctx, Target target)
    : m_ctx(ctx), m_name(ctx.nextThreadName()), m_target(std::move(target))
{
}

PyThread::PyThread(RunContext &ctx, std::string name, Target target)
    : m_ctx(ctx), m_name(std::move(name)), m_target(std::move(target))
{
}

PyThread::~PyThread()
{
    if (m_thread.joinable())
        m_thread.join();
}

void PyThread::start()
{
    // A promise, not a latch: its shared state outlives this frame safely.
    std::promise<void> started;
    auto running = started.get_future();
    try {
        m_thread = std::thread([this, started = std::move(started)]() mutable {
            LaneRecorder *lane = nullptr;
            bool signalled = false;
            try {
                lane = &m_ctx.recorder.addCurrentThreadLane(m_name);
                lane->setState(SpanState::Running);
                // A Python thread needs its process's GIL before it runs any Python code.
                const GilModel::ThreadBinding binding(m_ctx.gil, *lane);
                if (m_ctx.gil)
                    m_ctx.gil->take(*lane, -1);
                started.set_value();
                signalled = true;
                run(*lane);
                if (m_ctx.gil)
                    m_ctx.gil->release(*lane, -1); // the thread's last drop
                lane->end();
            } catch (...) {
                // An exception ends this thread, not the process: the run is
                // cancelled and join() hands the exception to the main thread.
                m_error = std::current_exception();
                m_ctx.cancel.cancel();
                if (m_ctx.gil && lane)
                    m_ctx.gil->release(*lane, -1);
                if (!signalled)
                    started.set_value();
                if (lane)
                    lane->end();
            }
        });
    } catch (const std::system_error &e) {
        throw std::runtime_error("the OS refused to start " + m_name + ": " + e.what());
    }
    // start() waits until the new thread runs (its started Event): the GIL is dropped, and the caller's lane says it waits.
    // The lane says it waits before the GIL drops, so the new thread is never seen
    // taking the GIL while its caller still shows as running.
    LaneRecorder *caller = GilModel::currentLane();
    const SpanState before = caller ? caller->state() : SpanState::Running;
    if (caller)
        caller->setState(SpanState::Joining);
    {
        const ReleasedGil released;
        running.wait();
        if (caller)
            caller->setState(before); // before the GIL is taken back: that wait is a GilWait
    }
}

void PyThread::join(LaneRecorder &caller)
{
    if (!m_thread.joinable())
        return;
    const SpanState before = caller.state();
    caller.setState(SpanState::Joining);
    {
        const ReleasedGil released(caller, -1);
        m_thread.join();
        caller.setState(before);
    }
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

void PyThread::run(LaneRecorder &lane)
{
    if (m_target)
        m_target(lane);
}

// Start every thread, then join them all, as the lesson does. If the OS
// refuses a thread, or one ends in an exception, the run is cancelled, every
// started thread is still joined, and the first error is passed on.
void startThenJoin(RunContext &ctx, std::vector<std::unique_ptr<PyThread>> &threads)
{
    std::exception_ptr error;
    for (auto &thread : threads) {
        try {
            thread->start();
        } catch (...) {
            error = std::current_exception();
            ctx.cancel.cancel();
            break;
        }
    }
    for (auto &thread : threads) {
        try {
            thread->join(ctx.mainLane);
        } catch (...) {
            if (!error)
                error = std::current_exception();
        }
    }
    if (error)
        std::rethrow_exception(error);
}

} // namespace lab
