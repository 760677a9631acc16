#include "TimelineData.h"

#include <algorithm>
#include <map>
#include <optional>

namespace lab {

namespace {

// A pool map's chunks, from their workers' chunk events: a chunk lasts from
// its start to its end, or to its lane's end (a worker that died in it), or to
// the snapshot.
std::vector<ChunkInterval> chunksOf(const Snapshot &snapshot)
{
    std::vector<std::optional<ChunkInterval>> open(snapshot.lanes.size());
    std::vector<ChunkInterval> out;
    auto close = [&out](std::optional<ChunkInterval> &chunk, std::int64_t t) {
        if (!chunk)
            return;
        chunk->endNs = t;
        out.push_back(*chunk);
        chunk.reset();
    };
    for (const Event &e : snapshot.events) {
        if (e.lane >= open.size())
            continue;
        auto &chunk = open[e.lane];
        if (e.kind == EventKind::ChunkStart) {
            close(chunk, e.timeNs);
            chunk = ChunkInterval{e.lane, int(e.arg), e.task, e.task, e.timeNs, e.timeNs};
        } else if (chunk && (e.kind == EventKind::TaskStart || e.kind == EventKind::ChunkEnd)) {
            chunk->lastTask = std::max(chunk->lastTask, e.task);
        }
        if (e.kind == EventKind::ChunkEnd || e.kind == EventKind::LaneEnd)
            close(chunk, e.timeNs);
    }
    for (auto &chunk : open)
        close(chunk, snapshot.takenNs);
    std::stable_sort(out.begin(), out.end(), [](const ChunkInterval &a, const ChunkInterval &b) { return a.startNs < b.startNs; });
    return out;
}

} // namespace

namespace {

// Reads a snapshot's events in time order and builds the timeline lane by lane:
// each lane's open span, the locks it holds (a stack: released in reverse
// order), its GIL hold, and the wait it is in, for the hand-offs.
class SnapshotReader
{
public:
    explicit SnapshotReader(const Snapshot &snapshot) : m_snapshot(snapshot), m_lanes(snapshot.lanes.size())
    {
        m_out.originNs = snapshot.originNs;
        m_out.endNs = snapshot.takenNs;
        m_out.lanes = snapshot.lanes;
    }

    TimelineData read() &&
    {
        for (const Event &e : m_snapshot.events)
            if (e.lane < m_lanes.size())
                apply(e, m_lanes[e.lane]);
        closeAll();
        std::stable_sort(m_out.spans.begin(), m_out.spans.end(),
                         [](const StateSpan &a, const StateSpan &b) { return a.startNs < b.startNs; });
        m_out.chunks = chunksOf(m_snapshot);
        return std::move(m_out);
    }

private:
    struct LaneState
    {
        std::optional<StateSpan> open;
        std::vector<LockInterval> held;
        std::optional<GilInterval> gil;
        std::int64_t waitStartNs = -1; // start of the lock or GIL wait the lane is in
    };
    struct LastRelease
    {
        std::uint32_t lane = 0;
        std::int64_t timeNs = -1;
    };

