#include "PyThread.h"

#include "RunContext.h"

#include <future>
#include <stdexcept>
#include <system_error>

namespace lab {

PyThread::PyThread(RunContext &ctx, Target target)
    : m_ctx(ctx), m_name(ctx.nextThreadName()), m_target(std::move(target))
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
                started.set_value();
                signalled = true;
                run(*lane);
                lane->end();
            } catch (...) {
                // An exception ends this thread, not the process: the run is
                // cancelled and join() hands the exception to the main thread.
                m_error = std::current_exception();
                m_ctx.cancel.cancel();
                if (!signalled)
                    started.set_value();
                if (lane)
                    lane->end();
            }
        });
    } catch (const std::system_error &e) {
        throw std::runtime_error("the OS refused to start " + m_name + ": " + e.what());
    }
    running.wait();
}

void PyThread::join(LaneRecorder &caller)
{
    if (!m_thread.joinable())
        return;
    const SpanState before = caller.state();
    caller.setState(SpanState::Joining);
    m_thread.join();
    caller.setState(before);
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

void PyThread::run(LaneRecorder &lane)
{
    if (m_target)
        m_target(lane);
}

} // namespace lab
