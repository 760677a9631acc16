#pragma once

#include "AppendOnlyList.h"
#include "Clock.h"
#include "Event.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lab {

// Records the events of one lane. Exactly one thread writes to a lane (the
// thread the lane stands for, or the reader of a child process's pipe), so
// appending needs no lock; any thread may read concurrently.
class alignas(64) LaneRecorder
{
public:
    explicit LaneRecorder(Lane lane) : m_lane(std::move(lane)) { }

    const Lane &lane() const { return m_lane; }
    std::uint32_t id() const { return m_lane.id; }

    // Writer side. `t` defaults to now; callers pass one timestamp to several
    // calls when those events happen at one instant (a lock acquire and the
    // state that starts with it).
    // Records only a change: setting the state the lane is already in (for the
    // same task) adds nothing.
    void setState(SpanState state, int task = -1, std::int64_t t = Clock::nowNs())
    {
        if (m_hasState && state == m_state && task == m_stateTask)
            return;
        m_hasState = true;
        m_state = state;
        m_stateTask = task;
        record({t, task, 0, m_lane.id, EventKind::StateChange, state});
    }
    void taskStart(int task, std::int64_t t = Clock::nowNs()) { record({t, task, 0, m_lane.id, EventKind::TaskStart, m_state}); }
    void taskEnd(int task, std::int64_t t = Clock::nowNs()) { record({t, task, 0, m_lane.id, EventKind::TaskEnd, m_state}); }
    void lockAcquired(std::uint32_t lock, int task, std::int64_t t) { record({t, task, lock, m_lane.id, EventKind::LockAcquire, m_state}); }
    void lockReleased(std::uint32_t lock, int task, std::int64_t t) { record({t, task, lock, m_lane.id, EventKind::LockRelease, m_state}); }
    void consoleWrite(std::string_view text, int task, std::int64_t t = Clock::nowNs())
    {
        const auto index = std::uint32_t(m_texts.size());
        m_texts.push_back(std::string(text));
        record({t, task, index, m_lane.id, EventKind::ConsoleWrite, m_state});
    }
    void gilAcquired(std::uint32_t gilLane, int task, std::int64_t t) { record({t, task, gilLane, m_lane.id, EventKind::GilAcquire, m_state}); }
    void gilReleased(std::uint32_t gilLane, int task, std::int64_t t) { record({t, task, gilLane, m_lane.id, EventKind::GilRelease, m_state}); }
    // The CPU time the thread got during its current span, recorded as the span ends.
    void cpuUsage(std::int64_t cpuNs, int cpu, int task, std::int64_t t)
    {
        Event e{t, task, std::uint32_t(std::clamp<std::int64_t>(cpuNs / 1000, 0, UINT32_MAX)), m_lane.id, EventKind::CpuUsage, m_state};
        e.cpu = cpu < 0 || cpu >= Event::noCpu ? Event::noCpu : std::uint16_t(cpu);
        record(e);
    }
    void taskFailed(int task, int signal, std::int64_t t = Clock::nowNs()) { record({t, task, std::uint32_t(signal), m_lane.id, EventKind::TaskFailed, m_state}); }
    void end(std::int64_t t = Clock::nowNs()) { record({t, -1, 0, m_lane.id, EventKind::LaneEnd, m_state}); }
    void record(const Event &event) { m_events.push_back(event); }

    SpanState state() const { return m_state; } // writer only
    int stateTask() const { return m_stateTask; } // writer only

    // Reader side.
    std::size_t eventCount() const { return m_events.size(); }
    template <class F>
    void forEachEvent(std::size_t from, std::size_t to, F &&f) const { m_events.forEach(from, to, f); }
    std::vector<std::string> texts() const;

private:
    Lane m_lane;
    SpanState m_state = SpanState::Running; // writer only, like the two below
    int m_stateTask = -1;
    bool m_hasState = false;
    AppendOnlyList<Event> m_events;
    AppendOnlyList<std::string, 16> m_texts;
};

// Everything recorded up to one moment: lanes, their events merged by time
// (each lane's own order kept), and the console texts the events refer to.
struct Snapshot
{
    std::int64_t originNs = 0;
    std::int64_t takenNs = 0;
    std::vector<Lane> lanes;
    std::vector<Event> events;
    std::vector<std::vector<std::string>> texts; // per lane

    const std::string &text(const Event &consoleWrite) const { return texts[consoleWrite.lane][consoleWrite.arg]; }
};

class Recorder
{
public:
    explicit Recorder(std::int64_t originNs = Clock::nowNs()) : m_originNs(originNs) { }
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    // The run's time zero; relative times in results and traces count from here.
    std::int64_t originNs() const { return m_originNs.load(std::memory_order_relaxed); }
    void setOriginNs(std::int64_t t) { m_originNs.store(t, std::memory_order_relaxed); }

    // Adding a lane takes a lock; recording into it afterwards does not.
    // The returned reference stays valid for the recorder's lifetime.
    LaneRecorder &addLane(std::string name, LaneKind kind, int pid, int tid);
    LaneRecorder &addCurrentThreadLane(std::string name);

    std::size_t laneCount() const;
    Snapshot snapshot() const;

private:
    std::vector<const LaneRecorder *> laneList() const;

    std::atomic<std::int64_t> m_originNs;
    mutable std::mutex m_mutex;
    std::deque<std::unique_ptr<LaneRecorder>> m_lanes;
};

} // namespace lab
