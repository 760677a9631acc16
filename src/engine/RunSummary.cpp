#include "RunSummary.h"

#include "QtStrings.h"
#include "RunResult.h"

#include <QJsonArray>

#include <algorithm>
#include <QString>

using namespace Qt::StringLiterals;

namespace lab {
namespace {

QJsonArray intArray(const std::vector<int> &values)
{
    QJsonArray out;
    for (int v : values)
        out.append(v);
    return out;
}

// The experiment's own parameters; a choice by its name.
QJsonObject paramsJson(const RunResult &result, const ExperimentInfo *info)
{
    QJsonObject params;
    for (const ParamSpec &spec : paramSpecs()) {
        if (info && std::find(info->params.begin(), info->params.end(), spec.key) == info->params.end())
            continue;
        const int value = result.params.*spec.field;
        params.insert(toQString(spec.key), spec.choices.empty() ? QJsonValue(value) : QJsonValue(toQString(spec.format(value))));
    }

    return params;
}

// Each lane, with the CPU time it was given in its measured (compute) spans.
QJsonArray lanesJson(const RunResult &result)
{
    std::vector<std::int64_t> cpuUs(result.recording.lanes.size(), 0);
    std::vector<bool> measured(result.recording.lanes.size(), false);
    for (const Event &e : result.recording.events)
        if (e.kind == EventKind::CpuUsage && e.lane < cpuUs.size()) {
            cpuUs[e.lane] += e.arg;
            measured[e.lane] = true;
        }
    QJsonArray lanes;
    for (const Lane &lane : result.recording.lanes) {
        QJsonObject entry{{u"id"_s, int(lane.id)}, {u"name"_s, toQString(lane.name)}, {u"kind"_s, toQString(toString(lane.kind))},
                          {u"pid"_s, lane.pid}, {u"tid"_s, lane.tid}};
        if (lane.id < measured.size() && measured[lane.id])
            entry.insert(u"cpu_s"_s, double(cpuUs[lane.id]) / 1e6);
        lanes.append(entry);
    }

    return lanes;
}

QJsonArray tasksJson(const RunResult &result)
{
    QJsonArray tasks;
    for (const TaskTiming &task : result.tasks) {
        auto seconds = [](std::int64_t ns) { return ns < 0 ? QJsonValue() : QJsonValue(double(ns) / 1e9); };
        QJsonObject entry{{u"id"_s, task.id}, {u"lane"_s, task.startNs < 0 ? QJsonValue() : QJsonValue(int(task.lane))},
                          {u"start_s"_s, seconds(task.startNs)}, {u"end_s"_s, seconds(task.endNs)}};
        if (result.chunksize > 0)
            entry.insert(u"chunk"_s, task.chunk < 0 ? QJsonValue() : QJsonValue(task.chunk));
        tasks.append(entry);
    }

    return tasks;
}

// What a computing experiment's tasks returned, in submission order whatever the completion order.
QJsonArray resultsJson(const RunResult &result, const ExperimentInfo &info)
{
    // A factorial's result is its digit count; pool-order's task returns its id.
    const bool factorials = usesParam(info, "n");
    QJsonArray results;
    for (std::size_t task = 0; task < result.results.size(); ++task)
        results.append(QJsonObject{{u"task"_s, int(task)},
                                   {factorials ? u"digits"_s : u"value"_s, result.results[task] < 0 ? QJsonValue() : QJsonValue(qint64(result.results[task]))}});
    return results;
}

QJsonArray failedJson(const RunResult &result)
{
    QJsonArray failed;
    for (const FailedWorker &worker : result.failed)
        failed.append(QJsonObject{{u"name"_s, toQString(worker.name)}, {u"pid"_s, worker.pid}, {u"signal"_s, worker.signal},
                                  {u"exit_code"_s, worker.exitCode}, {u"tasks"_s, intArray(worker.tasks)},
                                  {u"reason"_s, toQString(worker.reason)}});
    return failed;
}

} // namespace

QJsonObject RunSummary::toJson(const RunResult &result)
{
    const ExperimentInfo *info = findExperiment(result.experiment);
    QJsonArray console;
    for (const std::string &line : result.console)
        console.append(toQString(line));

    QJsonObject summary{
        {u"experiment"_s, toQString(result.experiment)},
        {u"params"_s, paramsJson(result, info)},
        {u"wall_s"_s, result.wallSeconds()},
        {u"cpu_count"_s, result.cpuCount},
        {u"lanes"_s, lanesJson(result)},
        {u"tasks"_s, tasksJson(result)},
        {u"start_order"_s, intArray(result.startOrder)},
        {u"finish_order"_s, intArray(result.finishOrder)},
        {u"console"_s, console},
        {u"event_count"_s, qint64(result.recording.events.size())},
        {u"cancelled"_s, result.cancelled},
    };
    if (!result.error.empty())
        summary.insert(u"error"_s, toQString(result.error));

    const bool computes = info && info->group != ExperimentGroup::IoBound;
    if (computes) {
        summary.insert(u"results"_s, resultsJson(result, *info));
        summary.insert(u"completion_order"_s, intArray(result.completionOrder));
    }
    if (result.chunksize > 0)
        summary.insert(u"chunksize"_s, result.chunksize);
    summary.insert(u"gil"_s, QJsonObject{{u"enabled"_s, result.gil.enabled},
                                         {u"model"_s, true},
                                         {u"switch_interval_ms"_s, result.gil.switchIntervalMs},
                                         {u"handoffs"_s, qint64(result.gil.handoffs)}});
    if (!result.startMethod.empty())
        summary.insert(u"start_method"_s, toQString(result.startMethod));
    if (computes || !result.failed.empty()) {
        summary.insert(u"failed"_s, failedJson(result));
    }
    return summary;
}

} // namespace lab
