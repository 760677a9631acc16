#include "RecordedLock.h"

#include "GilModel.h"
#include "Recorder.h"

namespace lab {

void RecordedLock::acquire(LaneRecorder &lane, int task)
{
    const SpanState before = lane.state();
    if (!m_mutex.try_lock()) {
        const ReleasedGil released(lane, task); // a blocking acquire drops the GIL
        lane.setState(SpanState::LockWait, task);
        m_mutex.lock();
    }
    if (++m_depth == 1) {
        const auto t = Clock::nowNs();
        lane.lockAcquired(m_id, task, t);
        lane.setState(before, task, t); // ends a lock-wait span, if there was one
    }
}

void RecordedLock::release(LaneRecorder &lane, int task)
{
    if (--m_depth == 0) {
        // Recorded while still held, so a release always precedes the acquire it unblocks.
        lane.lockReleased(m_id, task, Clock::nowNs());
    }
    m_mutex.unlock();
}

} // namespace lab
