#include "ChromeTrace.h"

#include "QtStrings.h"
#include "RunResult.h"
#include "TimelineData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <map>
#include <set>
#include <utility>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

struct TrackId
{
    int pid = 0;
    int tid = 0;
};

// Real pids and tids, so Perfetto shows what the OS saw. Perfetto applies a
// thread_name by tid alone, so every lane's tid is unique across the trace and
// non-zero: the modelled GIL's lane (tid 0) and a tid the OS reused for a later
// thread get numbers above any the kernel hands out (PID_MAX_LIMIT, 2^22).
std::vector<TrackId> trackIds(const std::vector<Lane> &lanes)
{
    std::vector<TrackId> ids;
    std::set<int> used;
    int spare = 1 << 22;
    for (const Lane &lane : lanes) {
        TrackId id{lane.pid, lane.tid};
        if (id.tid <= 0 || !used.insert(id.tid).second) {
            while (!used.insert(spare).second)
                ++spare;
            id.tid = spare;
        }
        ids.push_back(id);
    }
    return ids;
}

// Runnable threads per process over time -- the lanes in the running state --
// as Perfetto counter events, one track per process.
QJsonArray runnableCounters(const TimelineData &timeline, const std::vector<TrackId> &ids,
                            const std::function<double(std::int64_t)> &us)
{
    std::map<int, std::map<std::int64_t, int>> changes; // pid -> time -> change in count
    for (const StateSpan &span : timeline.spans) {
        if (span.state != SpanState::Running || timeline.lanes[span.lane].kind == LaneKind::Gil)
            continue;
        changes[ids[span.lane].pid][span.startNs] += 1;
        changes[ids[span.lane].pid][span.endNs] -= 1;
    }
    QJsonArray events;
    for (const auto &[pid, byTime] : changes) {
        int runnable = 0;
        for (const auto &[t, change] : byTime) {
            runnable += change;
            events.append(QJsonObject{{u"ph"_s, u"C"_s}, {u"name"_s, u"runnable threads"_s}, {u"pid"_s, pid},
                                      {u"ts"_s, us(t)}, {u"args"_s, QJsonObject{{u"threads"_s, runnable}}}});
        }
    }
    return events;
}

// The arrows the window draws, as flow events: from each lock release (GIL drop)
// to the acquire (take) it allowed. The end binds to the slice enclosing it.
QJsonArray handoffFlows(const TimelineData &timeline, const std::vector<TrackId> &ids,
                        const std::function<double(std::int64_t)> &us)
{
    QJsonArray events;
    int flowId = 0;
    for (const Handoff &h : timeline.handoffs) {
        const QString name = h.kind == Handoff::Kind::Gil ? u"gil-handoff"_s : u"lock-handoff"_s;
        const QJsonObject args{{u"object"_s, int(h.object)}};
        ++flowId;
        events.append(QJsonObject{{u"ph"_s, u"s"_s}, {u"cat"_s, u"handoff"_s}, {u"name"_s, name}, {u"id"_s, flowId},
                                  {u"ts"_s, us(h.releaseNs)}, {u"pid"_s, ids[h.fromLane].pid}, {u"tid"_s, ids[h.fromLane].tid},
                                  {u"args"_s, args}});
        events.append(QJsonObject{{u"ph"_s, u"f"_s}, {u"bp"_s, u"e"_s}, {u"cat"_s, u"handoff"_s}, {u"name"_s, name},
                                  {u"id"_s, flowId}, {u"ts"_s, us(h.acquireNs)}, {u"pid"_s, ids[h.toLane].pid},
                                  {u"tid"_s, ids[h.toLane].tid}, {u"args"_s, args}});
    }
    return events;
}

// Sets the track (pid, tid) of the lane an event belongs to.
void place(QJsonObject &o, const std::vector<TrackId> &ids, std::uint32_t lane)
{
    o.insert(u"pid"_s, ids[lane].pid);
    o.insert(u"tid"_s, ids[lane].tid);
}

// Names and orders the processes and threads, as the window lists its lanes.
void appendTrackNames(QJsonArray &events, const std::vector<Lane> &lanes, const std::vector<TrackId> &ids)
{
    std::set<int> namedProcesses;
    for (const Lane &lane : lanes) {
        const TrackId &id = ids[lane.id];
        if (namedProcesses.insert(id.pid).second) {
            const QString name = lane.kind == LaneKind::Process ? toQString(lane.name) : u"MainProcess"_s;
            events.append(QJsonObject{{u"ph"_s, u"M"_s}, {u"name"_s, u"process_name"_s},
                                      {u"pid"_s, id.pid}, {u"args"_s, QJsonObject{{u"name"_s, name}}}});
            events.append(QJsonObject{{u"ph"_s, u"M"_s}, {u"name"_s, u"process_sort_index"_s},
                                      {u"pid"_s, id.pid}, {u"args"_s, QJsonObject{{u"sort_index"_s, int(lane.id)}}}});
        }
        QJsonObject name{{u"ph"_s, u"M"_s}, {u"name"_s, u"thread_name"_s},
                         {u"args"_s, QJsonObject{{u"name"_s, toQString(lane.name)}}}};
        place(name, ids, lane.id);
        events.append(name);
        QJsonObject sort{{u"ph"_s, u"M"_s}, {u"name"_s, u"thread_sort_index"_s},
                         {u"args"_s, QJsonObject{{u"sort_index"_s, int(lane.id)}}}};
        place(sort, ids, lane.id);
        events.append(sort);
    }

}

