#include "GilModel.h"

#include "CancelToken.h"
#include "Recorder.h"

#include <algorithm>
#include <chrono>

namespace lab {
namespace {

thread_local GilModel *t_current = nullptr;
thread_local LaneRecorder *t_lane = nullptr;

// Waits are cut into slices this long, so a cancelled run never waits a whole switch interval.
constexpr std::int64_t cancelPollNs = 10'000'000;

} // namespace

GilModel::GilModel(std::uint32_t gilLane, std::int64_t switchIntervalNs, CancelToken &cancel)
    : m_gilLane(gilLane), m_intervalNs(std::max<std::int64_t>(switchIntervalNs, 1)), m_cancel(cancel)
{
}

bool GilModel::take(LaneRecorder &lane, int task)
{
    std::unique_lock lock(m_mutex);
    const SpanState before = lane.state();
    const int beforeTask = lane.stateTask();
    bool waited = false;
    while (m_locked) {
        if (!waited) {
            lane.setState(SpanState::GilWait, task);
            waited = true;
        }
        // take_gil: wait one switch interval; the interval starts again only when the GIL
        // changed hands meanwhile (switch_number), so a holder that drops and takes it back
        // (a console write) cannot keep a waiter from asking for it.
        const std::uint64_t savedSwitch = m_switchNumber;
        const auto deadline = Clock::nowNs() + m_intervalNs;
        while (m_locked && m_switchNumber == savedSwitch && !m_cancel.isCancelled()) {
            const auto left = deadline - Clock::nowNs();
            if (left <= 0)
                break;
            m_released.wait_for(lock, std::chrono::nanoseconds(std::min(left, cancelPollNs)));
        }
        if (m_cancel.isCancelled()) {
            lane.setState(before, beforeTask);
            return false;
        }
        if (m_locked && m_switchNumber == savedSwitch)
            m_dropRequest = true; // timed out, and no switch meanwhile: ask the holder to drop it
    }
    m_locked = true;
    if (m_holder != &lane) { // gil->last_holder: the switch number counts changes of holder only
        if (m_holder)
            ++m_handoffs;
        m_holder = &lane;
        ++m_switchNumber;
    }
    m_dropRequest = false; // the request was for the previous holder
    const auto t = Clock::nowNs();
    lane.gilAcquired(m_gilLane, task, t);
    if (waited)
        lane.setState(before, beforeTask, t);
    m_switched.notify_all();
    return true;
}

void GilModel::dropLocked(std::unique_lock<std::mutex> &lock, LaneRecorder &lane, int task, bool final)
{
    if (!m_locked || m_holder != &lane)
        return;
    // Recorded while still held, so a drop always precedes the take it allows.
    lane.gilReleased(m_gilLane, task, Clock::nowNs());
    m_locked = false;
    m_released.notify_one();
    // Forced switching: asked to drop, wait until another thread has the GIL,
    // so the dropper cannot simply take it straight back. Not for a thread's
    // last release: CPython passes drop_gil no thread state there.
    if (m_dropRequest && !final) {
        m_dropRequest = false;
        while (m_holder == &lane && !m_cancel.isCancelled())
            m_switched.wait_for(lock, std::chrono::nanoseconds(cancelPollNs));
    }
}

void GilModel::drop(LaneRecorder &lane, int task)
{
    std::unique_lock lock(m_mutex);
    dropLocked(lock, lane, task, false);
}

void GilModel::release(LaneRecorder &lane, int task)
{
    std::unique_lock lock(m_mutex);
    dropLocked(lock, lane, task, true);
}

void GilModel::checkpoint(LaneRecorder &lane, int task)
{
    {
        std::unique_lock lock(m_mutex);
        if (!m_dropRequest || !m_locked || m_holder != &lane)
            return;
        dropLocked(lock, lane, task, false);
    }
    take(lane, task);
}

bool GilModel::isHeldBy(const LaneRecorder &lane) const
{
    std::lock_guard lock(m_mutex);
    return m_locked && m_holder == &lane;
}

std::uint64_t GilModel::handoffs() const
{
    std::lock_guard lock(m_mutex);
    return m_handoffs;
}

GilModel *GilModel::current() { return t_current; }

LaneRecorder *GilModel::currentLane() { return t_lane; }

GilModel::ThreadBinding::ThreadBinding(GilModel *gil, LaneRecorder &lane) : m_previous(t_current), m_previousLane(t_lane)
{
    t_current = gil;
    t_lane = &lane;
}

GilModel::ThreadBinding::~ThreadBinding()
{
    t_current = m_previous;
    t_lane = m_previousLane;
}

ReleasedGil::ReleasedGil(int task) : ReleasedGil(GilModel::currentLane(), task) { }

ReleasedGil::ReleasedGil(LaneRecorder &lane, int task) : ReleasedGil(&lane, task) { }

ReleasedGil::ReleasedGil(LaneRecorder *lane, int task) : m_lane(lane), m_task(task)
{
    GilModel *gil = GilModel::current();
    if (gil && lane && gil->isHeldBy(*lane)) {
        m_gil = gil;
        gil->drop(*lane, task);
    }
}

ReleasedGil::~ReleasedGil()
{
    if (m_gil)
        m_gil->take(*m_lane, m_task);
}

} // namespace lab
