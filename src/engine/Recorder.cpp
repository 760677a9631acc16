#include "Recorder.h"

#include <algorithm>

#include <unistd.h>

namespace lab {

std::vector<std::string> LaneRecorder::texts() const
{
    std::vector<std::string> out;
    const auto n = m_texts.size();
    out.reserve(n);
    m_texts.forEach(0, n, [&](const std::string &s) { out.push_back(s); });
    return out;
}

LaneRecorder &Recorder::addLane(std::string name, LaneKind kind, int pid, int tid)
{
    std::lock_guard lock(m_mutex);
    Lane lane{std::uint32_t(m_lanes.size()), std::move(name), kind, pid, tid};
    return *m_lanes.emplace_back(std::make_unique<LaneRecorder>(std::move(lane)));
}

LaneRecorder &Recorder::addCurrentThreadLane(std::string name)
{
    return addLane(std::move(name), LaneKind::Thread, int(getpid()), int(gettid()));
}

std::size_t Recorder::laneCount() const
{
    std::lock_guard lock(m_mutex);
    return m_lanes.size();
}

std::vector<const LaneRecorder *> Recorder::laneList() const
{
    std::lock_guard lock(m_mutex);
    std::vector<const LaneRecorder *> out;
    out.reserve(m_lanes.size());
    for (const auto &lane : m_lanes)
        out.push_back(lane.get());
    return out;
}

Snapshot Recorder::snapshot() const
{
    Snapshot snap;
    snap.originNs = originNs();
    const auto lanes = laneList();
    std::size_t total = 0;
    std::vector<std::size_t> counts;
    counts.reserve(lanes.size());
    for (const auto *lane : lanes) {
        counts.push_back(lane->eventCount());
        total += counts.back();
    }
    snap.events.reserve(total);
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        snap.lanes.push_back(lanes[i]->lane());
        // Texts are read after the event count, so every counted write has its text.
        lanes[i]->forEachEvent(0, counts[i], [&](const Event &e) { snap.events.push_back(e); });
        snap.texts.push_back(lanes[i]->texts());
    }
    // Within a lane times never decrease, so a stable sort keeps each lane's order.
    std::stable_sort(snap.events.begin(), snap.events.end(),
                     [](const Event &a, const Event &b) { return a.timeNs < b.timeNs; });
    snap.takenNs = Clock::nowNs();
    return snap;
}

} // namespace lab
