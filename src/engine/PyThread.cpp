#include "PyThread.h"

#include "Recorder.h"

#include <future>
#include <stdexcept>
#include <system_error>

namespace lab {

PyThread::PyThread(Recorder &recorder, std::string name, Target target)
    : m_recorder(recorder), m_name(std::move(name)), m_target(std::move(target))
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
            LaneRecorder &lane = m_recorder.addCurrentThreadLane(m_name);
            lane.setState(SpanState::Running);
            started.set_value();
            run(lane);
            lane.end();
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
}

void PyThread::run(LaneRecorder &lane)
{
    if (m_target)
        m_target(lane);
}

} // namespace lab
