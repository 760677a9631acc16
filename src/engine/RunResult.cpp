#include "RunResult.h"

#include <algorithm>

namespace lab {

void RunResult::deriveTasks(int taskCount)
{
    tasks.assign(std::size_t(taskCount), TaskTiming{});
    for (int i = 0; i < taskCount; ++i)
        tasks[std::size_t(i)].id = i;
    startOrder.clear();
    finishOrder.clear();
    // The chunk each lane is running, from its worker's chunk events.
    std::vector<int> laneChunk(recording.lanes.size(), -1);
    // Events are merged by time, so appending in event order gives the orders.
    for (const Event &e : recording.events) {
        if ((e.kind == EventKind::ChunkStart || e.kind == EventKind::ChunkEnd) && e.lane < laneChunk.size())
            laneChunk[e.lane] = e.kind == EventKind::ChunkStart ? int(e.arg) : -1;
        if (e.task < 0 || e.task >= taskCount)
            continue;
        auto &task = tasks[std::size_t(e.task)];
        if (e.kind == EventKind::TaskStart) {
            task.lane = e.lane;
            task.chunk = e.lane < laneChunk.size() ? laneChunk[e.lane] : -1;
            task.startNs = e.timeNs - recording.originNs;
            startOrder.push_back(e.task);
        } else if (e.kind == EventKind::TaskEnd) {
            task.endNs = e.timeNs - recording.originNs;
            finishOrder.push_back(e.task);
        }
    }
}

} // namespace lab
