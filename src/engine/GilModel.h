#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace lab {

class CancelToken;
class LaneRecorder;

// A model of CPython's global interpreter lock (Python/ceval_gil.c), one per
// process, that real threads really take and drop:
// - A thread that finds the GIL held waits one switch interval; if the GIL
//   changed hands meanwhile it waits again, otherwise it sets a drop request
//   (a drop and take-back by the same holder does not restart the interval).
// - The holder honours the request at its next check (the eval breaker,
//   checkpoint()); with forced switching it then waits until another thread
//   has taken the GIL before it competes again.
// - A C call (math.factorial) runs without checks, so it holds the GIL for its
//   whole duration; sleeping and blocking I/O drop it at once (ReleasedGil).
// Waiting for it is recorded as a GilWait span; each take and drop is an event
// naming the GIL's lane, so the timeline can show who held it.
class GilModel
{
public:
    GilModel(std::uint32_t gilLane, std::int64_t switchIntervalNs, CancelToken &cancel);

    // Blocks until `lane`'s thread holds the GIL. False if the run was cancelled first.
    bool take(LaneRecorder &lane, int task);
    // Drops the GIL `lane` holds (no-op if it does not hold it).
    void drop(LaneRecorder &lane, int task);
    // The thread's last drop, as it ends: no waiting for a forced switch.
    void release(LaneRecorder &lane, int task);
    // The eval breaker: between bytecodes, a holder asked to drop does so and takes it again.
    void checkpoint(LaneRecorder &lane, int task);

    bool isHeldBy(const LaneRecorder &lane) const;
    std::uint32_t laneId() const { return m_gilLane; }
    std::int64_t switchIntervalNs() const { return m_intervalNs; }
    // Times the GIL passed from one thread to another.
    std::uint64_t handoffs() const;

    // The GIL the calling thread runs Python code under; nullptr with the GIL off.
    static GilModel *current();
    // The lane of the calling thread, when it is bound to a GIL.
    static LaneRecorder *currentLane();
    // Makes `gil` (nullptr: GIL off) and `lane` current for the calling thread, for its lifetime.
    class ThreadBinding
    {
    public:
        ThreadBinding(GilModel *gil, LaneRecorder &lane);
        ~ThreadBinding();
        ThreadBinding(const ThreadBinding &) = delete;
        ThreadBinding &operator=(const ThreadBinding &) = delete;

    private:
        GilModel *m_previous;
        LaneRecorder *m_previousLane;
    };

private:
    void dropLocked(std::unique_lock<std::mutex> &lock, LaneRecorder &lane, int task, bool final);

    const std::uint32_t m_gilLane;
    const std::int64_t m_intervalNs;
    CancelToken &m_cancel;
    mutable std::mutex m_mutex;
    std::condition_variable m_released; // gil->cond: the GIL was dropped
    std::condition_variable m_switched; // gil->switch_cond: another thread took it
    bool m_locked = false;
    bool m_dropRequest = false;
    const LaneRecorder *m_holder = nullptr;     // gil->last_holder: kept after a drop
    std::uint64_t m_switchNumber = 0;
    std::uint64_t m_handoffs = 0;
};

// Py_BEGIN_ALLOW_THREADS … Py_END_ALLOW_THREADS: drops the calling thread's
// GIL for a blocking call (sleep, a console write, a lock or join wait) and
// takes it back afterwards. Does nothing when the thread holds no GIL.
class ReleasedGil
{
public:
    ReleasedGil(LaneRecorder &lane, int task);
    explicit ReleasedGil(int task = -1); // the calling thread's bound lane
    ~ReleasedGil();
    ReleasedGil(const ReleasedGil &) = delete;
    ReleasedGil &operator=(const ReleasedGil &) = delete;

private:
    ReleasedGil(LaneRecorder *lane, int task);
    GilModel *m_gil = nullptr;
    LaneRecorder *m_lane;
    int m_task;
};

} // namespace lab
