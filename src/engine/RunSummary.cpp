#include "RunSummary.h"

#include "QtStrings.h"
#include "RunResult.h"

#include <QJsonArray>
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

} // namespace

QJsonObject RunSummary::toJson(const RunResult &result)
{
    QJsonObject params;
    for (const ParamSpec &spec : paramSpecs())
        params.insert(toQString(spec.key), result.params.*spec.field);

    QJsonArray lanes;
    for (const Lane &lane : result.recording.lanes)
        lanes.append(QJsonObject{{u"id"_s, int(lane.id)}, {u"name"_s, toQString(lane.name)}, {u"kind"_s, toQString(toString(lane.kind))},
                                 {u"pid"_s, lane.pid}, {u"tid"_s, lane.tid}});

    QJsonArray tasks;
    for (const TaskTiming &task : result.tasks) {
        auto seconds = [](std::int64_t ns) { return ns < 0 ? QJsonValue() : QJsonValue(double(ns) / 1e9); };
        tasks.append(QJsonObject{{u"id"_s, task.id}, {u"lane"_s, task.startNs < 0 ? QJsonValue() : QJsonValue(int(task.lane))},
                                 {u"start_s"_s, seconds(task.startNs)}, {u"end_s"_s, seconds(task.endNs)}});
    }

    QJsonArray console;
    for (const std::string &line : result.console)
        console.append(toQString(line));

    QJsonObject summary{
        {u"experiment"_s, toQString(result.experiment)},
        {u"params"_s, params},
        {u"wall_s"_s, result.wallSeconds()},
        {u"cpu_count"_s, result.cpuCount},
        {u"lanes"_s, lanes},
        {u"tasks"_s, tasks},
        {u"start_order"_s, intArray(result.startOrder)},
        {u"finish_order"_s, intArray(result.finishOrder)},
        {u"console"_s, console},
        {u"event_count"_s, qint64(result.recording.events.size())},
        {u"cancelled"_s, result.cancelled},
    };
    if (!result.error.empty())
        summary.insert(u"error"_s, toQString(result.error));
    return summary;
}

} // namespace lab
