#include "RecordedLock.h"

#include "GilModel.h"
#include "Recorder.h"

namespace lab {

void RecordedLock::acquire(LaneRecorder &lane, int task)
{
    const SpanState before = lane.state();
    if (m_mutex.try_lock()) {
        if (++m_depth == 1) {
            const auto t = Clock::nowNs();
            lane.lockAcquired(m_id, task, t);
            lane.setState(before, task, t);
        }
        return;
    }
    // The lane shows the wait before the GIL drops, so no other thread is seen
    // taking the GIL while this one still shows as running.
    lane.setState(SpanState::LockWait, task);
    const ReleasedGil released(lane, task); // a blocking acquire drops the GIL
    m_mutex.lock();
    // Held from the moment the mutex is taken: taking the GIL back comes after,
    // and a wait for it shows as a GIL wait inside the held interval.
    const auto t = Clock::nowNs();
    if (++m_depth == 1)
        lane.lockAcquired(m_id, task, t);
    lane.setState(before, task, t);
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