    void apply(const Event &e, LaneState &lane)
    {
        switch (e.kind) {
        case EventKind::StateChange:
            close(lane, e.timeNs);
            lane.open = StateSpan{e.lane, e.state, e.task, e.timeNs, e.timeNs};
            if (e.state == SpanState::LockWait || e.state == SpanState::GilWait)
                lane.waitStartNs = e.timeNs;
            break;
        case EventKind::CpuUsage:
            if (lane.open) {
                lane.open->cpuNs = std::int64_t(e.arg) * 1000;
                lane.open->cpu = e.cpu == Event::noCpu ? -1 : int(e.cpu);
            }
            break;
        case EventKind::GilAcquire:
            handoff(Handoff::Kind::Gil, e.arg, e, lane);
            lane.gil = GilInterval{e.arg, e.lane, e.task, e.timeNs, e.timeNs};
            break;
        case EventKind::GilRelease:
            if (lane.gil) {
                lane.gil->endNs = e.timeNs;
                m_out.gil.push_back(*lane.gil);
                lane.gil.reset();
            }
            m_lastRelease[{Handoff::Kind::Gil, e.arg}] = {e.lane, e.timeNs};
            break;
        case EventKind::ConsoleWrite:
            if (e.lane < m_snapshot.texts.size() && e.arg < m_snapshot.texts[e.lane].size())
                m_out.writes.push_back(ConsoleMark{e.lane, e.task, e.timeNs, m_snapshot.text(e)});
            break;
        case EventKind::TaskFailed:
            m_out.failures.push_back(TaskFailure{e.lane, e.task, int(e.arg), e.timeNs});
            break;
        case EventKind::LaneEnd:
            close(lane, e.timeNs);
            break;
        case EventKind::LockAcquire:
            split(lane, e.timeNs);
            handoff(Handoff::Kind::Lock, e.arg, e, lane);
            lane.held.push_back(LockInterval{e.lane, e.arg, e.task, e.timeNs, e.timeNs});
            break;
        case EventKind::LockRelease:
            releaseLock(e, lane);
            break;
        default:
            break;
        }
    }

    void releaseLock(const Event &e, LaneState &lane)
    {
        split(lane, e.timeNs);
        const auto it = std::find_if(lane.held.rbegin(), lane.held.rend(), [&e](const LockInterval &l) { return l.lock == e.arg; });
        if (it != lane.held.rend()) {
            LockInterval done = *it;
            done.endNs = e.timeNs;
            m_out.locks.push_back(done);
            lane.held.erase(std::next(it).base());
        }
        m_lastRelease[{Handoff::Kind::Lock, e.arg}] = {e.lane, e.timeNs};
    }

    // A wait that ends in an acquire was ended by the latest release of the
    // same object by another lane, if that release happened during the wait.
    void handoff(Handoff::Kind kind, std::uint32_t object, const Event &acquire, LaneState &lane)
    {
        const auto it = m_lastRelease.find({kind, object});
        if (lane.waitStartNs >= 0 && it != m_lastRelease.end() && it->second.lane != acquire.lane
            && it->second.timeNs >= lane.waitStartNs)
            m_out.handoffs.push_back(Handoff{kind, object, it->second.lane, acquire.lane, it->second.timeNs, acquire.timeNs});
        lane.waitStartNs = -1;
    }

    void close(LaneState &lane, std::int64_t t)
    {
        if (lane.open && t > lane.open->startNs) {
            lane.open->endNs = t;
            m_out.spans.push_back(*lane.open);
        }
        lane.open.reset();
    }

    // Lock events cut the lane's span in two, so lock intervals enclose whole spans.
    void split(LaneState &lane, std::int64_t t)
    {
        if (!lane.open)
            return;
        StateSpan rest = *lane.open;
        close(lane, t);
        rest.startNs = t;
        lane.open = rest;
    }

    // What is still open when the snapshot was taken ends then.
    void closeAll()
    {
        const std::int64_t t = m_snapshot.takenNs;
        for (LaneState &lane : m_lanes) {
            close(lane, t);
            for (auto it = lane.held.rbegin(); it != lane.held.rend(); ++it) {
                it->endNs = t;
                m_out.locks.push_back(*it);
            }
            if (lane.gil) {
                lane.gil->endNs = t;
                m_out.gil.push_back(*lane.gil);
            }
        }
    }

    const Snapshot &m_snapshot;
    std::vector<LaneState> m_lanes;
    std::map<std::pair<Handoff::Kind, std::uint32_t>, LastRelease> m_lastRelease;
    TimelineData m_out;
};

} // namespace

TimelineData TimelineData::fromSnapshot(const Snapshot &snapshot)
{
    return SnapshotReader(snapshot).read();
}

} // namespace lab
