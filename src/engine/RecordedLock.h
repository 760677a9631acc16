#pragma once

#include <cstdint>
#include <mutex>

namespace lab {

class LaneRecorder;

// A re-entrant lock (Python's threading.RLock) that records what it does: the
// time a thread waits for it as a lock-wait span, and the outermost acquire
// and release as the ends of a lock-held interval.
class RecordedLock
{
public:
    explicit RecordedLock(std::uint32_t id) : m_id(id) { }

    void acquire(LaneRecorder &lane, int task);
    void release(LaneRecorder &lane, int task);

private:
    const std::uint32_t m_id;
    std::recursive_mutex m_mutex;
    int m_depth = 0; // guarded by m_mutex
};

// RAII form, Python's `with lock:`.
class LockScope
{
public:
    LockScope(RecordedLock &lock, LaneRecorder &lane, int task) : m_lock(lock), m_lane(lane), m_task(task) { m_lock.acquire(m_lane, m_task); }
    ~LockScope() { m_lock.release(m_lane, m_task); }
    LockScope(const LockScope &) = delete;
    LockScope &operator=(const LockScope &) = delete;

private:
    RecordedLock &m_lock;
    LaneRecorder &m_lane;
    int m_task;
};

} // namespace lab
