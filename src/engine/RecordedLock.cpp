#include "RecordedLock.h"

#include "Recorder.h"

namespace lab {

void RecordedLock::acquire(LaneRecorder &lane, int task)
{
    const SpanState before = lane.state();
    if (!m_mutex.try_lock()) {
        lane.setState(SpanState::LockWait, task);
        m_mutex.lock();
    }
    if (++m_depth == 1) {
        const auto t = Clock::nowNs();
        lane.lockAcquired(m_id, task, t);
        lane.setState(before, task, t);
    }
}

void RecordedLock::release(LaneRecorder &lane, int task)
{
    if (--m_depth == 0) {
        // Recorded while still held, so a release always precedes the acquire it unblocks.
        const auto t = Clock::nowNs();
        lane.lockReleased(m_id, task, t);
        lane.setState(lane.state(), task, t);
    }
    m_mutex.unlock();
}

} // namespace lab
