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

TimelineData TimelineData::fromSnapshot(const Snapshot &snapshot)
{
    struct LaneState
    {
        std::optional<StateSpan> open;
        std::vector<LockInterval> held; // a stack: locks are released in reverse order
        std::optional<GilInterval> gil;
        std::int64_t waitStartNs = -1;  // start of the lock or GIL wait the lane is in
    };
    struct LastRelease
    {
        std::uint32_t lane = 0;
        std::int64_t timeNs = -1;
    };
    std::vector<LaneState> lanes(snapshot.lanes.size());
    std::map<std::pair<Handoff::Kind, std::uint32_t>, LastRelease> lastRelease;
    TimelineData out;
    out.originNs = snapshot.originNs;
    out.endNs = snapshot.takenNs;
    out.lanes = snapshot.lanes;

    // A wait that ends in an acquire was ended by the latest release of the
    // same object by another lane, if that release happened during the wait.
    auto handoff = [&](Handoff::Kind kind, std::uint32_t object, const Event &acquire, LaneState &lane) {
        const auto it = lastRelease.find({kind, object});
        if (lane.waitStartNs >= 0 && it != lastRelease.end() && it->second.lane != acquire.lane
            && it->second.timeNs >= lane.waitStartNs)
            out.handoffs.push_back(Handoff{kind, object, it->second.lane, acquire.lane, it->second.timeNs, acquire.timeNs});
        lane.waitStartNs = -1;
    };

    auto close = [&out](LaneState &lane, std::int64_t t) {
        if (lane.open && t > lane.open->startNs) {
            lane.open->endNs = t;
            out.spans.push_back(*lane.open);
        }
        lane.open.reset();
    };

    auto split = [&close](LaneState &lane, std::int64_t t) {
        if (!lane.open)
            return;
        StateSpan rest = *lane.open;
        close(lane, t);
        rest.startNs = t;
        lane.open = rest;
    };

    for (const Event &e : snapshot.events) {
        if (e.lane >= lanes.size())
            continue;
        LaneState &lane = lanes[e.lane];
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
                out.gil.push_back(*lane.gil);
                lane.gil.reset();
            }
            lastRelease[{Handoff::Kind::Gil, e.arg}] = {e.lane, e.timeNs};
            break;
        case EventKind::ConsoleWrite:
            if (e.lane < snapshot.texts.size() && e.arg < snapshot.texts[e.lane].size())
                out.writes.push_back(ConsoleMark{e.lane, e.task, e.timeNs, snapshot.text(e)});
            break;
        case EventKind::TaskFailed:
            out.failures.push_back(TaskFailure{e.lane, e.task, int(e.arg), e.timeNs});
            break;
        case EventKind::LaneEnd:
            close(lane, e.timeNs);
            break;

        case EventKind::LockAcquire:
            split(lane, e.timeNs);
            handoff(Handoff::Kind::Lock, e.arg, e, lane);
            lane.held.push_back(LockInterval{e.lane, e.arg, e.task, e.timeNs, e.timeNs});
            break;
        case EventKind::LockRelease: {
            split(lane, e.timeNs);
            const auto it = std::find_if(lane.held.rbegin(), lane.held.rend(),
                                         [&e](const LockInterval &l) { return l.lock == e.arg; });
            if (it != lane.held.rend()) {
                LockInterval done = *it;
                done.endNs = e.timeNs;
                out.locks.push_back(done);
                lane.held.erase(std::next(it).base());
            }
            lastRelease[{Handoff::Kind::Lock, e.arg}] = {e.lane, e.timeNs};
            break;
        }
        default:
            break;
        }
    }
    for (LaneState &lane : lanes) {
        close(lane, snapshot.takenNs);
        for (auto it = lane.held.rbegin(); it != lane.held.rend(); ++it) {
            it->endNs = snapshot.takenNs;
            out.locks.push_back(*it);
        }
        if (lane.gil) {
            lane.gil->endNs = snapshot.takenNs;
            out.gil.push_back(*lane.gil);
        }
    }

    std::stable_sort(out.spans.begin(), out.spans.end(),
                     [](const StateSpan &a, const StateSpan &b) { return a.startNs < b.startNs; });
    out.chunks = chunksOf(snapshot);
    return out;
}

} // namespace lab
