#include "TimelineData.h"

#include <algorithm>
#include <optional>

namespace lab {

TimelineData TimelineData::fromSnapshot(const Snapshot &snapshot)
{
    struct LaneState
    {
        std::optional<StateSpan> open;
        std::vector<LockInterval> held; // a stack: locks are released in reverse order
    };
    std::vector<LaneState> lanes(snapshot.lanes.size());
    TimelineData out;

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
            break;
        case EventKind::LaneEnd:
            close(lane, e.timeNs);
            break;
        case EventKind::LockAcquire:
            split(lane, e.timeNs);
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
    }
    std::stable_sort(out.spans.begin(), out.spans.end(),
                     [](const StateSpan &a, const StateSpan &b) { return a.startNs < b.startNs; });
    return out;
}

} // namespace lab