// Lock holds, GIL holds and state spans as X slices.
void appendSlices(QJsonArray &events, const RunResult &result, const TimelineData &timeline, const std::vector<TrackId> &ids,
                  const std::function<double(std::int64_t)> &us)
{
    const Snapshot &rec = result.recording;
    // Lock intervals first: at equal start times the enclosing slice must come first.
    for (const LockInterval &lock : timeline.locks) {
        QJsonObject o{{u"ph"_s, u"X"_s}, {u"cat"_s, u"lock"_s},
                      {u"name"_s, u"lock-held"_s}, {u"ts"_s, us(lock.startNs)},
                      {u"dur"_s, double(lock.endNs - lock.startNs) / 1000.0},
                      {u"args"_s, QJsonObject{{u"lock"_s, int(lock.lock)}, {u"task"_s, lock.task}}}};
        place(o, ids, lock.lane);
        events.append(o);
    }
    // The GIL model's lane: one slice per hold, named after the holder.
    for (const GilInterval &hold : timeline.gil) {
        QJsonObject o{{u"ph"_s, u"X"_s}, {u"cat"_s, u"gil"_s},
                      {u"name"_s, toQString(rec.lanes[hold.holder].name)}, {u"ts"_s, us(hold.startNs)},
                      {u"dur"_s, double(hold.endNs - hold.startNs) / 1000.0},
                      {u"args"_s, QJsonObject{{u"holder"_s, int(hold.holder)}, {u"task"_s, hold.task}, {u"model"_s, true}}}};
        place(o, ids, hold.gilLane);
        events.append(o);
    }
    std::map<int, int> chunkOf; // task -> the chunk of the map it ran in
    for (const TaskTiming &task : result.tasks)
        if (task.chunk >= 0)
            chunkOf[task.id] = task.chunk;
    for (const StateSpan &span : timeline.spans) {
        QJsonObject args{{u"task"_s, span.task}};
        if (const auto chunk = chunkOf.find(span.task); chunk != chunkOf.end())
            args.insert(u"chunk"_s, chunk->second);
        if (span.cpuNs >= 0) {
            args.insert(u"cpu_ms"_s, double(span.cpuNs) / 1e6);
            args.insert(u"cpu"_s, span.cpu);
        }
        QJsonObject o{{u"ph"_s, u"X"_s}, {u"cat"_s, u"state"_s},
                      {u"name"_s, toQString(toString(span.state))}, {u"ts"_s, us(span.startNs)},
                      {u"dur"_s, double(span.durationNs()) / 1000.0},
                      {u"args"_s, args}};
        place(o, ids, span.lane);
        events.append(o);
    }
}

// Task starts and ends, console writes, lock and GIL events as instants.
void appendInstants(QJsonArray &events, const Snapshot &rec, const std::vector<TrackId> &ids, const std::function<double(std::int64_t)> &us)
{
    for (const Event &e : rec.events) {
        if (e.kind == EventKind::StateChange || e.kind == EventKind::LaneEnd || e.kind == EventKind::CpuUsage)
            continue; // drawn as slices, or carried by them
        QJsonObject args{{u"task"_s, e.task}};
        if (e.kind == EventKind::ConsoleWrite)
            args.insert(u"text"_s, toQString(rec.text(e)));
        if (e.kind == EventKind::LockAcquire || e.kind == EventKind::LockRelease)
            args.insert(u"lock"_s, int(e.arg));
        if (e.kind == EventKind::TaskFailed)
            args.insert(u"signal"_s, int(e.arg));
        QJsonObject o{{u"ph"_s, u"i"_s}, {u"s"_s, u"t"_s},
                      {u"cat"_s, u"event"_s}, {u"name"_s, toQString(toString(e.kind))},
                      {u"ts"_s, us(e.timeNs)}, {u"args"_s, args}};
        place(o, ids, e.lane);
        events.append(o);
    }

}

} // namespace

QByteArray ChromeTrace::toJson(const RunResult &result)
{
    const Snapshot &rec = result.recording;
    const auto origin = rec.originNs;
    const auto ids = trackIds(rec.lanes);
    const std::function<double(std::int64_t)> us = [origin](std::int64_t t) { return double(t - origin) / 1000.0; };
    const TimelineData timeline = TimelineData::fromSnapshot(rec);
    QJsonArray events;
    appendTrackNames(events, rec.lanes, ids);
    appendSlices(events, result, timeline, ids, us);
    appendInstants(events, rec, ids, us);
    for (const auto &event : runnableCounters(timeline, ids, us))
        events.append(event);
    for (const auto &event : handoffFlows(timeline, ids, us))
        events.append(event);

    QJsonObject root{{u"traceEvents"_s, events},
                     {u"displayTimeUnit"_s, u"ms"_s},
                     {u"otherData"_s, QJsonObject{{u"experiment"_s, toQString(result.experiment)},
                                                               {u"wall_s"_s, result.wallSeconds()},
                                                               {u"cancelled"_s, result.cancelled}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace lab
